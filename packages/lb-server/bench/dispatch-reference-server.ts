/**
 * Benchmark reference: the fastest plain Node reverse proxy we know how to write — a `node:http`
 * server, one undici `Pool` per upstream, round-robin, and a `Pool.dispatch` handler (undici 7's
 * controller API) writing the upstream's answer straight into the response, with backpressure
 * (`res.write() === false` pauses the upstream, `drain` resumes it). No routing, header rules,
 * middlewares, metrics or retries: the ceiling a Node proxy can reach, which Junction's engine is
 * measured against (issue #12: ≥ 0.85 × this).
 *
 * Two ways to run it (both from sources through tsx):
 * - forked with IPC: send `{ ports: number[] }`, it answers `{ port }` (see `fork-child.ts`);
 * - standalone, for other benchmarks (the harness):
 *   `node --import tsx dispatch-reference-server.ts <listen-port> <upstream-url>…` prints
 *   `listening <port>` on stdout once it accepts connections.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Pool, type Dispatcher } from 'undici';

type Controller = Dispatcher.DispatchController;

/** One forwarded exchange, and the dispatch handler of its upstream request. */
class Forward implements Dispatcher.DispatchHandler {
  readonly res: ServerResponse;
  controller: Controller | undefined;

  constructor(res: ServerResponse) {
    this.res = res;
  }

  onRequestStart(controller: Controller): void {
    this.controller = controller;
  }

  onResponseStart(_controller: Controller, status: number, headers: Record<string, string | string[]>): void {
    delete headers.connection;
    delete headers['keep-alive'];
    delete headers['transfer-encoding'];
    this.res.writeHead(status, headers);
  }

  onResponseData(controller: Controller, chunk: Buffer): void {
    if (!this.res.write(chunk)) {
      controller.pause();
      this.res.once('drain', () => controller.resume());
    }
  }

  onResponseEnd(): void {
    this.res.end();
  }

  onResponseError(_controller: Controller, _error: Error): void {
    if (this.res.headersSent) this.res.destroy();
    else {
      this.res.statusCode = 502;
      this.res.end();
    }
  }
}

/** Starts the reference proxy on `port` (0: any) in front of `upstreams`; resolves with its port. */
export function startReference(port: number, upstreams: readonly string[]): Promise<number> {
  const pools = upstreams.map((url) => new Pool(url, { pipelining: 1, connections: 128, keepAliveTimeout: 60_000 }));
  let next = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const pool = pools[next++ % pools.length] as Pool;
    const headers = req.headers;
    delete headers.connection;
    const forward = new Forward(res);
    const hasBody = headers['content-length'] !== undefined || headers['transfer-encoding'] !== undefined;
    delete headers['transfer-encoding'];
    pool.dispatch(
      { path: req.url ?? '/', method: req.method as Dispatcher.HttpMethod, headers, body: hasBody ? req : null },
      forward,
    );
    res.once('close', () => {
      if (!res.writableFinished) forward.controller?.abort(new Error('client closed'));
    });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

const main = process.argv[1] === fileURLToPath(import.meta.url);
if (main && process.send !== undefined && process.argv.length <= 2) {
  process.once('message', (message: { ports: number[] }) => {
    void startReference(
      0,
      message.ports.map((p) => `http://127.0.0.1:${p}`),
    ).then((port) => process.send?.({ port }));
  });
  process.on('disconnect', () => process.exit(0));
} else if (main && process.argv.length > 3) {
  const [port, ...upstreams] = process.argv.slice(2);
  void startReference(Number(port), upstreams).then((bound) => process.stdout.write(`listening ${bound}\n`));
  process.once('SIGTERM', () => process.exit(0)); // exit normally, so `--cpu-prof` writes its profile
}
