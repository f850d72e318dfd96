/**
 * The request target sent upstream: the server's base path (Traefik v3 `preservePath`), the
 * exchange's path (after the middlewares' rewrites) and its query, unchanged. The entry point has
 * already put the client's path in Traefik's form (`entryPointPath` in lb-core: escapes
 * normalized, dot segments resolved with `sanitizePath`), so a plain path goes as it is. Any
 * other — a middleware's rewrite, or an entry point with `sanitizePath=false` — gets Go's
 * escaping (`URL.EscapedPath`: `"`, `\`, `<`… escaped, escapes upper-cased) and is refused
 * (→ 400) when it is no path (absolute form, `#`, a malformed escape) or when cleaning would change
 * it: a `.` or `..` segment, escaped dots included (`%2F` is no separator, so `/a%2F..%2Fb` is
 * fine). A leading `//` stays a path, never an authority.
 */
import { entryPointPath } from '@junction/lb-core';

/** Characters that need no check: unreserved, sub-delims, `:`, `@`, `/`. */
const PLAIN = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/;
/** A `.` or `..` segment. */
const DOT_SEGMENT = /\/\.\.?(?:\/|$)/;

/** The path and query to send, or `undefined` when the path must be refused. */
export function targetPath(basePath: string, path: string, query: string): string | undefined {
  let full = basePath === '' ? path : basePath + path;
  if (!PLAIN.test(full) || full.includes('/.')) {
    if (full.charCodeAt(0) !== 47 /* / */) return undefined;
    const escaped = entryPointPath(full, false);
    if (escaped === undefined || DOT_SEGMENT.test(escaped)) return undefined;
    full = escaped;
  }
  return query === '' ? full : `${full}?${query}`;
}
