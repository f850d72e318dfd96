/**
 * Test support for the HTTP/2 client tests (`test/http2.*.test.ts`): {@link useHttp2Lab} registers
 * the hooks that start two echo upstreams (a chunked answer with trailers on `/chunked`, WebSocket
 * upgrades echoed), one upstream that never answers (counting requests that end early) and a
 * Junction whose TLS routers `app.local`, `hop.local` (a middleware adding `Keep-Alive`),
 * `sticky.local` and `slow.local` reach them, its access log kept as JSON lines. The exported
 * bindings are live: they hold the lab's values inside tests.
 */
import type http2 from 'node:http2';
import { afterAll, beforeAll } from 'vitest';
import { createAccessLog } from '../../src/proxy/access-log';
import { h2session } from './h2';
import { pool, startJunction, type TestJunction } from './junction';
import { startUpstreams, type Upstream } from './upstreams';

let ups: Upstream[];
/** The upstream that never answers (`slow.local`). */
export let slow: Upstream;
/** The Junction under test (TLS on `lb.port`, its generated default certificate). */
export let lb: TestJunction;
/** Requests the slow upstream saw end early (its client — Junction — went away). */
export let slowAborted = 0;
const logLines: string[] = [];

/** Access-log entries (JSON lines) of requests to `host`. */
export function logged(host: string): Record<string, unknown>[] {
  return logLines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((e) => e.RequestHost === host);
}

/** Registers the hooks that start and stop the lab (see module comment). */
export function useHttp2Lab(): void {
  beforeAll(async () => {
    ups = await startUpstreams(2, (req, res, id) => {
      if (req.url === '/chunked') {
        res.writeHead(200, {
          'content-type': 'text/plain',
          trailer: 'x-checksum',
          'keep-alive': 'timeout=5',
          connection: 'keep-alive',
        });
        res.write('part1');
        // Fields no trailer may carry toward an h2 client (Node's HTTP/2 server would throw on them).
        res.addTrailers({ 'x-checksum': 'abc', 'keep-alive': 'timeout=5', 'proxy-connection': 'keep-alive' });
        setTimeout(() => res.end('part2'), 10);
        return;
      }
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
    slow = (
      await startUpstreams(1, (_req, res) => {
        res.on('close', () => (slowAborted += res.writableFinished ? 0 : 1)); // never answers
      })
    )[0] as Upstream;
    lb = await startJunction(
      {
        http: {
          routers: {
            app: { rule: 'Host(`app.local`)', service: 'app', tls: {} },
            hop: { rule: 'Host(`hop.local`)', service: 'app', tls: {}, middlewares: ['hop-headers'] },
            sticky: { rule: 'Host(`sticky.local`)', service: 'sticky', tls: {} },
            slow: { rule: 'Host(`slow.local`)', service: 'slow', tls: {} },
          },
          middlewares: {
            'hop-headers': { headers: { customResponseHeaders: { 'Keep-Alive': 'timeout=9', 'X-Kept': 'yes' } } },
          },
          services: {
            app: pool([ups[0]?.url ?? '']),
            sticky: pool(
              ups.map((u) => u.url),
              { sticky: { cookie: { name: 'lb_pin' } } },
            ),
            slow: pool([slow.url]),
          },
        },
      },
      [],
      { accessLog: createAccessLog({ format: 'json', sink: { write: (line: string) => logLines.push(line) } }) },
    );
  });

  afterAll(async () => {
    await lb?.close();
    await Promise.all([...(ups ?? []), ...(slow === undefined ? [] : [slow])].map((u) => u.close()));
  });
}

/** One HTTP/2 session to the entry point (TLS, its generated default certificate). */
export function session(): http2.ClientHttp2Session {
  return h2session(lb.port);
}
