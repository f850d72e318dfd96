/**
 * `/api/certificates[/{name}]` and `certificates` in `/api/overview`, over real HTTP from a real
 * Junction (`buildApp` with the `traefik` entry point and `internalRoutes`, as `serve.ts` wires
 * them) reading the real certificate store, filled with certificate files `openssl` made in the
 * test: Traefik 3.7's fields checked against what OpenSSL reads, expiring and refused
 * certificates (also among `/api/rawdata`'s configuration errors), the last good one serving
 * after a bad replacement, paging, filters and sorting.
 */
import type { AddressInfo } from 'node:net';
import { mergeConfigs, validateDynamicConfig } from '@junction/lb-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestCa,
  opensslFingerprint,
  opensslPublicKeyFingerprint,
  opensslSerial,
  type CertFiles,
  type TestCa,
} from '../../test/helpers/certificates';
import { buildApp, type JunctionApp } from '../app';
import { parseStaticOptions } from '../options';
import { internalRoutes } from '../server/internal-routes';
import { createCertificateStore, type TlsCertificateStore } from '../tls/certificate-store';
import type { CertificateInput } from '../tls/types';
import type { CertificateRepresentation } from './certificate-view';
import type { Overview } from './overview-view';
import type { RawData } from './rawdata-view';

let ca: TestCa;
let store: TlsCertificateStore;
let app: JunctionApp;
let base: string;
let valid: CertFiles;
let soon: CertFiles;
let other: CertFiles;

const asFile = (files: CertFiles, index: number, keyPem = files.keyPem): CertificateInput => ({
  id: `file:${files.certFile}`,
  source: 'file',
  element: `tls.certificates[${index}]`,
  certPem: files.certPem,
  keyPem,
});

async function get<T>(path: string): Promise<{ status: number; headers: Headers; body: T }> {
  const res = await fetch(`${base}${path}`);
  return { status: res.status, headers: res.headers, body: (await res.json()) as T };
}

const list = async (query = ''): Promise<CertificateRepresentation[]> =>
  (await get<CertificateRepresentation[]>(`/api/certificates${query}`)).body;

beforeAll(async () => {
  ca = createTestCa();
  valid = ca.issue({ cn: 'shop.test', sans: ['shop.test', 'www.shop.test', '127.0.0.1'] });
  soon = ca.issue({ cn: 'soon.test', days: 10, key: 'ec' });
  other = ca.issue({ cn: 'other.test' });
  store = await createCertificateStore();
  // What the file certificates' loader hands the store for `tls.certificates` (three entries; the third's key is another certificate's).
  store.replace('file', [asFile(valid, 0), asFile(soon, 1), asFile(other, 2, valid.keyPem)]);
  const options = parseStaticOptions(
    ['--entrypoints.traefik.address=127.0.0.1:0', '--api.insecure', '--log.level=FATAL'],
    {},
  );
  app = buildApp({
    options,
    internal: internalRoutes({
      options,
      providers: () => ({}),
      version: { version: '0.0.0-test', codename: 'test', startDate: new Date() },
      certificates: store,
    }),
  });
  const traefik = app.entryPoints.get('traefik');
  if (traefik === undefined) throw new Error('no traefik entry point');
  await traefik.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(traefik.server.address() as AddressInfo).port}`;
}, 30_000);

afterAll(async () => {
  await app?.close();
  ca?.close();
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

describe('a refused certificate file among the configuration errors', () => {
  it('is listed in /api/rawdata configErrors with its element as the path', async () => {
    const { config } = validateDynamicConfig(
      {
        http: {
          routers: { shop: { rule: 'Host(`shop.test`)', service: 'shop' } },
          services: { shop: { loadBalancer: { servers: [{ url: 'http://127.0.0.1:9' }] } } },
        },
      },
      { provider: 'file' },
    );
    app.store.apply(mergeConfigs({ file: config }));
    const raw = (await get<RawData>('/api/rawdata')).body;
    expect(raw.configErrors).toEqual([
      {
        code: 'LB_TLS_KEY_MISMATCH',
        message: expect.stringContaining('does not belong to the certificate'),
        path: 'tls.certificates[2]',
      },
    ]);
  });
});

describe('certificates in /api/overview and live changes', () => {
  it('counts certificates as Traefik 3.7, refused ones among the errors', async () => {
    const overview = (await get<Overview>('/api/overview')).body;
    expect(overview.certificates).toEqual({ total: 4, warnings: 1, errors: 1 });
    expect(overview.http.routers).toBeDefined();
  });

  it('keeps the last good certificate serving after a bad replacement, with the error beside it', async () => {
    const before = opensslFingerprint(valid.certFile);
    store.replace('file', [asFile(valid, 0, other.keyPem), asFile(soon, 1), asFile(other, 2, valid.keyPem)]);
    const shop = (await list()).find((c) => c.id === `file:${valid.certFile}`);
    expect(shop).toMatchObject({
      name: before,
      commonName: 'shop.test',
      status: 'warning',
      state: 'error',
      serving: true,
      error: { code: 'LB_TLS_KEY_MISMATCH' },
    });
    expect((await get<Overview>('/api/overview')).body.certificates).toEqual({ total: 4, warnings: 2, errors: 1 });
    store.replace('file', [asFile(valid, 0), asFile(soon, 1)]);
    expect((await list()).map((c) => c.state)).toEqual(['valid', 'valid', 'expiring']);
  });
});
