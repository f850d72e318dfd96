/**
 * Test helper: serves a request listener on 127.0.0.1 with an ephemeral port, so tests
 * talk real HTTP (fetch) to it, and closes it afterwards. `listen` is the same as in
 * jokes-api/test/listen.ts: the demo apps share no code, tests included (each is a standalone
 * package that imports nothing internal), so the few lines are repeated rather than shared.
 */
import { createServer, request, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running loopback server: its base URL (no trailing slash) and a closer. */
export interface Listening {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1:0 and resolves once the port is bound. */
export async function listen(handler: RequestListener): Promise<Listening> {
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** A raw answer: status, headers and body text. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/**
 * GETs `path` byte for byte (fetch and URL would normalise `/../` and dot segments away),
 * so path-traversal attempts reach the server as an attacker would send them. Also used for
 * conditional requests: fetch adds `Cache-Control: no-cache` to any request carrying
 * `If-None-Match`, which (rightly) makes the server skip its 304.
 */
export function rawGet(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, headers, method: 'GET', agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
