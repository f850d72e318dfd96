/**
 * Query strings as Traefik's Query matchers read them: Traefik's entry points wrap every handler in
 * Go's `http.AllowQuerySemicolons` unless `encodeQuerySemicolons` is set (the default is unset), so
 * `;` separates pairs like `&` (`a=1;b=2` is `a=1&b=2`, the entryPoints reference's
 * `encodeQuerySemicolons` table); then Go's `url.ParseQuery`: `+` is a space, a pair with a bad
 * percent-escape is dropped, `k` alone means `k=""`, repeated keys keep every value in order.
 *
 * Parsing is lazy and happens at most once per request: results are cached in a `WeakMap`
 * keyed by the `RequestFacts` object, and only rules with a Query matcher ever ask.
 */
import type { RequestFacts } from './ast';
import { decodeUtf8, pushUtf8String } from './utf8';

/** Parsed query: key → values in order of appearance. */
export type QueryValues = ReadonlyMap<string, readonly string[]>;

const cache = new WeakMap<RequestFacts, QueryValues>();

/** The parsed query of a request, parsed on first use and cached for the request's lifetime. */
export function queryOf(facts: RequestFacts): QueryValues {
  let values = cache.get(facts);
  if (values === undefined) {
    const raw: unknown = facts.query;
    values = parseQuery(typeof raw === 'string' ? raw : '');
    cache.set(facts, values);
  }
  return values;
}

/** Parses a raw query string (without `?`) with `;` as `&`, then like Go's `url.ParseQuery`, ignoring its error. */
export function parseQuery(query: string): QueryValues {
  const values = new Map<string, string[]>();
  if (query === '') return values;
  for (const pair of query.split(/[&;]/)) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = queryUnescape(eq < 0 ? pair : pair.slice(0, eq));
    const value = queryUnescape(eq < 0 ? '' : pair.slice(eq + 1));
    if (key === undefined || value === undefined) continue;
    const list = values.get(key);
    if (list === undefined) values.set(key, [value]);
    else list.push(value);
  }
  return values;
}

/**
 * Go's `url.QueryUnescape`: `+` → space, `%XX` → byte; `undefined` for a malformed escape.
 * Decoded bytes that are not valid UTF-8 become U+FFFD.
 */
export function queryUnescape(s: string): string | undefined {
  if (!s.includes('%')) return s.includes('+') ? s.replaceAll('+', ' ') : s;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? '';
    if (c === '%') {
      const hex = s.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return undefined;
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (c === '+') {
      bytes.push(0x20);
    } else {
      const cp = s.codePointAt(i) ?? 0;
      pushUtf8String(bytes, String.fromCodePoint(cp));
      if (cp > 0xffff) i++;
    }
  }
  return decodeUtf8(bytes);
}
