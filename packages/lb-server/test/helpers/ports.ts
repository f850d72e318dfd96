/**
 * A loopback port for tests that must name an address before they listen (a Junction entry point,
 * a redirect target, Pebble's challenge ports): bound on 127.0.0.1 with port 0, then released.
 */
import { createServer } from 'node:net';

/** A port free on 127.0.0.1 a moment ago (bound and released); rejects when binding fails. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
