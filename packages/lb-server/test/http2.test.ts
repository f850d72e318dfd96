/**
 * HTTP/2 end to end over TLS on loopback: curl `--http2` and Node's `http2` client through a TLS
 * listener negotiating `h2` (ALPN) into an entry point's routing, the same router, sticky
 * cookie, forwarded headers and request body streaming as HTTP/1.1; a client's RST_STREAM
 * aborting the upstream request; a gRPC-style round trip to an `h2c://` upstream (request body
 * streamed while the answer streams back, `te: trailers` passed, `grpc-status` trailers
 * relayed) whose active health checks speak HTTP/2 too; HTTP/1.1 and a WebSocket upgrade on the
 * same TLS listener.
 */
import { execFile } from 'node:child_process';
import http2 from 'node:http2';
import { connect as tlsConnect } from 'node:tls';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../src/metrics/metrics';
import { createAccessLog } from '../src/proxy/access-log';
import { pool, startJunction, type TestJunction } from './helpers/junction';
import { selfSigned, startH2cUpstream, startTlsFront, type H2cUpstream, type TlsFront } from './helpers/tls-front';
import { startUpstreams, type Echo, type Upstream } from './helpers/upstreams';

const run = promisify(execFile);
const cert = selfSigned(['app.local', 'grpc.local', 'sticky.local', 'slow.local']);

let ups: Upstream[];
let grpc: H2cUpstream;
let slow: Upstream;
let lb: TestJunction;
let front: TlsFront;
/** Requests the slow upstream saw end early (its client — Junction — went away). */
let slowAborted = 0;
/** Active health probes the h2c upstream answered. */
let healthProbes = 0;
const metrics = createMetrics({ processMetrics: false });
const logLines: string[] = [];

/** Access-log entries (JSON lines) of requests to `host`. */
function logged(host: string): Record<string, unknown>[] {
  return logLines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((e) => e.RequestHost === host);
}

beforeAll(async () => {
  ups = await startUpstreams(2, (req, res, id) => {
    let bytes = 0;
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id, method: req.method, url: req.url, headers: req.headers, bytes }));
    });
  });
  for (const up of ups) {
    up.server.on('upgrade', (req, socket) => {
      socket.write('HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: Upgrade\r\n\r\n');
      socket.on('data', (data: Buffer) => socket.write(`echo:${data.toString()}`));
      socket.on('end', () => socket.end());
    });
  }
  slow = (await startUpstreams(1, (_req, res) => {
    res.on('close', () => (slowAborted += res.writableFinished ? 0 : 1)); // never answers
  }))[0] as Upstream;
  grpc = await startH2cUpstream((req, res) => {
    if (req.url === '/health') {
      healthProbes += 1;
      res.end('ok');
      return;
    }
    // A bidirectional call: each request message is answered as it arrives.
    res.writeHead(200, { 'content-type': 'application/grpc', 'x-te': String(req.headers.te), 'x-authority': String(req.headers[':authority']) });
    req.on('data', (chunk: Buffer) => res.write(`got:${chunk.toString()};`));
    req.on('end', () => {
      res.addTrailers({ 'grpc-status': '0', 'grpc-message': 'done' });
      res.end();
    });
  });
  lb = await startJunction({
    http: {
      routers: {
        app: { rule: 'Host(`app.local`)', service: 'app', tls: {} },
        grpc: { rule: 'Host(`grpc.local`)', service: 'grpc', tls: {} },
        sticky: { rule: 'Host(`sticky.local`)', service: 'sticky', tls: {} },
        slow: { rule: 'Host(`slow.local`)', service: 'slow', tls: {} },
      },
      services: {
        app: pool([ups[0]?.url ?? '']),
        grpc: pool([grpc.url], { healthCheck: { path: '/health', interval: '100ms', timeout: '1s' } }),
        sticky: pool(ups.map((u) => u.url), { sticky: { cookie: { name: 'lb_pin' } } }),
        slow: pool([slow.url]),
      },
    },
  }, [], { metrics, accessLog: createAccessLog({ format: 'json', sink: { write: (line: string) => logLines.push(line) } }) });
  const web = lb.app.entryPoints.get('web');
  if (web === undefined) throw new Error('no web entry point');
  front = await startTlsFront(web, cert);
});

