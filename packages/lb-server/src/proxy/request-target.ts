/**
 * What the entry point checks and rewrites in a request head before routing, so Junction reads a
 * request as Traefik (Go's `net/http` server, then Traefik's entry-point handlers) does:
 *
 * - RFC 9112 §3: a request line without an HTTP version (HTTP/0.9 form, which Node accepts) → 400;
 * - RFC 9112 §3.2: two `Host` lines, or a Host with a byte outside the grammar (Go's
 *   `httpguts.ValidHostHeader`: a space, `/`, `@`, …) → 400;
 * - RFC 9112 §3.2.2: an absolute-form target (`GET http://a.example/x HTTP/1.1`) is accepted and
 *   its authority wins over the `Host` header (Go sets `req.Host` from it); `req.url` and
 *   `req.headers.host` are rewritten so everything after (routing, `X-Forwarded-Host`, the
 *   upstream `Host`) sees the origin form;
 * - the path becomes Traefik's entry-point view (`entryPointPath` in lb-core: `#` refused,
 *   escapes normalized, `sanitizePath`), and `;` in the query becomes `&` (Go's
 *   `AllowQuerySemicolons`, Traefik's default) or `%3B` (`http.encodeQuerySemicolons`).
 *
 * The common request (origin form, one valid Host, no `;`) costs a short loop over the header
 * names and two native regex tests.
 */
import type { IncomingMessage } from 'node:http';
import type { ProxyErrorCode } from './errors';

/** Go's `validHostByte` table (golang.org/x/net/http/httpguts). */
const VALID_HOST = /^[A-Za-z0-9!$%&'()*+,\-.:;=[\]_~]*$/;
/** `scheme://authority` then the rest of an absolute-form target. */
const ABSOLUTE_FORM = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)(.*)$/s;

/** Per entry point: `http.sanitizePath`, `http.encodeQuerySemicolons`. */
export interface TargetSettings {
  readonly sanitizePath: boolean;
  readonly encodeQuerySemicolons: boolean;
}

export const DEFAULT_TARGET_SETTINGS: TargetSettings = Object.freeze({
  sanitizePath: true,
  encodeQuerySemicolons: false,
});

/**
 * Checks the request line and the Host lines; rewrites an absolute-form target to origin form.
 * Returns the error to answer, or `undefined` when the request may be routed.
 */
export function checkRequestHead(req: IncomingMessage): ProxyErrorCode | undefined {
  if (req.httpVersionMajor === 0) return 'LB_BAD_REQUEST_LINE';
  const raw = req.rawHeaders;
  let hosts = 0;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.length === 4 && (name === 'Host' || name.toLowerCase() === 'host') && ++hosts > 1) return 'LB_BAD_HOST';
  }
  const host = req.headers.host;
  if (host !== undefined && !VALID_HOST.test(host)) return 'LB_BAD_HOST';
  const url = req.url ?? '/';
  if (url.charCodeAt(0) === 47 /* / */ || url === '*') return undefined;
  const absolute = ABSOLUTE_FORM.exec(url);
  if (absolute === null) return 'LB_BAD_REQUEST';
  const authority = absolute[1] as string;
  const at = authority.lastIndexOf('@'); // Go's URL.Host leaves the userinfo out
  const authorityHost = at === -1 ? authority : authority.slice(at + 1);
  if (!VALID_HOST.test(authorityHost)) return 'LB_BAD_HOST';
  if (authorityHost !== '') req.headers.host = authorityHost;
  const rest = absolute[2] as string;
  req.url = rest === '' || rest.charCodeAt(0) === 63 /* ? */ ? `/${rest}` : rest;
  return undefined;
}

/** The query as Traefik forwards and routes it: `;` → `&` (or `%3B` with `encodeQuerySemicolons`). */
export function entryPointQuery(query: string, encodeSemicolons: boolean): string {
  return query.includes(';') ? query.replaceAll(';', encodeSemicolons ? '%3B' : '&') : query;
}
