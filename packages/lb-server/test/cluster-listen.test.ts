/**
 * How `--workers` listens (real processes on loopback): with `reusePort` every worker binds the
 * entry point's port itself (SO_REUSEPORT) and both serve; a port already taken makes every
 * worker fail before serving, and the primary then exits with their code instead of replacing
 * them in a loop; and workers do not outlive a primary killed outright (nothing keeps serving,
 * or holding the port, unsupervised).
 */
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pidOfConnection, untilWorkersReady, workerPids } from './helpers/cluster-pids';
import { startLbProcess } from './helpers/lb-process';
import { until } from './helpers/poll';
import { freePort } from './helpers/ports';
import { startUpstream, type Upstream } from './helpers/upstreams';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));

let dir: string;
let file: string;
let up: Upstream;
let pids: () => number[] = () => [];
const senders: (number | undefined)[] = [];

/** How many sockets listen on loopback `port` (`/proc/net/tcp`, state 0A). */
function listeners(port: number): number {
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f[3] === '0A' && parseInt(f[1]?.split(':')[1] ?? '', 16) === port).length;
}

function get(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/', agent: false, timeout: 10_000, headers: { host: 'app.test' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('no answer')));
    req.end();
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'junction-cluster-listen-'));
  up = await startUpstream('up', (req, res) => {
    senders.push(pidOfConnection(req.socket.remotePort ?? 0, up.port, pids()));
    res.end('ok');
  });
  file = join(dir, 'dynamic.yml');
  await writeFile(
    file,
    `http:\n  routers:\n    app: { rule: "Host(\`app.test\`)", service: app }\n  services:\n    app:\n      loadBalancer:\n        servers: [{ url: "${up.url}" }]\n`,
  );
});

afterAll(async () => {
  await up.close();
  await rm(dir, { recursive: true, force: true });
});

describe('--workers listening', () => {
  it('lets every worker bind a reusePort entry point, and both serve', async () => {
    const port = await freePort();
    const lb = await startLbProcess([
      '--workers=2',
      `--providers.file.filename=${file}`,
      `--entrypoints.web.address=127.0.0.1:${port}`,
      '--entrypoints.web.reusePort=true',
    ]);
    try {
      pids = () => workerPids(lb.logs());
      await untilWorkersReady(lb.logs, 2, 'both workers');
      // One socket per worker (round-robin would show one, the primary's).
      expect(listeners(port)).toBe(2);
      // The kernel spreads connections by a hash of their addresses: send until both have served.
      await until(
        async () => {
          expect(await get(port)).toBe(200);
          return new Set(senders.filter((p) => p !== undefined)).size === 2 ? true : undefined;
        },
        'both workers to serve',
        15_000,
      );
      expect(new Set(senders.filter((p) => p !== undefined))).toEqual(new Set(pids()));
      expect(await lb.stop()).toBe(0);
    } finally {
      if (lb.child.exitCode === null) lb.kill();
    }
  }, 60_000);

  it("exits with the workers' code when none can listen, without replacing them", async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const child = spawn(
        process.execPath,
        [
          '--conditions=junction-source',
          '--import',
          'tsx',
          'src/main.ts',
          '--workers=2',
          '--log.level=INFO',
          `--providers.file.filename=${file}`,
          `--entrypoints.web.address=127.0.0.1:${port}`,
        ],
        { cwd: PACKAGE, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
      expect(code).toBe(1);
      expect(out).toContain('worker failed to start: stopping');
      expect(out).not.toContain('worker died: replacing it');
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  }, 60_000);

  it('stops the workers when the primary is killed outright', async () => {
    const lb = await startLbProcess(['--workers=2', `--providers.file.filename=${file}`]);
    try {
      await untilWorkersReady(lb.logs, 2, 'both workers');
      const workers = workerPids(lb.logs());
      expect(workers).toHaveLength(2);
      lb.kill();
      const alive = (pid: number): boolean => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      };
      await until(() => (workers.some(alive) ? undefined : true), 'the workers to exit', 10_000);
    } finally {
      for (const pid of workerPids(lb.logs())) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
  }, 60_000);
});
