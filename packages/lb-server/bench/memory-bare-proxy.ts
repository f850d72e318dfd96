/**
 * Memory benchmark reference (child process): the barest streaming Node reverse proxy —
 * `node:http` server, one undici `Agent`, request and response bodies streamed through undici's
 * `pipeline` API — to every request's method, path and body. No routing, header rules, retries,
 * metrics or logs: the floor of what a Node proxy holds while streaming, so the memory benchmark
 * can tell Junction's share from Node's and undici's. Receives `{ ports }`, sends `{ port }` over IPC.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream';
import { Agent, type Dispatcher } from 'undici';

const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer'];

process.once('message', (message: { ports: number[] }) => {
  const agent = new Agent({ pipelining: 1, bodyTimeout: 0, headersTimeout: 0 });
  const origin = `http://127.0.0.1:${message.ports[0] ?? 0}`;
  const server = createServer((req, res) => {
    const headers = { ...req.headers };
    for (const name of HOP_BY_HOP) delete headers[name];
    const upstream = agent.pipeline(
      {
        origin,
        path: req.url ?? '/',
        method: (req.method ?? 'GET') as Dispatcher.HttpMethod,
        headers,
        body: undefined,
      },
      ({ statusCode, headers: answer, body }) => {
        for (const name of HOP_BY_HOP) delete answer[name];
        res.writeHead(statusCode, answer as Record<string, string>);
        return body;
      },
    );
    pipeline(req, upstream, res, (error) => {
      if (error !== undefined && error !== null && !res.headersSent) {
        res.statusCode = 502;
        res.end();
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
});
process.on('disconnect', () => process.exit(0));
