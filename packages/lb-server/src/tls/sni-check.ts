/**
 * Domain fronting guard (Traefik's `snicheck` middleware): a request over TLS whose Host (or
 * HTTP/2 `:authority`) differs from the handshake's SNI name is refused with `421 Misdirected
 * Request` when the two names map to different TLS options. Otherwise a client could handshake
 * with a name under lax options (no client certificate, old TLS versions) and then reach a router
 * whose options demand more. Names mapping to the same options pass, as in Traefik. Only TLS
 * requests pay for it: a string comparison, and two lookups when the names differ.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { TlsPolicy } from './tls-policy';

/** The name of a Host header value: lower case, without port or IPv6 brackets. */
export function hostName(value: string): string {
  const lower = value.trim().toLowerCase();
  if (lower.startsWith('[')) return lower.slice(1, lower.indexOf(']') === -1 ? undefined : lower.indexOf(']'));
  const colon = lower.lastIndexOf(':');
  return colon === -1 ? lower : lower.slice(0, colon);
}

/** True when `req` (over TLS on `entryPoint`) must be answered 421 (see module comment). */
export function misdirected(
  req: { readonly headers: IncomingHttpHeaders; readonly socket: unknown },
  policy: TlsPolicy,
  entryPoint: string,
): boolean {
  const raw = (req.headers as Record<string, string | string[] | undefined>)[':authority'] ?? req.headers.host;
  const host = typeof raw === 'string' ? hostName(raw) : '';
  const sni = (req.socket as TLSSocket).servername;
  const serverName = typeof sni === 'string' ? sni.toLowerCase() : '';
  if (host === serverName) return false;
  return (
    policy.profileFor(entryPoint, host === '' ? undefined : host).name !==
    policy.profileFor(entryPoint, serverName === '' ? undefined : serverName).name
  );
}

/** Traefik's answer (Go's `http.Error`). */
export const MISDIRECTED_BODY = 'Misdirected Request\n';
