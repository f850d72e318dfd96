/**
 * Refused certificates among the errors and live changes, over real HTTP from a real Junction
 * reading the real certificate store (test/support/api/certificates-api.ts): a refused file in
 * `/api/rawdata`'s configuration errors, `certificates` in `/api/overview`, and the last good
 * certificate serving after a bad replacement, with the error beside it. The listing itself:
 * api-certificates.list.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeConfigs, validateDynamicConfig } from '@junction/lb-core';
import { opensslFingerprint, type CertFiles } from '../../test/helpers/certificates';
import type { JunctionApp } from '../app';
import type { TlsCertificateStore } from '../tls/certificate-store';
import {
  asFile,
  startCertificatesApi,
  type ApiGet,
  type CertificatesApi,
} from '../../test/support/api/certificates-api';
import type { CertificateRepresentation } from './certificate-view';
import type { Overview } from './overview-view';
import type { RawData } from './rawdata-view';

let api: CertificatesApi | undefined;
let store: TlsCertificateStore;
let app: JunctionApp;
let valid: CertFiles;
let soon: CertFiles;
let other: CertFiles;
let get: ApiGet;
let list: (query?: string) => Promise<CertificateRepresentation[]>;

beforeAll(async () => {
  api = await startCertificatesApi();
  ({ store, app, valid, soon, other, get, list } = api);
}, 30_000);

afterAll(async () => {
  await api?.close();
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