afterAll(async () => {
  await front?.close();
  await lb?.close();
  await Promise.all([...(ups ?? []), ...(slow === undefined ? [] : [slow])].map((u) => u.close()));
  await grpc?.close();
});

/** One HTTP/2 session to the TLS front. */
function session(): http2.ClientHttp2Session {
  return http2.connect(front.url, { ca: cert.cert, servername: 'app.local', rejectUnauthorized: false });
}

/** Sends one request on `s` and reads the whole answer. */
function h2request(s: http2.ClientHttp2Session, headers: http2.OutgoingHttpHeaders, body?: string): Promise<{ headers: http2.IncomingHttpHeaders; text: string; trailers: http2.IncomingHttpHeaders | undefined }> {
  return new Promise((resolve, reject) => {
    const stream = s.request(headers, { endStream: body === undefined });
    let response: http2.IncomingHttpHeaders = {};
    let trailers: http2.IncomingHttpHeaders | undefined;
    let text = '';
    stream.on('response', (h) => (response = h));
    stream.on('trailers', (t) => (trailers = t));
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => (text += chunk));
    stream.on('end', () => resolve({ headers: response, text, trailers }));
    stream.on('error', reject);
    if (body !== undefined) stream.end(body);
  });
}

describe('HTTP/2 on a TLS entry point', () => {
  it('curl --http2 negotiates h2 and reaches the router on :authority', async () => {
    const { stdout } = await run('curl', ['-sk', '--http2', '--resolve', `app.local:${front.port}:127.0.0.1`, '-w', '\n%{http_version} %{http_code}', `https://app.local:${front.port}/x?y=1`]);
    const [body, status] = stdout.split('\n');
    expect(status).toBe('2 200');
    const echo = JSON.parse(body ?? '') as Echo;
    expect(echo.url).toBe('/x?y=1');
    expect(echo.headers.host).toBe(`app.local:${front.port}`);
    expect(echo.headers['x-forwarded-host']).toBe(`app.local:${front.port}`);
    expect(Object.keys(echo.headers).filter((name) => name.startsWith(':'))).toEqual([]);
  });

  it('serves concurrent streams of one session, bodies streamed upstream', async () => {
    const s = session();
    try {
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => h2request(s, {
        ':method': 'POST', ':path': `/n/${i}`, ':authority': 'app.local',
      }, 'x'.repeat(1000 * (i + 1)))));
      answers.forEach((answer, i) => {
        expect(answer.headers[':status']).toBe(200);
        const echo = JSON.parse(answer.text) as Echo & { bytes: number };
        expect(echo.url).toBe(`/n/${i}`);
        expect(echo.bytes).toBe(1000 * (i + 1));
        expect(echo.headers.host).toBe('app.local');
      });
      expect(answers[0]?.headers.connection).toBeUndefined();
    } finally {
      s.close();
    }
  });

  it('sets the sticky cookie on an h2 answer and pins later streams', async () => {
    const s = session();
    try {
      const first = await h2request(s, { ':path': '/', ':authority': 'sticky.local' });
      const cookie = ([] as string[]).concat(first.headers['set-cookie'] ?? []).find((c) => c.startsWith('lb_pin='))?.split(';')[0];
      expect(cookie).toMatch(/^lb_pin=/);
      const id = (JSON.parse(first.text) as Echo).id;
      for (let i = 0; i < 4; i++) {
        const next = await h2request(s, { ':path': '/', ':authority': 'sticky.local', cookie: cookie ?? '' });
        expect((JSON.parse(next.text) as Echo).id).toBe(id);
      }
    } finally {
      s.close();
    }
  });

  it('a client RST_STREAM aborts the upstream request', async () => {
    const s = session();
    try {
      const stream = s.request({ ':path': '/hang', ':authority': 'slow.local' });
      stream.on('error', () => undefined);
      await expect.poll(() => slow.hits(), { timeout: 5000 }).toBe(1);
      stream.close(http2.constants.NGHTTP2_CANCEL);
      await expect.poll(() => slowAborted, { timeout: 5000 }).toBe(1);
      await expect.poll(() => logged('slow.local').map((e) => e.DownstreamStatus), { timeout: 5000 }).toEqual([499]);
    } finally {
      s.close();
    }
  });

  it('gRPC-style call to an h2c upstream: streamed both ways, trailers relayed', async () => {
    const s = session();
    try {
      const stream = s.request({ ':method': 'POST', ':path': '/pkg.Echo/Chat', ':authority': 'grpc.local', 'content-type': 'application/grpc', te: 'trailers' }, { endStream: false });
      let text = '';
      let headers: http2.IncomingHttpHeaders = {};
      let trailers: http2.IncomingHttpHeaders = {};
      stream.on('response', (h) => (headers = h));
      stream.on('trailers', (t) => (trailers = t));
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (text += chunk));
      const ended = new Promise((resolve) => stream.on('end', resolve));
      stream.write('one');
      // The first answer arrives while the request is still open: nothing was buffered.
      await expect.poll(() => text, { timeout: 5000 }).toBe('got:one;');
      stream.end('two');
      await ended;
      expect(text).toBe('got:one;got:two;');
      expect(headers[':status']).toBe(200);
      expect(headers['content-type']).toBe('application/grpc');
      expect(headers['x-te']).toBe('trailers');
      expect(headers['x-authority']).toBe('grpc.local');
      expect(trailers['grpc-status']).toBe('0');
      expect(trailers['grpc-message']).toBe('done');
      expect(grpc.streams()).toBeGreaterThan(healthProbes);
      await expect.poll(() => logged('grpc.local').length, { timeout: 5000 }).toBe(1);
      expect(logged('grpc.local')[0]).toMatchObject({ RequestProtocol: 'HTTP/2.0', DownstreamStatus: 200, RouterName: 'grpc@file' });
      const exposition = await metrics.render();
      expect(exposition).toContain('traefik_service_requests_total{code="200",method="POST",protocol="grpc",service="grpc@file"} 1');
    } finally {
      s.close();
    }
  });
});

