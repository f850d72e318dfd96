/**
 * A client that stops reading a large download must not make Junction read it: the slow client's
 * backpressure reaches the upstream, whose writes stall once a few MB (socket buffers and
 * stream windows on the way) are in flight, and the download completes intact when the client
 * reads again. Also: the bytes of both body directions reach the buffer reclaimer
 * (`src/proxy/buffer-reclaim.ts`), which bench/memory.bench.ts measures.
 */
import { createHash } from 'node:crypto';
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { streamReclaimer } from '../src/proxy/buffer-reclaim';
import { pool, startJunction, type TestJunction } from './helpers/junction';
import { startUpstream, type Upstream } from './helpers/upstreams';

const MB = 1024 * 1024;
const SIZE = 256 * MB;
/** Most the upstream may get ahead of a client that reads nothing: socket buffers, not the body. */
const IN_FLIGHT_BOUND = 24 * MB;
const CHUNK = Buffer.alloc(64 * 1024, 0x5a);

/** What the sending upstream did. */
interface Sender {
  written: number;
  /** Whether its last write returned false and no `drain` followed yet. */
  waiting: boolean;
  finished: boolean;
}

/** Writes `total` bytes to `res` with backpressure, recording progress in `state`. */
function send(res: ServerResponse, total: number, state: Sender): void {
  const pump = (): void => {
    state.waiting = false;
    while (state.written < total) {
      state.written += CHUNK.length;
      if (!res.write(CHUNK)) {
        state.waiting = true;
        res.once('drain', pump);
        return;
      }
    }
    res.end(() => (state.finished = true));
  };
  pump();
}

let junction: TestJunction | undefined;
let upstream: Upstream | undefined;
afterEach(async () => {
  await junction?.close();
  await upstream?.close();
  junction = undefined;
  upstream = undefined;
});

async function through(handler: Parameters<typeof startUpstream>[1]): Promise<TestJunction> {
  upstream = await startUpstream('big', handler);
  junction = await startJunction({
    http: { routers: { big: { rule: 'Host(`big.local`)', service: 'big' } }, services: { big: pool([upstream.url]) } },
  });
  return junction;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('a client that stops reading a large download', () => {
  it('stalls the upstream after a bounded window, and gets every byte when it reads again', async () => {
    const sender: Sender = { written: 0, waiting: false, finished: false };
    const lb = await through((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(SIZE) });
      send(res, SIZE, sender);
    });
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: lb.port, path: '/big', headers: { host: 'big.local' }, agent: false },
        resolve,
      );
      req.on('error', reject);
      req.end();
    });
    response.pause(); // the client reads nothing from here on
    expect(response.statusCode).toBe(200);

    // wait (bounded) until the upstream has stopped making progress
    let last = -1;
    for (let i = 0; i < 100 && sender.written !== last; i++) {
      last = sender.written;
      await sleep(150);
    }
    console.log(
      `[slow client] upstream wrote ${(sender.written / MB).toFixed(1)} MB of ${SIZE / MB} MB while the client read nothing`,
    );
    expect(sender.written).toBe(last); // it stalled…
    expect(sender.waiting).toBe(true); // …on backpressure, not by failing
    expect(sender.finished).toBe(false);
    expect(sender.written).toBeLessThan(IN_FLIGHT_BOUND);

    const hash = createHash('sha256');
    let received = 0;
    response.on('data', (chunk: Buffer) => {
      received += chunk.length;
      hash.update(chunk);
    });
    response.resume();
    await new Promise((resolve, reject) => response.on('end', resolve).on('error', reject));
    expect(received).toBe(SIZE);
    const expected = createHash('sha256');
    for (let i = 0; i < SIZE / CHUNK.length; i++) expected.update(CHUNK);
    expect(hash.digest('hex')).toBe(expected.digest('hex'));
    expect(sender.finished).toBe(true);
  }, 60_000);
});

describe('the buffer reclaimer', () => {
  it('is told about the bytes of request and response bodies streamed through the proxy', async () => {
    const size = 32 * MB;
    const lb = await through((req, res) => {
      if (req.method === 'POST') {
        let bytes = 0;
        req.on('data', (chunk: Buffer) => (bytes += chunk.length));
        req.on('end', () => res.end(String(bytes)));
        return;
      }
      req.resume();
      res.writeHead(200, { 'content-length': String(size) });
      send(res, size, { written: 0, waiting: false, finished: false });
    });
    const reclaimer = streamReclaimer();

    const beforeUpload = reclaimer.collections();
    const stored = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: lb.port,
          method: 'POST',
          path: '/up',
          headers: { host: 'big.local', 'content-length': String(size) },
          agent: false,
        },
        (res) => {
          let text = '';
          res.on('data', (s: Buffer) => (text += s.toString()));
          res.on('end', () => resolve(text));
        },
      );
      req.on('error', reject);
      let sent = 0;
      const write = (): void => {
        while (sent < size) {
          sent += CHUNK.length;
          if (!req.write(CHUNK)) return void req.once('drain', write);
        }
        req.end();
      };
      write();
    });
    expect(Number(stored)).toBe(size);
    await sleep(10);
    expect(reclaimer.collections() - beforeUpload).toBeGreaterThanOrEqual(2);

    const beforeDownload = reclaimer.collections();
    const downloaded = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: lb.port, path: '/down', headers: { host: 'big.local' }, agent: false },
        (res) => {
          let bytes = 0;
          res.on('data', (chunk: Buffer) => (bytes += chunk.length));
          res.on('end', () => resolve(bytes));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(downloaded).toBe(size);
    await sleep(10);
    expect(reclaimer.collections() - beforeDownload).toBeGreaterThanOrEqual(2);
  }, 60_000);
});
