/**
 * Loopback helpers for `npm start`: free ports, whether a port can be bound, and a GET that can
 * set the Host header (fetch cannot).
 */
import { request } from 'node:http';
import { createServer } from 'node:net';

/** A port the OS reports free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** `n` distinct free ports, none in `avoid`. */
export async function freePorts(n, avoid = []) {
  const ports = new Set();
  while (ports.size < n) {
    const port = await freePort();
    if (!avoid.includes(port)) ports.add(port);
  }
  return [...ports];
}

/** Whether 127.0.0.1:`port` can be bound: `free`, or the error code (`EADDRINUSE`, `EACCES`…). */
export function probePort(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error) => resolve(error.code ?? 'error'));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve('free')));
  });
}

/**
 * GETs `url` with an optional Host header; resolves `{ status, headers, body }`, rejects on a
 * network error or after `timeoutMs`.
 */
export function httpGet(url, { host, timeoutMs = 2_000 } = {}) {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { headers: host === undefined ? {} : { host }, timeout: timeoutMs, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}
