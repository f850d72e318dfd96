/**
 * Test support: real `node:http` upstream servers on 127.0.0.1 (port 0). By default each answers
 * with JSON describing what it received (its id, method, URL and headers), so tests can assert
 * what crossed the proxy; a custom handler replaces that.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the default handler answers. */
export interface Echo {
  readonly id: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

/** A running upstream. */
export interface Upstream {
  readonly id: string;
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  /** Requests it received. */
  readonly hits: () => number;
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, id: string) => void;

const echo: Handler = (req, res, id) => {
  req.resume();
  req.on('end', () => {
    const body: Echo = { id, method: req.method ?? '', url: req.url ?? '', headers: req.headers };
    res.setHeader('content-type', 'application/json');
    res.setHeader('x-upstream', id);
    res.end(JSON.stringify(body));
  });
};

/** Starts one upstream named `id`. */
export async function startUpstream(id: string, handler: Handler = echo): Promise<Upstream> {
  let hits = 0;
  const server = createServer((req, res) => {
    hits += 1;
    handler(req, res, id);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    id,
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    hits: () => hits,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Starts `n` upstreams named `s1`…`sn`. */
export async function startUpstreams(n: number, handler?: Handler): Promise<Upstream[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => startUpstream(`s${i + 1}`, handler)));
}

/** A loopback URL nothing listens on (a port that was just bound and released). */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
