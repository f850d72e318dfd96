/**
 * The certificate view's judgement, table-driven: the state against the clock (a certificate
 * turns expiring, then expired, while the store's entry stays the same), an ACME resolver's
 * `renewBefore` instead of 30 days, Traefik's status words, and the fields read from the store's
 * own text when an entry carries no PEM.
 */
import { describe, expect, it } from 'vitest';
import { createTestCa } from '../../test/helpers/certificates';
import type { CertificateInfo } from '../tls/types';
import { certificateName, certificateRepresentation, currentState } from './certificate-view';
import { parseX509Details, x509Version } from './x509-details';

const NOW = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const info = (extra: Partial<CertificateInfo>): CertificateInfo => ({
  id: 'acme:le:a.test',
  source: 'acme',
  store: 'default',
  domains: ['a.test', 'b.test'],
  state: 'valid',
  serving: true,
  ...extra,
});
const at = (days: number): string => new Date(NOW + days * DAY).toISOString();

describe('currentState', () => {
  it.each([
    { desc: '31 days left', entry: info({ notAfter: at(31) }), renewBefore: undefined, expected: 'valid' },
    { desc: '29 days left', entry: info({ notAfter: at(29) }), renewBefore: undefined, expected: 'expiring' },
    {
      desc: 'past notAfter, store still says valid',
      entry: info({ notAfter: at(-1) }),
      renewBefore: undefined,
      expected: 'expired',
    },
    {
      desc: '60 days left, resolver renews 90 days before',
      entry: info({ resolver: 'le', notAfter: at(60) }),
      renewBefore: { le: 90 * DAY },
      expected: 'expiring',
    },
    {
      desc: '2 days left, resolver renews 1 day before',
      entry: info({ resolver: 'le', notAfter: at(2) }),
      renewBefore: { le: DAY },
      expected: 'valid',
    },
    {
      desc: "another resolver's margin does not apply",
      entry: info({ resolver: 'other', notAfter: at(60) }),
      renewBefore: { le: 90 * DAY },
      expected: 'valid',
    },
    {
      desc: 'an error stays an error',
      entry: info({ state: 'error', notAfter: at(100) }),
      renewBefore: undefined,
      expected: 'error',
    },
    { desc: 'pending stays pending', entry: info({ state: 'pending' }), renewBefore: undefined, expected: 'pending' },
  ])('$desc → $expected', ({ entry, renewBefore, expected }) => {
    expect(currentState(entry, { now: NOW, ...(renewBefore === undefined ? {} : { renewBefore }) })).toBe(expected);
  });
});

describe('certificateRepresentation without a PEM', () => {
  it("reads the issuer, names and fingerprint from the store's text", () => {
    const view = certificateRepresentation(
      info({
        domains: ['z.test', 'a.test'],
        issuer: "CN=R11, O=Let's Encrypt, C=US",
        notAfter: at(50),
        fingerprint: 'AB:CD:EF',
        serialNumber: '0A',
      }),
      { now: NOW },
    );
    expect(view).toMatchObject({
      name: 'abcdef',
      commonName: 'z.test',
      sans: ['a.test', 'z.test'],
      issuerOrg: "Let's Encrypt",
      issuerCN: 'R11',
      issuerCountry: 'US',
      certFingerprint: 'abcdef',
      status: 'enabled',
      state: 'valid',
    });
  });

  it.each([
    { state: 'pending' as const, status: 'warning' },
    { state: 'error' as const, status: 'disabled' },
  ])('names a $state entry by its id and calls it $status', ({ state, status }) => {
    const entry = info({ state, serving: false });
    const view = certificateRepresentation(entry, { now: NOW });
    expect(view.status).toBe(status);
    expect(view.name).toBe(certificateName(entry));
    expect(view.name).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('x509Version', () => {
  it.each([
    {
      desc: 'v3 (explicit [0] 2)',
      der: [0x30, 0x10, 0x30, 0x0e, 0xa0, 0x03, 0x02, 0x01, 0x02, 0x02, 0x01, 0x01],
      expected: 3,
    },
    { desc: 'v1 (no explicit version)', der: [0x30, 0x08, 0x30, 0x06, 0x02, 0x01, 0x01, 0x30, 0x00], expected: 1 },
    {
      desc: 'long-form lengths',
      der: [0x30, 0x82, 0x01, 0x00, 0x30, 0x81, 0xf0, 0xa0, 0x03, 0x02, 0x01, 0x01],
      expected: 2,
    },
    { desc: 'not DER', der: [0x01, 0x02], expected: 1 },
  ])('$desc → v$expected', ({ der, expected }) => {
    expect(x509Version(Uint8Array.from(der))).toBe(expected);
  });
});

describe('parseX509Details', () => {
  it('prints IPv6 SANs as Go does', () => {
    const ca = createTestCa();
    try {
      const v6 = ca.issue({ cn: 'v6.test', sans: ['v6.test', '::1', '2001:DB8::10'], days: 5, key: 'ec' });
      expect(parseX509Details(v6.certPem)?.sans).toEqual(['2001:db8::10', '::1', 'v6.test']);
    } finally {
      ca.close();
    }
  });

  it('gives nothing for a PEM that does not parse', () => {
    expect(parseX509Details('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n')).toBeUndefined();
  });
});
