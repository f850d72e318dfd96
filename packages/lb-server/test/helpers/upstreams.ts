/**
 * Test support: real `node:http` upstream servers on 127.0.0.1 (port 0). By default each answers
 * with JSON describing what it received (its id, method, URL and headers), so tests can assert
 * what crossed the proxy; a custom handler replaces that.
 */
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

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
    close: () =>
      new Promise((resolve) => {
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

/** A loopback address where connections are never completed (see {@link startBlackHole}). */
export interface BlackHole {
  readonly url: string;
  close(): void;
}

/**
 * A loopback listener that never accepts, with its accept queue full, so a new connection to it
 * stays in SYN_SENT: what connecting to a container whose network is gone looks like (no answer,
 * no reset). A child process listens with a backlog of 1 and blocks its own event loop for at most
 * `lifetimeMs`; this process fills the queue with a few connections. `close()` ends both.
 */
export async function startBlackHole(lifetimeMs = 60_000): Promise<BlackHole> {
  const source = `
    const s = require('node:net').createServer();
    s.listen({ host: '127.0.0.1', port: 0, backlog: 1 }, () => {
      process.stdout.write(s.address().port + '\\n');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${lifetimeMs});
      process.exit(0);
    });`;
  const child = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(Number(out.trim()));
    });
    child.once('exit', (code) => reject(new Error(`black-hole listener exited early (${code})`)));
  });
  const fillers: Socket[] = [];
  const close = (): void => {
    for (const socket of fillers) socket.destroy();
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  // Fill the accept queue: connect until one connection is not completed within 300 ms (at most 8).
  for (let i = 0; i < 8; i++) {
    const socket = connect({ host: '127.0.0.1', port });
    socket.on('error', () => {});
    fillers.push(socket);
    const connected = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 300);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!connected) return { url: `http://127.0.0.1:${port}`, close };
  }
  close();
  throw new Error("could not fill the black-hole listener's accept queue");
}
