/**
 * The request target sent upstream: the server's base path (Traefik v3 `preservePath`), the
 * exchange's path (after the middlewares' rewrites) and its query, unchanged. A path made of
 * plain characters goes as it is; any other is checked and normalised as a URL path (WHATWG
 * rules, as `@fastify/reply-from` did before this engine): a `..` segment, even escaped, is
 * refused (→ 400), `\` becomes `/`, characters a URL path may not carry are escaped, and a
 * leading `//` stays a path, never an authority.
 */

/** Characters that need no check: unreserved, sub-delims, `:`, `@`, `/`. */
const PLAIN = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/;
const BASE = 'http://upstream.invalid';

/** The path and query to send, or `undefined` when the path must be refused. */
export function targetPath(basePath: string, path: string, query: string): string | undefined {
  let full = basePath === '' ? path : basePath + path;
  if (!PLAIN.test(full) || full.includes('..') || full.startsWith('//')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(full);
    } catch {
      return undefined;
    }
    if (decoded === '..' || decoded.includes('/..') || decoded.includes('../')) return undefined;
    const url = new URL(full.startsWith('//') ? `.${full}` : full, `${BASE}/`);
    if (url.origin !== BASE) return undefined;
    full = url.pathname;
  }
  return query === '' ? full : `${full}?${query}`;
}
