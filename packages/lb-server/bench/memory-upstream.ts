/**
 * Memory benchmark upstream (child process): one `node:http` server on 127.0.0.1.
 * `POST /upload` consumes the body, hashes it (SHA-256) and answers `{ bytes, sha256 }`;
 * `GET /download?bytes=N` sends N bytes (a repeating pattern, written with backpressure, as
 * fast as the connection takes them) and reports over IPC every 50 ms how many bytes it has
 * written (`{ written }`), so the benchmark can tell how much is in flight between it and a slow
 * client. Sends `{ ports: [port] }` over IPC.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hashBody } from '../test/helpers/hash-body';

const CHUNK = Buffer.alloc(64 * 1024);
for (let i = 0; i < CHUNK.length; i++) CHUNK[i] = (i * 31 + 7) & 0xff;

/** Writes `total` bytes of the pattern to `res`, waiting for `drain` whenever `write` returns false. */
function sendPattern(res: ServerResponse, total: number): void {
  let written = 0;
  const progress = setInterval(() => process.send?.({ written }), 50);
  const pump = (): void => {
    while (written < total) {
      const n = Math.min(CHUNK.length, total - written);
      written += n;
      if (!res.write(n === CHUNK.length ? CHUNK : CHUNK.subarray(0, n))) {
        res.once('drain', pump);
        return;
      }
    }
    res.end();
  };
  res.on('close', () => {
    clearInterval(progress);
    process.send?.({ written });
  });
  pump();
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://upstream');
  if (req.method === 'POST' && url.pathname === '/upload') {
    hashBody(req, (digest) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(digest));
    });
    return;
  }
  if (url.pathname === '/download') {
    const total = Number(url.searchParams.get('bytes') ?? 0);
    req.resume();
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(total) });
    sendPattern(res, total);
    return;
  }
  req.resume();
  res.writeHead(404).end();
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send?.({ ports: [(server.address() as AddressInfo).port] }));
process.on('disconnect', () => process.exit(0));
