/**
 * Test-only: serves a Fastify plugin on 127.0.0.1 (port 0) and fetches from it over real HTTP.
 */
import Fastify, { type FastifyPluginAsync } from 'fastify';

/** A response, read whole. */
export interface Fetched {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body parsed as JSON (throws when it is not JSON). */
  json<T = unknown>(): T;
}

/** A listening app and a way to call it. */
export interface Served {
  fetch(path: string, init?: RequestInit): Promise<Fetched>;
  close(): Promise<void>;
}

/** Registers `plugin` with `options` on a new Fastify app and listens on loopback. */
export async function serve<O extends object>(plugin: FastifyPluginAsync<O>, options: O): Promise<Served> {
  const app = Fastify();
  await app.register(plugin, options);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    async fetch(path, init) {
      const res = await fetch(`${address}${path}`, init);
      const text = await res.text();
      return { status: res.status, headers: res.headers, text, json: <T>() => JSON.parse(text) as T };
    },
    close: () => app.close(),
  };
}
