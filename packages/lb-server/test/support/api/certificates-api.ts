/**
 * Set-up shared by the `/api/certificates` tests (src/api/api-certificates.*.test.ts): a real
 * Junction (`buildApp` with the `traefik` entry point and `internalRoutes`, as `serve.ts` wires
 * them) reading a real certificate store filled with three certificates a throwaway CA issued
 * (`shop.test`; `soon.test`, 10 days left, EC key; `other.test`, given `shop.test`'s key, so
 * refused), and GETs of its API over real HTTP.
 */
import type { AddressInfo } from 'node:net';
import { buildApp, type JunctionApp } from '../../../src/app';
import type { CertificateRepresentation } from '../../../src/api/certificate-view';
import { parseStaticOptions } from '../../../src/options';
import { internalRoutes } from '../../../src/server/internal-routes';
import { createCertificateStore, type TlsCertificateStore } from '../../../src/tls/certificate-store';
import type { CertificateInput } from '../../../src/tls/types';
import { createTestCa, type CertFiles, type TestCa } from '../../helpers/certificates';

/** One GET of the API: status, headers and the JSON body. */
export type ApiGet = <T>(path: string) => Promise<{ status: number; headers: Headers; body: T }>;

/** What the tests use; `close` stops the Junction and removes the CA's files. */
export interface CertificatesApi {
  readonly ca: TestCa;
  readonly store: TlsCertificateStore;
  readonly app: JunctionApp;
  readonly valid: CertFiles;
  readonly soon: CertFiles;
  readonly other: CertFiles;
  readonly get: ApiGet;
  /** `/api/certificates` with `query`. */
  readonly list: (query?: string) => Promise<CertificateRepresentation[]>;
  close(): Promise<void>;
}

/** What the file certificates' loader hands the store for `tls.certificates[index]`. */
export const asFile = (files: CertFiles, index: number, keyPem = files.keyPem): CertificateInput => ({
  id: `file:${files.certFile}`,
  source: 'file',
  element: `tls.certificates[${index}]`,
  certPem: files.certPem,
  keyPem,
});

/** Issues the certificates, fills the store and starts the Junction (see module comment). */
export async function startCertificatesApi(): Promise<CertificatesApi> {
  const ca = createTestCa();
  const valid = ca.issue({ cn: 'shop.test', sans: ['shop.test', 'www.shop.test', '127.0.0.1'] });
  const soon = ca.issue({ cn: 'soon.test', days: 10, key: 'ec' });
  const other = ca.issue({ cn: 'other.test' });
  const store = await createCertificateStore();
  // What the file certificates' loader hands the store for `tls.certificates` (three entries; the third's key is another certificate's).
  store.replace('file', [asFile(valid, 0), asFile(soon, 1), asFile(other, 2, valid.keyPem)]);
  const options = parseStaticOptions(
    ['--entrypoints.traefik.address=127.0.0.1:0', '--api.insecure', '--log.level=FATAL'],
    {},
  );
  const app = buildApp({
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
  const base = `http://127.0.0.1:${(traefik.server.address() as AddressInfo).port}`;
  const get: ApiGet = async <T>(path: string) => {
    const res = await fetch(`${base}${path}`);
    return { status: res.status, headers: res.headers, body: (await res.json()) as T };
  };
  const list = async (query = ''): Promise<CertificateRepresentation[]> =>
    (await get<CertificateRepresentation[]>(`/api/certificates${query}`)).body;
  return {
    ca,
    store,
    app,
    valid,
    soon,
    other,
    get,
    list,
    async close() {
      await app.close();
      ca.close();
    },
  };
}
