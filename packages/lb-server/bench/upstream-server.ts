/**
 * Benchmark upstreams (child process): two `node:http` servers on 127.0.0.1 answering a small
 * fixed body, as the backends of a proxy benchmark usually do. Sends `{ ports }` over IPC.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const BODY = Buffer.from('{"joke":"Why do programmers prefer dark mode? Because light attracts bugs."}');

const ports = await Promise.all(
  [0, 1].map(
    () =>
      new Promise<number>((resolve) => {
        const server = createServer((req, res) => {
          req.resume();
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': BODY.length });
          res.end(BODY);
        });
        server.keepAliveTimeout = 60_000;
        server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
      }),
  ),
);
process.send?.({ ports });
process.on('disconnect', () => process.exit(0));
