/**
 * Method tokens Node's HTTP parser refuses (issue #13): llhttp answers `HPE_INVALID_METHOD` to any
 * token outside its 35 names, where Go's `net/http` accepts any RFC 9110 token and Traefik routes
 * it. Junction reads the refused head and matches the entry point's routers
 * (`src/server/unparsed-method.ts`): no router → Traefik's 404, a router → 501
 * `LB_METHOD_UNPARSED`, nothing forwarded, connection closed; whatever it cannot read strictly
 * stays Node's 400. Raw bytes on loopback, plain and over TLS; each row names its source.
 */
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pool, startJunction, type TestJunction } from './helpers/junction';
import { rawExchange } from './helpers/raw-exchange';
import { useTlsLab } from './helpers/tls-lab';
import { startUpstream, type Upstream } from './helpers/upstreams';

let upstream: Upstream;
let lb: TestJunction;
let seen = 0;

beforeAll(async () => {
  upstream = await startUpstream('u', (_req, res) => {
    seen++;
    res.end('u');
  });
  lb = await startJunction({
    http: {
      routers: {
        gets: { rule: 'Method(`GET`)', service: 'u' },
        a: { rule: 'Host(`a`)', service: 'u' },
      },
      services: { u: pool([upstream.url]) },
    },
  });
});

afterAll(async () => {
  await lb.close();
  await upstream.close();
});

/** The body of a raw reply. */
const bodyOf = (text: string): string => text.slice(text.indexOf('\r\n\r\n') + 4);

describe('routed as Traefik routes them, never forwarded', () => {
  it.each([
    {
      head: 'get / HTTP/1.1\r\nHost: b\r\n\r\n',
      status: 404,
      code: 'LB_NO_ROUTE',
      src: 'Traefik muxer method matcher compares the method as sent: `get` is not `GET` (RFC 9110 §9.1)',
    },
    {
      head: 'Get /x?y=1 HTTP/1.1\r\nHost: b\r\nX-Any: 1\r\n\r\n',
      status: 404,
      code: 'LB_NO_ROUTE',
      src: 'Go validMethod accepts "Get"; no router matches it',
    },
    {
      head: 'FOO / HTTP/1.1\r\nHost: a\r\n\r\n',
      status: 501,
      code: 'LB_METHOD_UNPARSED',
      src: 'Go validMethod accepts "FOO"; Traefik Host(`a`) matches (Traefik forwards; Node cannot)',
    },
    {
      head: 'get http://a/z HTTP/1.1\r\nHost: b\r\n\r\n',
      status: 501,
      code: 'LB_METHOD_UNPARSED',
      src: 'RFC 9112 §3.2.2: the absolute-form authority wins over Host, as for any method',
    },
  ])('$src', async ({ head, status, code }) => {
    seen = 0;
    const reply = await rawExchange(lb.port, head, 1000);
    expect(reply.statuses).toEqual([status]);
    expect(JSON.parse(bodyOf(reply.text))).toMatchObject({ code });
    expect(reply.text.toLowerCase()).toContain('\r\nconnection: close\r\n');
    expect(reply.closed).toBe(true);
    expect(seen).toBe(0);
  });

  it('answers the 404 with the same body as for an unmatched known method', async () => {
    const refused = await rawExchange(lb.port, 'get / HTTP/1.1\r\nHost: b\r\n\r\n', 1000);
    const known = await rawExchange(lb.port, 'POST / HTTP/1.1\r\nHost: b\r\nConnection: close\r\n\r\n', 1000);
    expect(known.statuses).toEqual([404]);
    expect(bodyOf(refused.text)).toBe(bodyOf(known.text));
  });

  it('routes a later request of a kept-alive connection once the earlier one is answered', async () => {
    const text = await new Promise<string>((resolve, reject) => {
      const socket = netConnect(lb.port, '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\nHost: a\r\n\r\n'));
      let received = '';
      socket.setEncoding('latin1');
      socket.on('data', (chunk: string) => {
        if (received === '') socket.write('get / HTTP/1.1\r\nHost: b\r\n\r\n');
        received += chunk;
      });
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
    });
    expect(text.match(/HTTP\/1\.1 \d{3}/g)).toEqual(['HTTP/1.1 200', 'HTTP/1.1 404']);
  });
});

describe("kept as Node's 400 when the head cannot be read strictly", () => {
  it.each([
    { bytes: 'G@T / HTTP/1.1\r\nHost: a\r\n\r\n', src: 'RFC 9110 §5.6.2: "@" is no tchar' },
    { bytes: 'get / HTTP/1.1\r\nHost: a\r\n', src: 'head not complete in what Node buffered' },
    { bytes: 'get / HTTP/1.1\r\nHost: a\r\nX: 1\r\n y\r\n\r\n', src: 'RFC 9112 §5.2: obs-fold refused' },
    { bytes: 'get / HTTP/1.1\r\nHost: a\nX: 1\r\n\r\n', src: 'RFC 9112 §2.2: bare LF in the head' },
    { bytes: 'get / HTTP/1.1\r\n\r\n', src: 'RFC 9112 §3.2: HTTP/1.1 without Host (Go: 400)' },
    { bytes: 'get / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n', src: 'Go server.go: "too many Host headers"' },
    { bytes: 'get  / HTTP/1.1\r\nHost: a\r\n\r\n', src: 'RFC 9112 §3: one SP between the parts' },
    { bytes: 'get / HTTP/2.0\r\nHost: a\r\n\r\n', src: 'only HTTP/1.x request lines' },
    { bytes: `get${'x'.repeat(40_000)} / HTTP/1.1\r\n\r\n`, src: 'a huge garbage line (beyond maxHeaderSize)' },
  ])('$src', async ({ bytes }) => {
    seen = 0;
    const reply = await rawExchange(lb.port, bytes, 1000);
    expect(reply.statuses).toEqual([400]);
    expect(seen).toBe(0);
  });

  it('still serves the next connection after garbage', async () => {
    await rawExchange(lb.port, Buffer.alloc(60_000, 'g'), 1000);
    const next = await rawExchange(lb.port, 'GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n', 1000);
    expect(next.statuses).toEqual([200]);
  });
});

describe('over TLS (HTTP/1.1)', () => {
  const lab = useTlsLab();

  /** Sends `head` over TLS to `servername` and collects the answer until close. */
  const overTls = (port: number, servername: string, head: string): Promise<string> =>
    new Promise((resolve, reject) => {
      const socket = tlsConnect({ port, host: '127.0.0.1', servername, ca: lab.ca.caPem, ALPNProtocols: ['http/1.1'] });
      let text = '';
      const timer = setTimeout(() => socket.destroy(), 2000);
      socket.setEncoding('latin1');
      socket.on('secureConnect', () => socket.write(head));
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('close', () => {
        clearTimeout(timer);
        resolve(text);
      });
      socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
    });

  it.each([
    { host: 'nothing.test', status: '404', code: 'LB_NO_ROUTE', src: 'no TLS router for the host' },
    { host: 'secure.test', status: '501', code: 'LB_METHOD_UNPARSED', src: 'the TLS router matches over TLS' },
  ])('get / → $status: $src', async ({ host, status, code }) => {
    const j = await lab.start(lab.config());
    const text = await overTls(j.port, 'secure.test', `get / HTTP/1.1\r\nHost: ${host}\r\n\r\n`);
    expect(text.startsWith(`HTTP/1.1 ${status} `)).toBe(true);
    expect(JSON.parse(bodyOf(text))).toMatchObject({ code });
  });
});
