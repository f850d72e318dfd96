/**
 * The `lb-server` process end to end (TypeScript sources through tsx): `--help` exits 0, a bad
 * option exits 2 naming it, and a running proxy fed by the file provider serves, then on SIGTERM
 * answers `/ping` with 503, lets an in-flight request finish and exits 0.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, send } from './helpers/junction';
import { spawnLbServer, type LbChild } from './helpers/lb-process';
import { until } from './helpers/poll';
import { startUpstream, type Upstream } from './helpers/upstreams';

const start = (args: readonly string[]): LbChild => spawnLbServer(args);

let dir: string;
let up: Upstream;
const timers = new Set<NodeJS.Timeout>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'junction-main-'));
  up = await startUpstream('up', (req, res) => {
    req.resume();
    // undici checks header timeouts on a coarse (about 1 s) timer, so /stall outlasts it clearly.
    const delay = req.url === '/slow' ? 600 : req.url === '/stall' ? 4000 : 0;
    timers.add(setTimeout(() => res.end(`done ${req.url ?? ''}`), delay));
  });
});

afterAll(async () => {
  for (const timer of timers) clearTimeout(timer);
  await up.close();
  await rm(dir, { recursive: true, force: true });
});

/** Writes `name` in the scratch folder: one router sending every path to the upstream. */
async function routeAllToUpstream(name: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(
    file,
    `http:\n  routers:\n    r:\n      rule: "PathPrefix(\`/\`)"\n      service: s\n  services:\n    s:\n      loadBalancer:\n        servers:\n          - url: ${up.url}\n`,
  );
  return file;
}

/** The port `run` logged entry point `ep` listening on, once it has. */
function listeningPort(run: LbChild, ep: string): Promise<number> {
  return until(() => {
    const line = run
      .stdout()
      .split('\n')
      .find((l) => l.includes('"entry point listening"') && l.includes(`"entryPoint":"${ep}"`));
    return line === undefined ? undefined : (JSON.parse(line) as { port: number }).port;
  }, `the ${ep} entry point`);
}

describe('lb-server process', () => {
  it('prints help and exits 0', async () => {
    const run = start(['--help']);
    expect(await run.exit).toBe(0);
    expect(run.stdout()).toContain('--providers.file.filename');
  }, 30_000);

  it('exits 2 on an unknown option, naming it', async () => {
    const run = start(['--entrypoints.web.adress=:80']);
    expect(await run.exit).toBe(2);
    expect(run.stderr()).toContain('entrypoints.web.adress');
  }, 30_000);

  it('serves, then on SIGTERM answers /ping 503, finishes the request in flight and exits 0', async () => {
    const file = await routeAllToUpstream('dynamic.yml');
    const run = start([
      '--entrypoints.web.address=127.0.0.1:0',
      '--entrypoints.traefik.address=127.0.0.1:0',
      '--ping',
      '--entrypoints.traefik.transport.lifeCycle.requestAcceptGraceTimeout=300ms',
      `--providers.file.filename=${file}`,
      '--log.level=INFO',
    ]);
    try {
      const web = await listeningPort(run, 'web');
      const traefik = await listeningPort(run, 'traefik');
      const http = client();
      expect((await send(`http://127.0.0.1:${web}/hello`, { dispatcher: http })).text).toBe('done /hello');
      expect((await send(`http://127.0.0.1:${traefik}/ping`, { dispatcher: client() })).status).toBe(200);

      const inFlight = send(`http://127.0.0.1:${web}/slow`, { dispatcher: http });
      await new Promise((resolve) => setTimeout(resolve, 100));
      run.child.kill('SIGTERM');
      await until(() => (run.stdout().includes('"shutting down"') ? true : undefined), 'the shutdown');
      expect((await send(`http://127.0.0.1:${traefik}/ping`, { dispatcher: client() })).status).toBe(503);
      const res = await inFlight;
      expect(res.status).toBe(200);
      expect(res.text).toBe('done /slow');
      expect(await run.exit).toBe(0);
      await http.close();
    } finally {
      run.child.kill('SIGKILL');
    }
  }, 30_000);

  it('answers 504 when a server is slower than --serversTransport.forwardingTimeouts.responseHeaderTimeout', async () => {
    const file = await routeAllToUpstream('timeout.yml');
    const run = start([
      '--entrypoints.web.address=127.0.0.1:0',
      '--serversTransport.forwardingTimeouts.responseHeaderTimeout=150ms',
      `--providers.file.filename=${file}`,
      '--log.level=INFO',
    ]);
    try {
      const web = await listeningPort(run, 'web');
      expect((await send(`http://127.0.0.1:${web}/fast`, { dispatcher: client() })).status).toBe(200);
      const slow = await send(`http://127.0.0.1:${web}/stall`, { dispatcher: client() });
      expect(slow.status).toBe(504);
      expect(slow.text).not.toContain('127.0.0.1');
    } finally {
      run.child.kill('SIGKILL');
    }
  }, 30_000);
});
