/**
 * Misbehaving upstreams, written byte by byte over raw TCP: responses with broken framing, forbidden
 * characters, oversized heads, interim responses, bodies cut short or running long. Junction must
 * answer the client with a well-framed response (502 when nothing usable came), never pass the
 * upstream's broken bytes through as if they were a response, and keep serving afterwards.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, pool, send, startJunction, type TestJunction } from './helpers/junction';
import { rawExchange } from './helpers/raw-exchange';
import { startUpstream, type Upstream } from './helpers/upstreams';

/** What a raw upstream writes for a request, by request path. */
const replies: Record<string, string | ((socket: Socket) => void)> = {
  '/ok': 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok',
  '/garbage': 'HELLO THERE\r\n\r\n',
  '/cr-in-header': 'HTTP/1.1 200 OK\r\nX-Evil: a\rSet-Cookie: injected=1\r\nContent-Length: 2\r\n\r\nok',
  '/nul-in-header': 'HTTP/1.1 200 OK\r\nX-Evil: a\x00b\r\nContent-Length: 2\r\n\r\nok',
  '/cl-and-te': 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n',
  '/two-lengths': 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 5\r\n\r\nokokok',
  '/negative-length': 'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\nok',
  '/huge-head': `HTTP/1.1 200 OK\r\nX-Big: ${'b'.repeat(128 * 1024)}\r\nContent-Length: 2\r\n\r\nok`,
  '/switching': 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: evil\r\nConnection: Upgrade\r\n\r\nraw bytes',
  '/hints-then-ok':
    'HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok',
  // Two responses for one request: the second must never reach a client.
  '/extra-response':
    'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\nX-Smuggled: yes\r\nContent-Length: 8\r\n\r\nsmuggled',
  '/long-body': 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA-BYTES-AFTER-THE-BODY',
  '/cut-short': (socket) => {
    socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\npartial');
    setTimeout(() => socket.destroy(), 20);
  },
  '/close-delimited': (socket) => {
    socket.end('HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil close');
  },
};

let raw: Server;
let rawUrl: string;
let good: Upstream;
let lb: TestJunction;
const http = client();

beforeAll(async () => {
  raw = createServer((socket) => {
    let head = '';
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      while (head.includes('\r\n\r\n')) {
        const end = head.indexOf('\r\n\r\n');
        const path = /^\w+ (\S+)/.exec(head)?.[1] ?? '';
        head = head.slice(end + 4);
        const reply = replies[path] ?? 'HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n';
        if (typeof reply === 'string') socket.write(reply);
        else reply(socket);
      }
    });
  });
  await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
  rawUrl = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
  good = await startUpstream('good');
  lb = await startJunction({
    http: {
      routers: {
        raw: { rule: 'Host(`raw.local`)', service: 'raw' },
        good: { rule: 'Host(`good.local`)', service: 'good' },
      },
      services: { raw: pool([rawUrl]), good: pool([good.url]) },
    },
  });
});

afterAll(async () => {
  await lb.close();
  await good.close();
  await http.close();
  await new Promise((resolve) => raw.close(resolve));
});

/** One request to the raw upstream through Junction, as raw bytes on a fresh connection. */
function viaJunction(path: string): ReturnType<typeof rawExchange> {
  return rawExchange(lb.port, `GET ${path} HTTP/1.1\r\nHost: raw.local\r\nConnection: close\r\n\r\n`);
}

async function stillServing(): Promise<void> {
  const res = await send(`${lb.url}/x`, { headers: { host: 'good.local' }, dispatcher: http });
  expect(res.status).toBe(200);
}

describe('misbehaving upstreams', () => {
  it('passes a well-formed answer through (the control case)', async () => {
    const reply = await viaJunction('/ok');
    expect(reply.statuses).toEqual([200]);
    expect(reply.text.endsWith('\r\n\r\nok')).toBe(true);
  });

  it.each([
    ['not HTTP at all', '/garbage'],
    ['a CR inside a header value', '/cr-in-header'],
    ['a NUL inside a header value', '/nul-in-header'],
    ['Content-Length and Transfer-Encoding together', '/cl-and-te'],
    ['two different Content-Length values', '/two-lengths'],
    ['a negative Content-Length', '/negative-length'],
    ['a head larger than the limit', '/huge-head'],
    ['101 to a request that asked for no upgrade', '/switching'],
  ])('answers 502 to %s, without any of its bytes', async (_, path) => {
    const reply = await viaJunction(path);
    expect(reply.statuses).toEqual([502]);
    expect(reply.text).not.toMatch(/injected|X-Evil|X-Big|raw bytes|HELLO|evil/i);
    expect(reply.text).not.toContain(rawUrl.slice('http://'.length));
    await stillServing();
  });

  it('skips an interim 103 response and forwards the final one', async () => {
    const reply = await viaJunction('/hints-then-ok');
    expect(reply.statuses.at(-1)).toBe(200);
    expect(reply.text.endsWith('\r\n\r\nok')).toBe(true);
  });

  it('never hands a second response for one request to any client', async () => {
    for (let i = 0; i < 3; i++) {
      const reply = await viaJunction('/extra-response');
      expect(reply.statuses).toEqual([200]);
      expect(reply.text).not.toMatch(/smuggled/i);
      // The same pooled upstream connection would carry the stray response to the next client.
      const next = await viaJunction('/ok');
      expect(next.statuses).toEqual([200]);
      expect(next.text).not.toMatch(/smuggled/i);
    }
  });

  it('drops bytes an upstream sends past its Content-Length', async () => {
    const reply = await viaJunction('/long-body');
    expect(reply.statuses).toEqual([200]);
    expect(reply.text.endsWith('\r\n\r\nok')).toBe(true);
    const next = await viaJunction('/ok');
    expect(next.statuses).toEqual([200]);
    expect(next.text).not.toContain('EXTRA');
  });

  it('cuts the client connection when the upstream body is cut short, so the client sees the truncation', async () => {
    const reply = await viaJunction('/cut-short');
    expect(reply.statuses).toEqual([200]);
    expect(reply.closed).toBe(true);
    const body = reply.text.slice(reply.text.indexOf('\r\n\r\n') + 4);
    expect(body.length).toBeLessThan(100_000);
    await stillServing();
  });

  it('forwards a close-delimited HTTP/1.0 body whole, framed for the client', async () => {
    const res = await send(`${lb.url}/close-delimited`, { headers: { host: 'raw.local' }, dispatcher: http });
    expect(res.status).toBe(200);
    expect(res.text).toBe('until close');
  });
});