describe('h2c upstream health', () => {
  it('probes an h2c server over HTTP/2 and keeps it in rotation', async () => {
    await expect.poll(() => healthProbes, { timeout: 5000 }).toBeGreaterThanOrEqual(3);
    const s = session();
    try {
      const answer = await h2request(s, { ':method': 'POST', ':path': '/pkg.Echo/Chat', ':authority': 'grpc.local', 'content-type': 'application/grpc' }, 'x');
      expect(answer.headers[':status']).toBe(200);
      expect(answer.trailers?.['grpc-status']).toBe('0');
    } finally {
      s.close();
    }
  });
});

describe('HTTP/1.1 on the same TLS listener', () => {
  it('curl --http1.1 still gets HTTP/1.1', async () => {
    const { stdout } = await run('curl', ['-sk', '--http1.1', '-H', 'host: app.local', '-w', '\n%{http_version} %{http_code}', `${front.url}/one`]);
    expect(stdout.split('\n')[1]).toBe('1.1 200');
  });

  it('proxies a WebSocket upgrade (wss)', async () => {
    const socket = tlsConnect({ host: '127.0.0.1', port: front.port, rejectUnauthorized: false, ALPNProtocols: ['http/1.1'], servername: 'app.local' });
    try {
      await new Promise<void>((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject));
      expect(socket.alpnProtocol).toBe('http/1.1');
      let received = '';
      socket.on('data', (data: Buffer) => (received += data.toString()));
      socket.write('GET /ws HTTP/1.1\r\nhost: app.local\r\nconnection: Upgrade\r\nupgrade: websocket\r\nsec-websocket-version: 13\r\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n');
      await expect.poll(() => received, { timeout: 5000 }).toContain('101 Switching Protocols');
      socket.write('ping');
      await expect.poll(() => received, { timeout: 5000 }).toContain('echo:ping');
    } finally {
      socket.destroy();
    }
  });
});
