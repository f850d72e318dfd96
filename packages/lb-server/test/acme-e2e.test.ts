/**
 * Automatic HTTPS end to end, the way a Traefik user configures it: the real `lb-server` process
 * with `--entrypoints.websecure.http.tls.certresolver=le`, an `le` resolver on Pebble (trusted
 * through `LEGO_CA_CERTIFICATES`), HTTP-01 on `web` (which redirects to websecure) and a file
 * provider router for `app.test`. An HTTPS request verified against Pebble's root reaches the
 * backend with `X-Forwarded-Proto: https`; acme.json is written 0600; `/api/certificates` lists
 * the certificate with its resolver. The same with `--workers 2`:
 * worker 0 orders, every worker serves the certificate.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startLbProcess } from './helpers/lb-process';
import { until } from './helpers/poll';
import { startUpstream, type Upstream } from './helpers/upstreams';
import { startPebble, type PebbleLab } from './support/pebble';

let lab: PebbleLab;
let root: string;
let upstream: Upstream;
let dir: string;

beforeAll(async () => {
  [lab, upstream] = await Promise.all([startPebble(), startUpstream('app')]);
  root = await lab.root();
  dir = mkdtempSync(join(tmpdir(), 'junction-acme-e2e-'));
});
afterAll(async () => {
  await Promise.all([lab?.stop(), upstream?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

/** One HTTPS GET to `app.test` on the TLS entry point, verified against Pebble's root (a new connection each time). */
function httpsGet(path: string): Promise<{ status: number; body: string; issuer: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: lab.tlsPort,
        path,
        servername: 'app.test',
        headers: { host: 'app.test' },
        ca: root,
        agent: false,
        timeout: 5000,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        const issuer = String((res.socket as import('node:tls').TLSSocket).getPeerCertificate().issuer?.CN ?? '');
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, issuer }));
      },
    );
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end();
  });
}

async function run(name: string, extra: readonly string[]): Promise<void> {
  const storage = join(dir, `${name}.json`);
  const dynamic = join(dir, `${name}.yml`);
  writeFileSync(
    dynamic,
    [
      'http:',
      '  routers:',
      '    app:',
      '      rule: Host(`app.test`)',
      '      entryPoints: [websecure]',
      '      service: app',
      '  services:',
      '    app:',
      '      loadBalancer:',
      `        servers: [{ url: "${upstream.url}" }]`,
    ].join('\n'),
  );
  const lb = await startLbProcess(
    [
      `--entrypoints.web.address=127.0.0.1:${lab.httpPort}`,
      '--entrypoints.web.http.redirections.entrypoint.to=websecure',
      `--entrypoints.websecure.address=127.0.0.1:${lab.tlsPort}`,
      '--entrypoints.websecure.http.tls.certresolver=le',
      '--certificatesresolvers.le.acme.email=ops@example.test',
      `--certificatesresolvers.le.acme.storage=${storage}`,
      `--certificatesresolvers.le.acme.caserver=${lab.directoryUrl}`,
      '--certificatesresolvers.le.acme.httpchallenge.entrypoint=web',
      `--providers.file.filename=${dynamic}`,
      '--api.insecure=true',
      ...extra,
    ],
    { LEGO_CA_CERTIFICATES: lab.caFile },
  );
  try {
    await until(
      async () =>
        (await httpsGet('/').catch(() => undefined))?.issuer.startsWith('Pebble') === true ? true : undefined,
      `a Pebble certificate (${lb.stderr()})`,
      20_000,
    );
    // Several new connections: with workers, the kernel spreads them, and every one is verified.
    for (let i = 0; i < 6; i++) {
      const answer = await httpsGet(`/hello/${i}`);
      expect(answer.status).toBe(200);
      const echo = JSON.parse(answer.body) as { url: string; headers: Record<string, string> };
      expect(echo.url).toBe(`/hello/${i}`);
      expect(echo.headers['x-forwarded-proto']).toBe('https');
    }
    expect(statSync(storage).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(storage, 'utf8')) as {
      le: { Certificates: { domain: { main: string } }[] };
    };
    expect(stored.le.Certificates.map((c) => c.domain.main)).toEqual(['app.test']);
    expect(lb.logs().filter((l) => l.msg === 'ACME: ordering a certificate')).toHaveLength(1);
    // The API lists it in Traefik's shape with Junction's fields (in a cluster: whichever worker answers).
    const listed = (await (await fetch(`${lb.traefik}/api/certificates`)).json()) as Record<string, unknown>[];
    expect(listed.find((c) => c.commonName === 'app.test')).toMatchObject({
      resolver: 'le',
      source: 'acme',
      status: 'enabled',
      serving: true,
    });
  } finally {
    expect(await lb.stop()).toBe(0);
  }
}

describe('automatic HTTPS with lb-server and Pebble', { timeout: 60_000 }, () => {
  test('one process: HTTP-01 on a redirected web, the certificate served on websecure', async () => {
    await run('single', []);
  });

  test('--workers 2: worker 0 orders, every worker serves', async () => {
    await run('workers', ['--workers=2']);
  });
});
