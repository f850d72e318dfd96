/**
 * TLS in the real `lb-server` process (loopback, file provider): Traefik's
 * `--entrypoints.websecure.http.tls=true` making a router without its own `tls` a TLS router, its
 * certificate read from `tls.certificates` files, plain HTTP on the same port meeting no router,
 * a graceful stop; and `--workers=2` with `reusePort`, where every worker terminates TLS.
 */
import { request } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pidOfConnection, untilWorkersReady, workerPids } from './helpers/cluster-pids';
import { startLbProcess, type LbProcess } from './helpers/lb-process';
import { until } from './helpers/poll';
import { freePort } from './helpers/ports';
import { createTestCa, type TestCa } from './helpers/test-ca';
import { httpsGet } from './helpers/tls-client';
import { startUpstream, type Echo, type Upstream } from './helpers/upstreams';

let dir: string;
let file: string;
let ca: TestCa;
let up: Upstream;
let pids: () => number[] = () => [];
const senders: (number | undefined)[] = [];

function websecurePort(lb: LbProcess): Promise<number> {
  return until(
    () => {
      const line = lb.logs().find((l) => l.msg === 'entry point listening' && l.entryPoint === 'websecure');
      return line === undefined ? undefined : Number(line.port);
    },
    'websecure to listen',
    30_000,
  );
}

function plainStatus(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent: false, headers: { host: 'app.test' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'junction-tls-process-'));
  ca = createTestCa();
  const pair = ca.issue(['app.test']);
  await writeFile(join(dir, 'app.crt'), pair.certPem);
  await writeFile(join(dir, 'app.key'), pair.keyPem);
  up = await startUpstream('up', (req, res) => {
    senders.push(pidOfConnection(req.socket.remotePort ?? 0, up.port, pids()));
    const echo: Echo = { id: 'up', method: req.method ?? '', url: req.url ?? '', headers: req.headers };
    res.end(JSON.stringify(echo));
  });
  file = join(dir, 'dynamic.yml');
  await writeFile(
    file,
    [
      'http:',
      '  routers:',
      '    app: { rule: "Host(`app.test`)", service: app, entryPoints: [websecure] }',
      '  services:',
      `    app: { loadBalancer: { servers: [{ url: "${up.url}" }] } }`,
      'tls:',
      '  certificates:',
      `    - { certFile: "${join(dir, 'app.crt')}", keyFile: "${join(dir, 'app.key')}" }`,
      '',
    ].join('\n'),
  );
});

afterAll(async () => {
  ca.dispose();
  await up.close();
  await rm(dir, { recursive: true, force: true });
});

describe('TLS in the lb-server process', () => {
  it('serves a router of an http.tls entry point over TLS with the file certificate, not over plain HTTP', async () => {
    const lb = await startLbProcess([
      `--providers.file.filename=${file}`,
      '--entrypoints.websecure.address=127.0.0.1:0',
      '--entrypoints.websecure.http.tls=true',
    ]);
    try {
      const port = await websecurePort(lb);
      const answer = await until(async () => {
        const a = await httpsGet(port, 'app.test', '/x', { ca: ca.caPem }).catch(() => undefined);
        return a?.status === 200 ? a : undefined;
      }, 'an HTTPS answer');
      expect(answer.cert.cn).toBe('app.test');
      expect((JSON.parse(answer.text) as Echo).headers['x-forwarded-proto']).toBe('https');
      expect(await plainStatus(port)).toBe(404);
      expect(await lb.stop()).toBe(0);
    } finally {
      if (lb.child.exitCode === null) lb.kill();
    }
  }, 60_000);

  it('with --workers=2 and reusePort, every worker terminates TLS', async () => {
    const port = await freePort();
    const lb = await startLbProcess([
      '--workers=2',
      `--providers.file.filename=${file}`,
      `--entrypoints.websecure.address=127.0.0.1:${port}`,
      '--entrypoints.websecure.reusePort=true',
      '--entrypoints.websecure.http.tls=true',
    ]);
    try {
      pids = () => workerPids(lb.logs());
      await untilWorkersReady(lb.logs, 2, 'both workers');
      senders.length = 0;
      await until(
        async () => {
          const answer = await httpsGet(port, 'app.test', '/', { ca: ca.caPem }).catch(() => undefined);
          if (answer !== undefined) expect(answer.status).toBe(200);
          return new Set(senders.filter((p) => p !== undefined)).size === 2 ? true : undefined;
        },
        'both workers to serve over TLS',
        20_000,
      );
      expect(await lb.stop()).toBe(0);
    } finally {
      if (lb.child.exitCode === null) lb.kill();
    }
  }, 60_000);
});
