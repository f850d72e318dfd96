/**
 * Traefik v3's view of a request path at the entry point, before any router sees it
 * (`pkg/server/server_entrypoint_tcp.go`: `denyFragment` → `normalizePath` → `sanitizePath`),
 * on top of Go's `net/url` rules for the escaped path (`URL.EscapedPath`):
 *
 * - a `#` in the path → refused (Traefik `denyFragment`: 400);
 * - a malformed percent-escape → refused (Go's `url.ParseRequestURI`: 400);
 * - percent-escapes of unreserved characters (RFC 3986 §2.3) are decoded, every other escape is
 *   written with upper-case hex (Traefik `normalizePath`);
 * - a path with characters Go does not keep as sent (`"`, `\`, `{`, `|`, …, not "valid encoded")
 *   is re-escaped canonically from its decoded bytes (Go `EscapedPath` → `escape(Path)`);
 * - with sanitizing on (entry point `http.sanitizePath`, default true): `.` and `..` segments and
 *   empty segments (`//`) are resolved as Go's `path.Clean` does, keeping a trailing `/`
 *   (Go `URL.JoinPath`).
 *
 * The result is both what routers see (through `toRoutingPath`) and what the upstream receives.
 * The common path (plain characters, no `%`, no `/.`, no `//`) costs one native regex test and is
 * returned as it came.
 */
import { canonicalEscape, escapeByte, hexValue } from './go-path';

/** Anything that needs work: a character outside Go's "valid encoded" path set, `%`, `#`, `/.`, `//`. */
const NEEDS_WORK = /[^A-Za-z0-9\-._~!$&'()*+,;=:@[\]/]|\/[./]/;
/** Characters Go keeps as sent in an escaped path (`validEncoded`, `%` aside). */
const VALID_ENCODED = /^[A-Za-z0-9\-._~!$&'()*+,;=:@[\]/%]*$/;
const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** Traefik `normalizePath`: unreserved escapes decoded, others upper-cased; `undefined` on a bad escape. */
function normalizeEscapes(path: string): string | undefined {
  let out = '';
  let from = 0;
  for (let i = path.indexOf('%'); i !== -1; i = path.indexOf('%', i)) {
    const hi = hexValue(path.charCodeAt(i + 1));
    const lo = hexValue(path.charCodeAt(i + 2));
    if (hi < 0 || lo < 0) return undefined;
    const char = String.fromCharCode(hi * 16 + lo);
    out += path.slice(from, i) + (UNRESERVED.test(char) ? char : escapeByte(hi * 16 + lo));
    i += 3;
    from = i;
  }
  return out + path.slice(from);
}

/** Go's `path.Clean` on a rooted path, keeping a trailing `/` as `URL.JoinPath` does. */
export function cleanPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const cleaned = `/${segments.join('/')}`;
  return path.endsWith('/') && !cleaned.endsWith('/') ? `${cleaned}/` : cleaned;
}

/** An empty segment (`//`) or a `.`/`..` segment: what Go's `path.Clean` removes. */
const UNCLEAN = /\/\/|(?:^|\/)\.\.?(?:\/|$)/;

/**
 * Whether Traefik v3.7 refuses a path a middleware rewrote (400): `stripPrefix`,
 * `stripPrefixRegex` and `replacePathRegex` clean the new path with Go's `URL.JoinPath` and
 * answer 400 when that changes it (`pkg/middlewares/stripprefix/strip_prefix.go`,
 * `stripprefixregex/strip_prefix_regex.go`, `replacepathregex/replace_path_regex.go`, "Rejecting
 * request, sanitized path … is not equivalent"). JoinPath cleans the escaped path, so only real
 * `/` separate segments (`/a%2F..%2Fb` passes), a trailing `/` is kept, an empty path is skipped,
 * and a relative path (a replacement without a leading `/`) is cleaned as relative.
 */
export function cleaningChanges(path: string): boolean {
  return UNCLEAN.test(path);
}

/**
 * The escaped path routers match (through `toRoutingPath`) and the upstream receives, for the
 * escaped path of a request target (no query); `undefined` when Traefik answers 400. A target
 * that is not a path (`*`) is returned unchanged.
 */
export function entryPointPath(raw: string, sanitize = true): string | undefined {
  if (!NEEDS_WORK.test(raw) || raw.charCodeAt(0) !== 47 /* / */) return raw;
  if (raw.includes('#')) return undefined;
  let path = raw;
  if (path.includes('%')) {
    const normalized = normalizeEscapes(path);
    if (normalized === undefined) return undefined;
    path = normalized;
  }
  if (!VALID_ENCODED.test(path)) path = canonicalEscape(path);
  if (sanitize && (path.includes('/.') || path.includes('//'))) path = cleanPath(path);
  return path;
}
