/**
 * The dashboard state's certificates, from the real certificate store filled with `openssl`
 * certificates: days left, expiring margins (30 days, or the resolver's `renewBefore`), a refused
 * file with its element among the configuration errors (once, even when the runtime's error book
 * has it too), and counts. The live push is checked in Chromium (`test/dashboard/ui-certificates`).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestCa, type CertFiles, type TestCa } from '../../test/helpers/certificates';
import type { RuntimeStoreController } from '../runtime/runtime-store';
import { createCertificateStore, type TlsCertificateStore } from '../tls/certificate-store';
import type { CertificateInput } from '../tls/types';
import { OverrideStore } from './override-store';
import { ServerStatsRecorder } from './server-stats';
import { dashboardState } from './state-view';
import { sourcesOf } from '../../test/support/dashboard/dashboard-app';
import { storeWith } from '../../test/support/dashboard/merged-store';

const access = { viewOpen: true, actions: false, methods: [], docker: false };
let ca: TestCa;
let long: CertFiles;
let soon: CertFiles;
let acme: CertFiles;
let certs: TlsCertificateStore;
let runtime: RuntimeStoreController;

const input = (files: CertFiles, extra: Partial<CertificateInput> = {}): CertificateInput => ({
  id: `file:${files.certFile}`,
  source: 'file',
  certPem: files.certPem,
  keyPem: files.keyPem,
  ...extra,
});

beforeAll(async () => {
  ca = createTestCa();
  long = ca.issue({ cn: 'long.test', days: 200, key: 'ec' });
  soon = ca.issue({ cn: 'soon.test', days: 12, key: 'ec' });
  acme = ca.issue({ cn: 'acme.test', days: 60, key: 'ec' });
  certs = await createCertificateStore();
}, 30_000);
afterAll(() => ca?.close());
afterEach(async () => runtime?.close());

function stateWith(renewBefore?: Record<string, number>) {
  runtime = storeWith();
  const sources = { ...sourcesOf(runtime), certificates: certs, ...(renewBefore === undefined ? {} : { renewBefore }) };
  const overrides = new OverrideStore({ runtime: () => runtime.current });
  return dashboardState(runtime.current, { sources, stats: new ServerStatsRecorder(), overrides, access });
}

describe('dashboard state: certificates', () => {
  it('lists each certificate with issuer, days left and state, sorted by first domain, and counts them', () => {
    certs.replace('file', [
      input(long, { element: 'tls.certificates[0]' }),
      input(soon, { element: 'tls.certificates[1]' }),
      input(long, { id: 'file:bad.pem', element: 'tls.certificates[2]', keyPem: soon.keyPem }),
    ]);
    certs.replace('acme:le', [input(acme, { id: 'acme:le:acme.test', source: 'acme', resolver: 'le' })]);
    const state = stateWith();
    const files = state.certificates.filter((c) => c.source !== 'generated');
    expect(files.map((c) => [c.domains[0] ?? c.id, c.state, c.daysLeft, c.expiringDays, c.issuer])).toEqual([
      ['acme.test', 'valid', 59, 30, 'Junction Test'],
      ['file:bad.pem', 'error', undefined, 30, undefined],
      ['long.test', 'valid', 199, 30, 'Junction Test'],
      ['soon.test', 'expiring', 11, 30, 'Junction Test'],
    ]);
    expect(files[1]).toMatchObject({
      element: 'tls.certificates[2]',
      serving: false,
      error: { code: 'LB_TLS_KEY_MISMATCH' },
    });
    expect(state.counts.certificates).toEqual({ total: 5, warnings: 1, errors: 1 });
  });

  it("uses the ACME resolver's renewBefore as the expiring margin", () => {
    const state = stateWith({ le: 90 * 86_400_000 });
    expect(state.certificates.find((c) => c.id === 'acme:le:acme.test')).toMatchObject({
      state: 'expiring',
      expiringDays: 90,
      resolver: 'le',
    });
  });

  it('puts a refused certificate file among the configuration errors, once', () => {
    const state = stateWith();
    const error = {
      code: 'LB_TLS_KEY_MISMATCH',
      message: expect.stringContaining('does not belong'),
      path: 'tls.certificates[2]',
    };
    expect(state.looseErrors).toEqual([error]);
    const message = state.looseErrors[0]?.message ?? '';
    runtime.apply(runtime.current.config, [
      { code: 'LB_TLS_KEY_MISMATCH', message, path: 'tls.certificates[2]', provider: 'file' },
    ]);
    const again = dashboardState(runtime.current, {
      sources: { ...sourcesOf(runtime), certificates: certs },
      stats: new ServerStatsRecorder(),
      overrides: new OverrideStore({ runtime: () => runtime.current }),
      access,
    });
    expect(again.looseErrors).toEqual([{ ...error, provider: 'file' }]);
  });
});
