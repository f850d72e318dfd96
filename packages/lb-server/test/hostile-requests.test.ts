/**
 * Hostile requests, written byte by byte (RFC 9112 framing, RFC 9110 semantics): request
 * smuggling variants, malformed request lines and headers, oversized heads, forged forwarding
 * headers. Each probe asserts two things: what the client is answered, and that the upstream
 * never sees a request the client did not frame unambiguously (the smuggled `/smuggled`).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pool, startJunction, type TestJunction } from './helpers/junction';
import { rawExchange } from './helpers/raw-exchange';
import { startUpstream, type Upstream } from './helpers/upstreams';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

let upstream: Upstream;
let lb: TestJunction;
let seen: Seen[] = [];

beforeAll(async () => {
  upstream = await startUpstream('rec', (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('latin1'),
      });
      res.setHeader('content-type', 'text/plain');
      res.end(`seen ${req.method} ${req.url}`);
    });
  });
  lb = await startJunction({
    http: {
      routers: { all: { rule: 'PathPrefix(`/`)', service: 'rec' } },
      services: { rec: pool([upstream.url]) },
    },
  });
});

afterAll(async () => {
  await lb.close();
  await upstream.close();
});

beforeEach(() => {
  seen = [];
});

const smuggled = 'GET /smuggled HTTP/1.1\r\nHost: a\r\n\r\n';

/** Sends `bytes`, then asserts the upstream saw no `/smuggled` request; returns the reply. */
async function probe(bytes: string): Promise<Awaited<ReturnType<typeof rawExchange>>> {
  const reply = await rawExchange(lb.port, bytes);
  // Give a smuggled request time to reach the upstream, should one have slipped through.
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(seen.map((s) => s.url)).not.toContain('/smuggled');
  return reply;
}

describe('request smuggling (RFC 9112 §6)', () => {
  it('refuses Content-Length together with Transfer-Encoding', async () => {
    const reply = await probe(
      `POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${smuggled}`,
    );
    expect(reply.statuses).toEqual([400]);
    expect(reply.closed).toBe(true);
  });

  it('refuses two different Content-Length values', async () => {
    const reply = await probe(
      `POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\nContent-Length: ${smuggled.length}\r\n\r\n${smuggled}`,
    );
    expect(reply.statuses).toEqual([400]);
  });

  it.each([
    ['a comma list', 'Content-Length: 5, 0'],
    ['a sign', 'Content-Length: +5'],
    ['a negative value', 'Content-Length: -1'],
    ['hex', 'Content-Length: 0x5'],
  ])('refuses a Content-Length with %s', async (_, header) => {
    const reply = await probe(`POST / HTTP/1.1\r\nHost: a\r\n${header}\r\n\r\nhello${smuggled}`);
    expect(reply.statuses[0]).toBe(400);
    expect(seen).toEqual([]);
  });

  it.each([
    ['an unknown coding', 'Transfer-Encoding: xchunked'],
    ['chunked not last', 'Transfer-Encoding: chunked, identity'],
    ['a space before the colon', 'Transfer-Encoding : chunked'],
    ['a vertical tab', 'Transfer-Encoding:\x0bchunked'],
  ])('refuses Transfer-Encoding with %s', async (_, header) => {
    const reply = await probe(
      `POST / HTTP/1.1\r\nHost: a\r\n${header}\r\nContent-Length: 5\r\n\r\n0\r\n\r\n${smuggled}`,
    );
    expect([400, 501]).toContain(reply.statuses[0]);
    expect(reply.statuses).toHaveLength(1);
    expect(seen).toEqual([]);
  });

  it('refuses a chunk size that overflows', async () => {
    const reply = await probe(
      `POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffff1\r\nx\r\n0\r\n\r\n${smuggled}`,
    );
    expect(reply.statuses).toEqual([400]);
  });

  it('refuses a chunk with a bare LF where CRLF belongs', async () => {
    const reply = await probe(
      `POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\n0\n\n${smuggled}`,
    );
    expect(reply.statuses[0]).toBe(400);
  });

  it('forwards a well-framed chunked body as one request, then the pipelined one', async () => {
    const reply = await probe(
      `POST /one HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\nGET /two HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n`,
    );
    expect(reply.statuses).toEqual([200, 200]);
    expect(seen.map((s) => [s.method, s.url, s.body])).toEqual([
      ['POST', '/one', 'abc'],
      ['GET', '/two', ''],
    ]);
    // The upstream gets its own framing: never the client's Transfer-Encoding beside a length.
    const first = seen[0]!.headers;
    expect(first['content-length'] !== undefined && first['transfer-encoding'] !== undefined).toBe(false);
  });
});

