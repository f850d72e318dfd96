/**
 * Precomputes what the forwarder needs of a server once per configuration: the origin (the key
 * of its keep-alive pool) and, with Traefik v3's `preservePath`, the path prefix of its URL.
 */
import type { Server } from '@junction/lb-core';
import type { RuntimeServer } from './runtime';

/**
 * Builds a {@link RuntimeServer}. Throws a `TypeError` for a URL that does not parse (lb-core's
 * validator already refuses those; the builder reports it on the service all the same).
 */
export function toRuntimeServer(server: Server & { readonly preservePath?: boolean }): RuntimeServer {
  const url = new URL(server.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`unsupported scheme ${url.protocol}`);
  const basePath = server.preservePath === true ? url.pathname.replace(/\/+$/, '') : '';
  return Object.freeze({ id: server.id, url: server.url, weight: server.weight, origin: url.origin, basePath });
}
