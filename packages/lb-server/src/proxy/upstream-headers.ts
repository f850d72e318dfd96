/**
 * The request head sent upstream, built once per attempt as the flat `[name, value, …]` array
 * undici takes (no header object copied, no property deleted): the client's headers (Node has
 * lower-cased them; an untrusted peer's `X-Forwarded-*` were already dropped) minus hop-by-hop
 * ones and the names `Connection` lists (but `TE: trailers`, which gRPC needs, passes), then
 * the forwarding headers (`forwarded-headers.ts`'s rules: `X-Forwarded-For` appended to, the
 * others set when absent, `X-Forwarded-Server` always), `Host` (the client's with
 * `passHostHeader`, else the server's), and last the middlewares' changes (`headers` middleware,
 * v1 modifiers), which win over everything — except `X-Forwarded-Prefix` and `X-Replaced-Path`,
 * which Traefik appends to the client's lines.
 *
 * The response side goes the other way in `http-exchange.ts`: undici's parsed header object is
 * stripped and adjusted in place and handed to `res.writeHead`.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Exchange } from './exchange';
import { HOP_BY_HOP_HEADERS, PLAIN_CONNECTION } from './forwarded-headers';

/**
 * Never copied from the client's head: hop-by-hop headers, `Host` (set below), and an HTTP/2
 * request's pseudo-headers (Node lists them among the headers; `:authority` became the Host).
 */
const HOP_BY_HOP: ReadonlySet<string> = new Set([
  ...HOP_BY_HOP_HEADERS,
  'host',
  ':method',
  ':path',
  ':scheme',
  ':authority',
  ':protocol',
]);
/** `TE` naming `trailers` (gRPC sends it): passed on as `te: trailers`, as Go's reverse proxy does. */
const TE_TRAILERS = /(?:^|,)\s*trailers\s*(?:[;,]|$)/i;
/**
 * Headers Traefik's path middlewares add a line to (`req.Header.Add` in stripPrefix,
 * stripPrefixRegex, replacePath, replacePathRegex): the client's own lines go first, the
 * middleware's after them. A middleware that removes one (empty value) still removes them all.
 */
const APPENDED: ReadonlySet<string> = new Set(['x-forwarded-prefix', 'x-replaced-path']);

function portOf(host: string, proto: string): string {
  const colon = host.lastIndexOf(':');
  if (colon !== -1 && colon > host.lastIndexOf(']')) return host.slice(colon + 1);
  return proto === 'https' || proto === 'wss' ? '443' : '80';
}

/** Names listed in a `Connection` header (lower-case), or undefined when it lists none. */
function connectionNames(connection: string | string[] | undefined): Set<string> | undefined {
  if (connection === undefined) return undefined;
  const value = String(connection);
  if (PLAIN_CONNECTION.test(value)) return undefined;
  const names = new Set<string>();
  for (const token of value.split(',')) {
    const name = token.trim().toLowerCase();
    if (name !== '') names.add(name);
  }
  return names;
}

const NO_CHANGES: Readonly<Record<string, string>> = Object.freeze({});

function hasAny(changes: Readonly<Record<string, string>>): boolean {
  for (const _ in changes) return true;
  return false;
}

/**
 * The header list for the exchange's current target. `proto` is `http`/`https` (`ws`/`wss` for
 * upgrades, which also keep their `Upgrade` header and send `Connection: Upgrade`).
 */
export function upstreamHeaderList(ex: Exchange, serverName: string, proto: string, upgrade?: string): string[] {
  const headers: IncomingHttpHeaders = ex.req.headers;
  const changes = ex.upstreamChanges ?? NO_CHANGES;
  const changed = changes !== NO_CHANGES && hasAny(changes);
  const listed = connectionNames(headers.connection);
  const out: string[] = [];
  let forwardedFor: string | undefined;
  let seen = 0; // bit set: 1 proto, 2 host, 4 port, 8 real-ip
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || (listed !== undefined && listed.has(name))) continue;
    if (HOP_BY_HOP.has(name)) {
      if (name === 'te' && TE_TRAILERS.test(String(value))) out.push('te', 'trailers');
      continue;
    }
    if (changed) {
      const change = changes[name];
      if (change !== undefined && (change === '' || !APPENDED.has(name))) continue;
    }
    if (name.charCodeAt(0) === 120 /* x */) {
      if (name === 'x-forwarded-for') {
        forwardedFor = String(value);
        continue;
      }
      if (name === 'x-forwarded-server') continue;
      if (name === 'x-forwarded-proto') seen |= 1;
      else if (name === 'x-forwarded-host') seen |= 2;
      else if (name === 'x-forwarded-port') seen |= 4;
      else if (name === 'x-real-ip') seen |= 8;
    }
    if (typeof value === 'string') out.push(name, value);
    else for (const one of value) out.push(name, one);
  }
  const host = ex.host;
  const target = ex.target;
  const upstreamHost =
    target === undefined || (target.service.passHostHeader && host !== '') ? host : hostOf(target.server.origin);
  if (upstreamHost !== '' && !(changed && changes.host !== undefined)) out.push('host', upstreamHost);
  if (upgrade !== undefined) out.push('connection', 'Upgrade', 'upgrade', upgrade);
  const keep = changed ? changes : undefined;
  push(
    out,
    keep,
    'x-forwarded-for',
    forwardedFor === undefined || forwardedFor === '' ? ex.clientIp : `${forwardedFor}, ${ex.clientIp}`,
  );
  if ((seen & 1) === 0) push(out, keep, 'x-forwarded-proto', proto);
  if ((seen & 2) === 0 && host !== '') push(out, keep, 'x-forwarded-host', host);
  if ((seen & 4) === 0) push(out, keep, 'x-forwarded-port', portOf(host, proto));
  push(out, keep, 'x-forwarded-server', serverName);
  if ((seen & 8) === 0) push(out, keep, 'x-real-ip', ex.clientIp);
  if (changed) {
    for (const name in changes) {
      const value = changes[name] as string;
      if (value !== '') out.push(name, value);
    }
  }
  return out;
}

/** Appends a header the proxy sets, unless a middleware's change names it (that comes last). */
function push(out: string[], changes: Readonly<Record<string, string>> | undefined, name: string, value: string): void {
  if (changes === undefined || changes[name] === undefined) out.push(name, value);
}

/** `host[:port]` of an origin (`scheme://host[:port]`). */
function hostOf(origin: string): string {
  return origin.slice(origin.indexOf('//') + 2);
}