describe('request line and header abuse (RFC 9112 §2–5)', () => {
  it.each([
    ['a NUL in a header value', 'GET / HTTP/1.1\r\nHost: a\r\nX: a\x00b\r\n\r\n'],
    ['a CR alone in a header value', 'GET / HTTP/1.1\r\nHost: a\r\nX: a\rb\r\n\r\n'],
    ['obsolete line folding', 'GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n b\r\n\r\n'],
    ['a space inside a header name', 'GET / HTTP/1.1\r\nHost: a\r\nX Y: z\r\n\r\n'],
    ['a header line without a colon', 'GET / HTTP/1.1\r\nHost: a\r\nnocolon\r\n\r\n'],
    ['a method with a separator', 'GE(T / HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['an unknown HTTP major version', 'GET / HTTP/2.1\r\nHost: a\r\n\r\n'],
    ['a space inside the target', 'GET /a b HTTP/1.1\r\nHost: a\r\n\r\n'],
  ])('answers 400 to %s and forwards nothing', async (_, bytes) => {
    const reply = await probe(bytes);
    expect([400, 505]).toContain(reply.statuses[0]);
    expect(seen).toEqual([]);
  });

  it('answers 431 to a head larger than the limit, and keeps serving', async () => {
    const reply = await probe(`GET / HTTP/1.1\r\nHost: a\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`);
    expect(reply.statuses[0]).toBe(431);
    expect(seen).toEqual([]);
    const after = await probe('GET /after HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n');
    expect(after.statuses).toEqual([200]);
  });

  it('answers 431 to thousands of small header lines', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `X-${i}: v`).join('\r\n');
    const reply = await probe(`GET / HTTP/1.1\r\nHost: a\r\n${lines}\r\n\r\n`);
    expect(reply.statuses[0]).toBe(431);
    expect(seen).toEqual([]);
  });

  it('answers 400 to an HTTP/1.1 request without Host (RFC 9112 §3.2)', async () => {
    const reply = await probe('GET / HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(reply.statuses).toEqual([400]);
    expect(seen).toEqual([]);
  });

  it('answers every pipelined request in order on one connection', async () => {
    const reqs = Array.from({ length: 20 }, (_, i) => `GET /p${i} HTTP/1.1\r\nHost: a\r\n\r\n`).join('');
    const reply = await probe(`${reqs}GET /last HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n`);
    expect(reply.statuses).toHaveLength(21);
    expect(new Set(reply.statuses)).toEqual(new Set([200]));
    expect([...reply.text.matchAll(/seen GET (\/p\d+|\/last)/g)].map((m) => m[1])).toEqual([
      ...Array.from({ length: 20 }, (_, i) => `/p${i}`),
      '/last',
    ]);
  });
});

describe('Expect: 100-continue (RFC 9110 §10.1.1)', () => {
  it('answers 100 Continue itself and forwards the body without Expect', async () => {
    const reply = await probe(
      'POST /upload HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello',
    );
    expect(reply.statuses).toEqual([100, 200]);
    expect(seen.map((s) => [s.url, s.body, s.headers.expect])).toEqual([['/upload', 'hello', undefined]]);
  });
});

describe('forged forwarding headers from an untrusted peer', () => {
  it('does not let Connection remove the X-Forwarded-* headers Junction sets', async () => {
    await probe(
      'GET /xff HTTP/1.1\r\nHost: a\r\nConnection: close, X-Forwarded-For, X-Forwarded-Host, X-Real-Ip\r\n\r\n',
    );
    expect(seen).toHaveLength(1);
    expect(seen[0]!.headers).toMatchObject({
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-host': 'a',
      'x-real-ip': '127.0.0.1',
    });
  });

  it('replaces a forged X-Forwarded-For sent twice', async () => {
    await probe(
      'GET /xff HTTP/1.1\r\nHost: a\r\nX-Forwarded-For: 6.6.6.6\r\nX-Forwarded-For: 7.7.7.7\r\nConnection: close\r\n\r\n',
    );
    expect(seen[0]!.headers['x-forwarded-for']).toBe('127.0.0.1');
  });
});
