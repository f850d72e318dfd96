/**
 * Benchmark reference (child process): the barest Node reverse proxy — `node:http` server,
 * undici `Agent`, round-robin over the upstreams, body piped through — with no routing, no
 * header rules, no middlewares, no metrics. It marks what Node itself costs, so the benchmark can
 * show how much of Junction's cost is Junction's. Sends `{ port }` over IPC.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream';
import { Agent } from 'undici';

process.once('message', (message: { ports: number[] }) => {
  const agent = new Agent({ pipelining: 1 });
  const origins = message.ports.map((port) => `http://127.0.0.1:${port}`);
  let next = 0;
  const server = createServer((req, res) => {
    const origin = origins[next++ % origins.length] as string;
    agent.request({ origin, path: req.url ?? '/', method: 'GET', headers: req.headers }, (err, data) => {
      if (err !== null) {
        res.statusCode = 502;
        res.end();
        return;
      }
      res.writeHead(data.statusCode, data.headers as Record<string, string>);
      pipeline(data.body, res, () => undefined);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
});
process.on('disconnect', () => process.exit(0));
