/**
 * Precomputes what the forwarder needs of a server once per configuration: the origin (the key
 * of its keep-alive pool; `h2c://host:port` for an h2c server, see `proxy/dispatcher.ts`), its
 * host name (the TLS server name) and, with Traefik v3's `preservePath`, the path prefix of its URL.
 */
import type { Server } from '@junction/lb-core';
import type { RuntimeServer } from './runtime';

/**
 * Builds a {@link RuntimeServer}. Throws a `TypeError` for a URL that does not parse (lb-core's
 * validator already refuses those; the builder reports it on the service all the same).
 */
export function toRuntimeServer(server: Server & { readonly preservePath?: boolean }): RuntimeServer {
  const url = new URL(server.url);
  const h2c = url.protocol === 'h2c:';
  if (url.protocol !== 'http:' && url.protocol !== 'https:' && !h2c)
    throw new TypeError(`unsupported scheme ${url.protocol}`);
  const basePath = server.preservePath === true ? url.pathname.replace(/\/+$/, '') : '';
  // `h2c://` (cleartext HTTP/2, Traefik's scheme): an origin of its own, sent over HTTP/2 upstream.
  const origin = h2c ? `h2c://${new URL(`http://${url.host}`).host}` : url.origin;
  const hostname = tlsServerName(url);
  return Object.freeze({ id: server.id, url: server.url, weight: server.weight, origin, basePath, hostname });
}

/** The name a TLS connection to `url` is for: its host name, without an IPv6 literal's brackets. */
export function tlsServerName(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}
