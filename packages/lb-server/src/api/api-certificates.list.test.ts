/**
 * `/api/certificates` and `/api/certificates/{name}` over real HTTP from a real Junction reading
 * the real certificate store, filled with certificate files `openssl` made in the test
 * (test/support/api/certificates-api.ts): Traefik 3.7's fields checked against what OpenSSL reads,
 * expiring and refused certificates, the generated default one, paging, filters and sorting,
 * lookup by name or id. Refused certificates among the errors, `/api/overview` and live changes:
 * api-certificates.errors.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  opensslFingerprint,
  opensslPublicKeyFingerprint,
  opensslSerial,
  type CertFiles,
} from '../../test/helpers/certificates';
import { startCertificatesApi, type ApiGet, type CertificatesApi } from '../../test/support/api/certificates-api';
import type { CertificateRepresentation } from './certificate-view';

let api: CertificatesApi | undefined;
let valid: CertFiles;
let soon: CertFiles;
let other: CertFiles;
let get: ApiGet;
let list: (query?: string) => Promise<CertificateRepresentation[]>;

beforeAll(async () => {
  api = await startCertificatesApi();
  ({ valid, soon, other, get, list } = api);
}, 30_000);

afterAll(async () => {
  await api?.close();
});

describe('GET /api/certificates', () => {
  it('shows a file certificate with the fields of Traefik 3.7, as OpenSSL reads them', async () => {
    const res = await get<CertificateRepresentation[]>('/api/certificates');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-next-page')).toBe('1');
    const shop = res.body.find((c) => c.commonName === 'shop.test');
    expect(shop).toEqual({
      name: opensslFingerprint(valid.certFile),
      commonName: 'shop.test',
      sans: ['127.0.0.1', 'shop.test', 'www.shop.test'],
      issuerOrg: 'Junction Test',
      issuerCN: 'Junction Test CA',
      issuerCountry: 'CH',
      serialNumber: opensslSerial(valid.certFile),
      notBefore: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), // Go's time JSON
      notAfter: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      version: 'v3',
      keyType: 'RSA',
      keySize: 2048,
      signatureAlgorithm: 'ECDSA-SHA256', // signed by the EC test CA
      certFingerprint: opensslFingerprint(valid.certFile),
      publicKeyFingerprint: opensslPublicKeyFingerprint(valid.certFile),
      status: 'enabled',
      id: `file:${valid.certFile}`,
      source: 'file',
      store: 'default',
      element: 'tls.certificates[0]',
      domains: ['shop.test', 'www.shop.test'],
      state: 'valid',
      serving: true,
    });
    const days = (Date.parse(shop?.notAfter ?? '') - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(363);
    expect(days).toBeLessThan(366);
  });

  it('marks a certificate with fewer than 30 days left as a warning, with its EC key', async () => {
    const c = (await list()).find((x) => x.commonName === 'soon.test');
    expect(c).toMatchObject({
      status: 'warning',
      state: 'expiring',
      keyType: 'ECDSA',
      keySize: 256,
      serving: true,
      name: opensslFingerprint(soon.certFile),
    });
  });

  it('lists a refused certificate as disabled, with its coded error and element, not serving', async () => {
    const c = (await list()).find((x) => x.element === 'tls.certificates[2]');
    expect(c).toMatchObject({
      status: 'disabled',
      state: 'error',
      serving: false,
      id: `file:${other.certFile}`,
      error: { code: 'LB_TLS_KEY_MISMATCH' },
    });
    expect(c?.name).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lists the generated default certificate', async () => {
    expect((await list()).find((x) => x.source === 'generated')).toMatchObject({
      commonName: 'JUNCTION DEFAULT CERT',
      status: 'enabled',
      serving: true,
    });
  });

  it("sorts by common name by default and by Traefik's columns on request", async () => {
    expect((await list()).map((c) => c.commonName)).toEqual(['', 'JUNCTION DEFAULT CERT', 'shop.test', 'soon.test']);
    const files = (await list('?sortBy=validUntil')).filter((c) => c.source === 'file');
    expect(files.map((c) => c.commonName)).toEqual(['soon.test', 'shop.test', '']); // no certificate: last
    expect((await list('?sortBy=status&direction=desc')).map((c) => c.status)).toEqual([
      'warning',
      'enabled',
      'enabled',
      'disabled',
    ]);
  });

  it.each([
    { query: '?status=warning', expected: ['soon.test'] },
    { query: '?status=EXPIRING', expected: ['soon.test'] },
    { query: '?search=WWW.SHOP', expected: ['shop.test'] },
    { query: '?search=junction%20test%20ca', expected: ['shop.test', 'soon.test'] },
    { query: '?search=certificates%5B2%5D', expected: [''] },
  ])('filters with $query', async ({ query, expected }) => {
    expect((await list(query)).map((c) => c.commonName)).toEqual(expected);
  });

  it('pages with per_page and X-Next-Page, and refuses a page past the end', async () => {
    const first = await get<CertificateRepresentation[]>('/api/certificates?per_page=3');
    expect(first.body).toHaveLength(3);
    expect(first.headers.get('x-next-page')).toBe('2');
    const second = await get<CertificateRepresentation[]>('/api/certificates?per_page=3&page=2');
    expect(second.body.map((c) => c.commonName)).toEqual(['soon.test']);
    expect(second.headers.get('x-next-page')).toBe('1');
    const past = await get<{ code: string }>('/api/certificates?per_page=3&page=3');
    expect(past.status).toBe(400);
    expect(past.body.code).toBe('LB_API_BAD_REQUEST');
  });
});

describe('GET /api/certificates/{name}', () => {
  it('answers one certificate by its fingerprint, or by its store id', async () => {
    const name = opensslFingerprint(valid.certFile);
    const byName = await get<CertificateRepresentation>(`/api/certificates/${name}`);
    expect(byName.status).toBe(200);
    expect(byName.body).toMatchObject({ name, commonName: 'shop.test' });
    const byId = await get<CertificateRepresentation>(
      `/api/certificates/${encodeURIComponent(`file:${soon.certFile}`)}`,
    );
    expect(byId.body).toMatchObject({ commonName: 'soon.test' });
  });

  it('answers 404 with a code for an unknown name', async () => {
    const res = await get<{ code: string; message: string }>(`/api/certificates/${'0'.repeat(64)}`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: 'LB_API_NOT_FOUND', message: `certificate not found: ${'0'.repeat(64)}` });
  });
});
