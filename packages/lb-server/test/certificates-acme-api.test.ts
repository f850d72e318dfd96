/**
 * ACME certificates as the API and the dashboard report them, in the real `lb-server` process
 * against Pebble: an issued certificate is listed with its resolver and Pebble's issuer (the
 * same serial the TLS entry point serves), and a domain whose validation fails is listed beside
 * it with the order's coded error, while `/api/overview` counts both.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertificateRepresentation } from '../src/api/certificate-view';
import type { Overview } from '../src/api/overview-view';
import type { DashboardState } from '../src/dashboard/state-types';
import { startLbProcess, type LbProcess } from './helpers/lb-process';
import { until } from './helpers/poll';
import { servedCertificate } from './support/acme-junction';
import { startPebble, type PebbleLab } from './support/pebble';

const YAML = `
http:
  routers:
    good:
      rule: Host(\`good.test\`)
      entryPoints: [websecure]
      service: app
    broken:
      rule: Host(\`broken.test\`)
      entryPoints: [websecure]
      service: app
  services:
    app:
      loadBalancer:
        servers: [{ url: "http://127.0.0.1:9" }]
`;

describe('ACME certificates in the API and the dashboard (lb-server and Pebble)', { timeout: 60_000 }, () => {
  let lab: PebbleLab;
  let dir: string;
  let lb: LbProcess;
  const get = async <T>(path: string): Promise<T> => (await fetch(`${lb.traefik}${path}`)).json() as Promise<T>;
  const acme = async (): Promise<CertificateRepresentation[]> =>
    (await get<CertificateRepresentation[]>('/api/certificates?search=.test')).filter((c) => c.source === 'acme');

  beforeAll(async () => {
    lab = await startPebble();
    await lab.mapHost('broken.test', '127.0.0.2'); // nothing listens there: Pebble's validation fails
    dir = mkdtempSync(join(tmpdir(), 'junction-acme-api-'));
    const dynamic = join(dir, 'dynamic.yml');
    writeFileSync(dynamic, YAML);
    lb = await startLbProcess(
      [
        '--api.insecure',
        `--entrypoints.web.address=127.0.0.1:${lab.httpPort}`,
        `--entrypoints.websecure.address=127.0.0.1:${lab.tlsPort}`,
        '--entrypoints.websecure.http.tls.certresolver=le',
        '--certificatesresolvers.le.acme.email=ops@example.test',
        `--certificatesresolvers.le.acme.storage=${join(dir, 'acme.json')}`,
        `--certificatesresolvers.le.acme.caserver=${lab.directoryUrl}`,
        '--certificatesresolvers.le.acme.httpchallenge.entrypoint=web',
        `--providers.file.filename=${dynamic}`,
      ],
      { LEGO_CA_CERTIFICATES: lab.caFile },
    );
  }, 60_000);

  afterAll(async () => {
    await lb?.stop();
    await lab?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the issued certificate with its resolver and Pebble as issuer, the one the entry point serves', async () => {
    const good = await until(
      async () => (await acme()).find((c) => c.commonName === 'good.test' && c.state === 'valid'),
      `good.test issued (${lb.stderr()})`,
      30_000,
    );
    expect(good).toMatchObject({
      resolver: 'le',
      status: 'enabled',
      serving: true,
      sans: ['good.test'],
      issuerCN: expect.stringMatching(/^Pebble Intermediate CA/),
    });
    const served = await servedCertificate(lab.tlsPort, 'good.test', await lab.root());
    expect(served.authorized).toBe(true);
    expect(BigInt(`0x${served.serial}`).toString(10)).toBe(good.serialNumber);
  });

  it("lists the failing domain beside it, with the order's coded error, and counts both", async () => {
    const broken = await until(
      async () => (await acme()).find((c) => c.domains[0] === 'broken.test' && c.state === 'error'),
      'broken.test to fail',
      30_000,
    );
    expect(broken).toMatchObject({
      resolver: 'le',
      status: 'disabled',
      serving: false,
      error: { code: expect.stringMatching(/^LB_ACME_/) },
    });
    const overview = await get<Overview>('/api/overview');
    expect(overview.certificates?.errors).toBeGreaterThanOrEqual(1);
    const state = await get<DashboardState>('/api/junction/state');
    expect(state.certificates.filter((c) => c.resolver === 'le').map((c) => [c.domains[0], c.state])).toEqual(
      expect.arrayContaining([
        ['good.test', 'valid'],
        ['broken.test', 'error'],
      ]),
    );
    // An order that failed is not a configuration error: it stays on its certificate.
    expect(state.looseErrors.filter((e) => e.code.startsWith('LB_ACME_'))).toEqual([]);
  });
});
