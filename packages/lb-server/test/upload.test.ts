/**
 * Bodies stream through the proxy: a 50 MB upload reaches the upstream intact (same SHA-256)
 * while the proxy's live memory grows far less than the body. Junction runs in a child process
 * so its memory is measured apart from the test's client and upstream, and every sample follows
 * a full GC, so it counts memory held, not garbage not yet collected. A second test checks
 * backpressure: with an upstream that stops reading, the client cannot push the body in.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashBody } from './helpers/hash-body';
import { startJunction } from './helpers/junction';

const SIZE = 50 * 1024 * 1024;
const CHUNK = 64 * 1024;
const MB = 1024 * 1024;

let upstream: Server;
let child: ChildProcess;
let port = 0;
const received = { bytes: 0, hash: '' };

interface Memory {
  readonly rss: number;
  readonly heapUsed: number;
  readonly external: number;
}

/** Memory the process holds (after a GC): JS heap plus buffers outside it. RSS also counts freed pages not returned. */
const live = (m: Memory): number => m.heapUsed + m.external;

function ask<T>(message: object): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (reply) => resolve(reply as T));
    child.send(message);
  });
}

/**
 * A deterministic body of `size` bytes, produced chunk by chunk at most about 40 MB/s, and its
 * hash. The pace keeps the garbage between two samples small, so the samples show what the proxy
 * holds rather than what the collector has not swept yet.
 */
function body(size: number): { stream: Readable; hash: Promise<string> } {
  const hash = createHash('sha256');
  let sent = 0;
  let resolveHash: (h: string) => void = () => undefined;
  const done = new Promise<string>((resolve) => (resolveHash = resolve));
  const stream = new Readable({
    read() {
      if (sent >= size) {
        resolveHash(hash.digest('hex'));
        this.push(null);
        return;
      }
      const chunk = Buffer.alloc(CHUNK, sent / CHUNK);
      hash.update(chunk);
      sent += chunk.length;
      if (sent % MB === 0) setTimeout(() => this.push(chunk), 25);
      else this.push(chunk);
    },
  });
  return { stream, hash: done };
}

/** POSTs a generated body of `size` bytes through the proxy; resolves with the status and the body's hash. */
async function upload(size: number): Promise<{ status: number; hash: string }> {
  const { stream, hash } = body(size);
  const status = await new Promise<number>((resolve, reject) => {
    const headers = { host: 'up.local', 'content-type': 'application/octet-stream', 'content-length': String(size) };
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/upload', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    stream.pipe(req);
  });
  return { status, hash: await hash };
}

beforeAll(async () => {
  upstream = createServer((req, res) => {
    hashBody(req, ({ bytes, sha256 }) => {
      received.bytes = bytes;
      received.hash = sha256;
      res.end('stored');
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const upstreamPort = (upstream.address() as AddressInfo).port;
  const script = fileURLToPath(new URL('./helpers/junction-child.ts', import.meta.url));
  child = fork(script, [], {
    execArgv: ['--conditions=junction-source', '--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  port = (await ask<{ port: number }>({ upstream: `http://127.0.0.1:${upstreamPort}` })).port;
}, 30_000);

afterAll(async () => {
  child?.kill();
  upstream?.closeAllConnections();
  await new Promise((resolve) => upstream?.close(resolve));
});

describe('streaming', () => {
  it('streams a 50 MB upload without the proxy memory growing by that much', async () => {
    await upload(CHUNK * 16); // warm up: first-use allocations are not the body's
    const base = await ask<Memory>({ memory: true, gc: true });
    let peak = base;
    const sampler = setInterval(() => {
      void ask<Memory>({ memory: true, gc: true }).then((m) => {
        if (live(m) > live(peak)) peak = m;
      });
    }, 100);
    const { status, hash } = await upload(SIZE);
    clearInterval(sampler);
    expect(status).toBe(200);
    expect(received.bytes).toBe(SIZE);
    expect(received.hash).toBe(hash);
    const growth = live(peak) - live(base);
    console.log(
      `proxy memory during a 50 MB upload: live (heap + external) +${(growth / MB).toFixed(1)} MB, rss +${((peak.rss - base.rss) / MB).toFixed(1)} MB`,
    );
    expect(growth).toBeLessThan(25 * MB);
  }, 60_000);

  it('applies backpressure: an upstream that stops reading stops the client', async () => {
    const stalled = createServer((req) => req.pause());
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
    const lb = await startJunction({
      http: {
        routers: { up: { rule: 'Host(`up.local`)', service: 'up' } },
        services: {
          up: { loadBalancer: { servers: [{ url: `http://127.0.0.1:${(stalled.address() as AddressInfo).port}` }] } },
        },
      },
    });
    let produced = 0;
    const stream = new Readable({
      read() {
        produced += CHUNK;
        this.push(produced > SIZE ? null : Buffer.alloc(CHUNK));
      },
    });
    const req = request({
      host: '127.0.0.1',
      port: lb.port,
      method: 'POST',
      path: '/',
      headers: { host: 'up.local', 'content-length': String(SIZE) },
    });
    req.on('error', () => undefined);
    stream.pipe(req);
    let last = -1;
    for (let i = 0; i < 40 && produced !== last; i++) {
      last = produced;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(produced).toBeLessThan(SIZE / 2);
    req.destroy();
    stalled.closeAllConnections();
    stalled.close();
    await lb.close();
  });
});
