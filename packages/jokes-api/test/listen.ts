/**
 * Test helper: serves a request listener on 127.0.0.1 with an ephemeral port, so tests
 * talk real HTTP (fetch) to it, and closes it afterwards. `listen` is the same as in
 * static-site/test/listen.ts: the demo apps share no code, tests included (each is a standalone
 * package that imports nothing internal), so the few lines are repeated rather than shared.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running loopback server: its base URL (no trailing slash) and a closer. */
export interface Listening {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1:0 and resolves once the port is bound. */
export async function listen(handler: RequestListener): Promise<Listening> {
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/**
 * A small seeded PRNG (mulberry32) for deterministic picks in tests. lb-core and the harness have
 * their own copies; the demo apps import nothing internal, so this one stays here.
 */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
