/**
 * Request and response header rules of a reverse proxy, as Traefik applies them:
 * - hop-by-hop headers (RFC 9110 §7.6.1: `Connection` and the names it lists, `Keep-Alive`,
 *   `Proxy-Connection`, `TE`, `Trailer`, `Transfer-Encoding`, `Upgrade`, `Proxy-Authorization`,
 *   `Proxy-Authenticate`) never cross the proxy, in either direction; nor does `Expect`: the entry
 *   point answers `100-continue` itself before the body is read (as nginx does), and undici, which
 *   forwards, cannot read an upstream's `100 Continue` (it fails the exchange: a 502 for every
 *   client that sends `Expect`, curl's large uploads among them);
 * - from an untrusted peer, client-sent `X-Forwarded-*` and `X-Real-Ip` are dropped before
 *   anything reads them (Traefik's `forwardedheaders` middleware); from a trusted one they are kept;
 * - upstream, `X-Forwarded-For` gets the peer appended, and `X-Forwarded-Proto/-Host/-Port`
 *   and `X-Real-Ip` are set when absent; `X-Forwarded-Server` is always this host's name.
 * Header names are lower-case, as Node gives them. The name lists are built once.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ResponseHeaderBag } from '../middlewares/middleware';

/** Hop-by-hop headers, never forwarded. */
export const HOP_BY_HOP_HEADERS: readonly string[] = Object.freeze([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'proxy-authorization',
  'proxy-authenticate',
  'expect',
]);

/** Headers only a trusted peer may set (Traefik's `xHeaders`). */
export const FORWARDED_HEADERS: readonly string[] = Object.freeze([
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
  'x-forwarded-port',
  'x-forwarded-server',
  'x-forwarded-uri',
  'x-forwarded-method',
  'x-forwarded-tls-client-cert',
  'x-forwarded-tls-client-cert-info',
  'x-real-ip',
]);

type HeaderBag = IncomingHttpHeaders | ResponseHeaderBag;

const HOP_BY_HOP_SET: ReadonlySet<string> = new Set(HOP_BY_HOP_HEADERS);

/** A `Connection` value that names no header to remove (the usual one). */
export const PLAIN_CONNECTION = /^\s*(?:close|keep-alive|upgrade)?\s*$/i;

/** Removes the names listed in `Connection`, then every hop-by-hop header (one pass over the names). */
export function stripHopByHop(headers: HeaderBag): void {
  const connection = headers.connection;
  if (connection !== undefined && !(typeof connection === 'string' && PLAIN_CONNECTION.test(connection))) {
    for (const token of String(connection).split(',')) {
      const name = token.trim().toLowerCase();
      if (name !== '' && headers[name] !== undefined) delete headers[name];
    }
  }
  for (const name in headers) if (HOP_BY_HOP_SET.has(name)) delete headers[name];
}

/**
 * Drops client-sent forwarding headers (untrusted peer). With the request's `rawHeaders` (the
 * lines `headers` was made from), a head with no line starting with `x` is left at once: every
 * name dropped starts with it, and most heads have none.
 */
export function dropForwardedHeaders(headers: IncomingHttpHeaders, rawHeaders?: readonly string[]): void {
  if (rawHeaders !== undefined && !anyXName(rawHeaders)) return;
  for (const name of FORWARDED_HEADERS) if (headers[name] !== undefined) delete headers[name];
}

function anyXName(rawHeaders: readonly string[]): boolean {
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const first = (rawHeaders[i] as string).charCodeAt(0);
    if (first === 120 /* x */ || first === 88 /* X */) return true;
  }
  return false;
}

/** What {@link setForwardedHeaders} writes. */
export interface ForwardingFacts {
  /** The peer's IP. */
  readonly clientIp: string;
  /** `http`/`https`, or `ws`/`wss` for a WebSocket upgrade. */
  readonly proto: string;
  /** The client's Host header. */
  readonly host: string;
  /** This proxy's host name. */
  readonly server: string;
}

function portOf(host: string, proto: string): string {
  const colon = host.lastIndexOf(':');
  if (colon !== -1 && colon > host.lastIndexOf(']')) return host.slice(colon + 1);
  return proto === 'https' || proto === 'wss' ? '443' : '80';
}

/**
 * Sets the forwarding headers on `headers` (the copy sent upstream, already without untrusted
 * values): appends the peer to `X-Forwarded-For`, fills the others when absent.
 */
export function setForwardedHeaders(headers: IncomingHttpHeaders, facts: ForwardingFacts): void {
  const prior = headers['x-forwarded-for'];
  headers['x-forwarded-for'] =
    prior === undefined || prior === '' ? facts.clientIp : `${String(prior)}, ${facts.clientIp}`;
  if (headers['x-forwarded-proto'] === undefined) headers['x-forwarded-proto'] = facts.proto;
  if (headers['x-forwarded-host'] === undefined && facts.host !== '') headers['x-forwarded-host'] = facts.host;
  if (headers['x-forwarded-port'] === undefined) headers['x-forwarded-port'] = portOf(facts.host, facts.proto);
  headers['x-forwarded-server'] = facts.server;
  if (headers['x-real-ip'] === undefined) headers['x-real-ip'] = facts.clientIp;
}

/** Applies header changes (lower-case names; an empty value removes the header). */
export function applyHeaderChanges(headers: HeaderBag, changes: Readonly<Record<string, string>>): void {
  for (const name in changes) {
    const value = changes[name] as string;
    if (value === '') delete headers[name];
    else headers[name] = value;
  }
}

/** Appends `Set-Cookie` values to whatever the upstream sent. */
export function appendSetCookies(headers: ResponseHeaderBag, cookies: readonly string[]): void {
  const existing = headers['set-cookie'];
  if (existing === undefined) headers['set-cookie'] = cookies.length === 1 ? [cookies[0] as string] : [...cookies];
  else if (Array.isArray(existing)) headers['set-cookie'] = [...existing, ...cookies];
  else headers['set-cookie'] = [String(existing), ...cookies];
}
