/**
 * The benchmark's `reference` target: the fastest forward Node itself allows — a `node:http`
 * server and one undici `Pool` per upstream, round-robin, whose `dispatch` handler writes the
 * upstream's answer straight into the response (no Readable per response, no routing, no
 * headers added, no metrics). Issue #12 measures Junction against it. The benchmark prefers
 * lb-server's own `bench/dispatch-reference-server.ts` (the same design, shared with lb-server's
 * pinned benchmark) and runs this one when that file is absent, e.g. from a harness-only build.
 * Run as `node reference-proxy.ts` (Node ≥ 22.18 strips the types) with `PORT` and `UPSTREAMS`
 * (comma-separated origins); erasable TypeScript only, for that reason.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool, type Dispatcher } from 'undici';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
]);
const pools = (process.env.UPSTREAMS ?? '')
  .split(',')
  .filter(Boolean)
  .map((origin) => new Pool(origin, { pipelining: 1 }));
let next = 0;

/** One forwarded exchange: the dispatch handler itself, writing into the client's response. */
class Forward implements Dispatcher.DispatchHandler {
  res: ServerResponse;
  constructor(res: ServerResponse) {
    this.res = res;
  }
  onRequestStart(): void {}
  onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    for (const name of HOP_BY_HOP) delete headers[name];
    this.res.writeHead(statusCode, headers);
    this.res.on('drain', () => controller.resume());
  }
  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (!this.res.write(chunk)) controller.pause();
  }
  onResponseEnd(): void {
    this.res.end();
  }
  onResponseError(_controller: Dispatcher.DispatchController, err: Error): void {
    if (this.res.headersSent) this.res.destroy(err);
    else this.res.writeHead(502, { 'content-length': 0 }).end();
  }
}

function forward(req: IncomingMessage, res: ServerResponse): void {
  const headers: string[] = [];
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    if (!HOP_BY_HOP.has((raw[i] as string).toLowerCase())) headers.push(raw[i] as string, raw[i + 1] as string);
  }
  const pool = pools[next++ % pools.length] as Pool;
  const hasBody = req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
  pool.dispatch(
    { path: req.url ?? '/', method: req.method ?? 'GET', headers, body: hasBody ? req : null },
    new Forward(res),
  );
}

const server = createServer(forward);
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? '0'), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`reference proxy on ${typeof address === 'object' && address !== null ? address.port : '?'}\n`);
});
const stop = (): void => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
