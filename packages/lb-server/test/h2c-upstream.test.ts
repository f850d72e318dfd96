/**
 * gRPC-style traffic to an `h2c://` upstream (cleartext HTTP/2, prior knowledge) behind a TLS
 * entry point negotiating `h2`: a bidirectional call whose request body streams while the answer
 * streams back, `te: trailers` passed and `grpc-status` trailers relayed, logged as HTTP/2.0 and
 * counted with protocol `grpc`; active health checks of the h2c server speak HTTP/2 as well;
 * one connection per h2c origin, closed after `idleConnTimeout` without requests.
 */
import http2 from 'node:http2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../src/metrics/metrics';
import { createAccessLog } from '../src/proxy/access-log';
import { pool, startJunction, type TestJunction } from './helpers/junction';
import { h2request, h2session, startH2cUpstream, type H2cUpstream } from './helpers/h2';

let grpc: H2cUpstream;
let lb: TestJunction;
/** Active health probes the h2c upstream answered. */
let healthProbes = 0;
const metrics = createMetrics({ processMetrics: false });
const logLines: string[] = [];

/** Access-log entries (JSON lines) of requests to `host`. */
function logged(host: string): Record<string, unknown>[] {
  return logLines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((e) => e.RequestHost === host);
}

beforeAll(async () => {
  grpc = await startH2cUpstream((req, res) => {
    if (req.url === '/health') {
      healthProbes += 1;
      res.end('ok');
      return;
    }
    // A bidirectional call: each request message is answered as it arrives.
    res.writeHead(200, {
      'content-type': 'application/grpc',
      'x-te': String(req.headers.te),
      'x-authority': String(req.headers[':authority']),
    });
    req.on('data', (chunk: Buffer) => res.write(`got:${chunk.toString()};`));
    req.on('end', () => {
      res.addTrailers({ 'grpc-status': '0', 'grpc-message': 'done' });
      res.end();
    });
  });
  lb = await startJunction(
    {
      http: {
        routers: { grpc: { rule: 'Host(`grpc.local`)', service: 'grpc', tls: {} } },
        services: { grpc: pool([grpc.url], { healthCheck: { path: '/health', interval: '100ms', timeout: '1s' } }) },
      },
    },
    [],
    { metrics, accessLog: createAccessLog({ format: 'json', sink: { write: (line: string) => logLines.push(line) } }) },
  );
});

afterAll(async () => {
  await lb?.close();
  await grpc?.close();
});

describe('h2c upstream', () => {
  it('gRPC-style call to an h2c upstream: streamed both ways, trailers relayed', async () => {
    const s = h2session(lb.port);
    try {
      const stream = s.request(
        {
          ':method': 'POST',
          ':path': '/pkg.Echo/Chat',
          ':authority': 'grpc.local',
          'content-type': 'application/grpc',
          te: 'trailers',
        },
        { endStream: false },
      );
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
      expect(logged('grpc.local')[0]).toMatchObject({
        RequestProtocol: 'HTTP/2.0',
        DownstreamStatus: 200,
        RouterName: 'grpc@file',
      });
      const exposition = await metrics.render();
      expect(exposition).toContain(
        'traefik_service_requests_total{code="200",method="POST",protocol="grpc",service="grpc@file"} 1',
      );
    } finally {
      s.close();
    }
  });
});

describe('h2c upstream health', () => {
  it('probes an h2c server over HTTP/2 and keeps it in rotation', async () => {
    await expect.poll(() => healthProbes, { timeout: 5000 }).toBeGreaterThanOrEqual(3);
    const s = h2session(lb.port);
    try {
      const answer = await h2request(
        s,
        {
          ':method': 'POST',
          ':path': '/pkg.Echo/Chat',
          ':authority': 'grpc.local',
          'content-type': 'application/grpc',
        },
        'x',
      );
      expect(answer.headers[':status']).toBe(200);
      expect(answer.trailers?.['grpc-status']).toBe('0');
    } finally {
      s.close();
    }
  });
});

describe('h2c connection reuse', () => {
  it('shares one connection between calls, closes it when idle, opens a new one when needed', async () => {
    const up = await startH2cUpstream((_req, res) => res.end('ok'));
    const idle = await startJunction(
      {
        http: {
          routers: { g: { rule: 'Host(`g.local`)', service: 'g', tls: {} } },
          services: { g: pool([up.url]) },
        },
      },
      [],
      { transport: { idleConnTimeoutMs: 1000 } },
    );
    const s = h2session(idle.port);
    try {
      const call = async (): Promise<void> => {
        expect((await h2request(s, { ':path': '/', ':authority': 'g.local' })).text).toBe('ok');
      };
      await Promise.all([call(), call(), call()]);
      expect(up.sessions()).toBe(1);
      await expect.poll(() => up.sessions(), { timeout: 5000, interval: 100 }).toBe(0); // idle ≥ 1 s: closed
      await call();
      expect(up.sessions()).toBe(1);
    } finally {
      s.close();
      await idle.close();
      await up.close();
    }
  });
});
