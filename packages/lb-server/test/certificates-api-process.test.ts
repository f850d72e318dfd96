/**
 * The whole path a certificate file takes to the API and the dashboard, in the real `lb-server`
 * process: the file provider's `tls.certificates` (files `openssl` made in the test) → the
 * certificate store → `/api/certificates`, `/api/overview`, `/api/rawdata` and the dashboard
 * state. A rewritten configuration pointing at a pair whose key does not match is reported on
 * its element while the previous certificate keeps serving.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertificateRepresentation } from '../src/api/certificate-view';
import type { Overview } from '../src/api/overview-view';
import type { RawData } from '../src/api/rawdata-view';
import type { DashboardState } from '../src/dashboard/state-types';
import { createTestCa, opensslFingerprint, type CertFiles, type TestCa } from './helpers/certificates';
import { startLbProcess, type LbProcess } from './helpers/lb-process';
import { until } from './helpers/poll';

const yaml = (pairs: readonly { certFile: string; keyFile: string }[]): string => `
http:
  routers:
    shop:
      rule: Host(\`shop.test\`)
      service: shop
      tls: {}
  services:
    shop:
      loadBalancer:
        servers:
          - url: http://127.0.0.1:9
tls:
  certificates:
${pairs.map((p) => `    - certFile: ${p.certFile}\n      keyFile: ${p.keyFile}`).join('\n')}
`;

describe('certificates from the file provider to the API, in the real process', { timeout: 60_000 }, () => {
  let ca: TestCa;
  let dir: string;
  let file: string;
  let shop: CertFiles;
  let soon: CertFiles;
  let lb: LbProcess;
  const get = async <T>(path: string): Promise<T> => (await fetch(`${lb.traefik}${path}`)).json() as Promise<T>;
  const files = async (): Promise<CertificateRepresentation[]> =>
    (await get<CertificateRepresentation[]>('/api/certificates')).filter((c) => c.source === 'file');

  beforeAll(async () => {
    ca = createTestCa();
    shop = ca.issue({ cn: 'shop.test', days: 200 });
    soon = ca.issue({ cn: 'soon.test', days: 5, key: 'ec' });
    dir = mkdtempSync(join(tmpdir(), 'junction-certs-api-'));
    file = join(dir, 'dynamic.yml');
    writeFileSync(file, yaml([shop, soon]));
    lb = await startLbProcess([
      '--api.insecure',
      `--providers.file.filename=${file}`,
      '--entrypoints.websecure.address=127.0.0.1:0',
    ]);
  }, 60_000);

  afterAll(async () => {
    await lb?.stop();
    rmSync(dir, { recursive: true, force: true });
    ca?.close();
  });

  it('lists the configured files with their elements, and counts them in the overview', async () => {
    const listed = await until(
      async () => ((await files()).length === 2 ? files() : undefined),
      'the file certificates in the API',
    );
    expect(listed.map((c) => [c.commonName, c.status, c.element, c.name])).toEqual([
      ['shop.test', 'enabled', 'tls.certificates[0]', opensslFingerprint(shop.certFile)],
      ['soon.test', 'warning', 'tls.certificates[1]', opensslFingerprint(soon.certFile)],
    ]);
    const overview = await get<Overview>('/api/overview');
    expect(overview.certificates).toMatchObject({ warnings: 1, errors: 0 });
    const state = await get<DashboardState>('/api/junction/state');
    expect(
      state.certificates.filter((c) => c.source === 'file').map((c) => [c.domains[0], c.state, c.daysLeft]),
    ).toEqual([
      ['shop.test', 'valid', 199],
      ['soon.test', 'expiring', 4],
    ]);
  });

  it('reports a pair whose key does not match on its element, the previous certificate serving', async () => {
    writeFileSync(file, yaml([shop, { certFile: soon.certFile, keyFile: shop.keyFile }]));
    const refused = await until(
      async () => (await files()).find((c) => c.state === 'error'),
      'the refused pair in the API',
    );
    expect(refused).toMatchObject({
      element: 'tls.certificates[1]',
      error: { code: 'LB_TLS_KEY_MISMATCH' },
      serving: true,
      status: 'warning',
    });
    const raw = await get<RawData>('/api/rawdata');
    expect(raw.configErrors).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'LB_TLS_KEY_MISMATCH', path: 'tls.certificates[1]' })]),
    );
    const state = await get<DashboardState>('/api/junction/state');
    expect(state.looseErrors.filter((e) => e.code === 'LB_TLS_KEY_MISMATCH')).toHaveLength(1);
  });
});
