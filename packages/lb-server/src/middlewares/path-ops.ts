/**
 * Pure path rewrites behind the path middlewares, with Traefik v3 semantics. This file is the
 * one seam to lb-core: when lb-core exports its own path modifier functions, these become thin
 * re-exports (or calls) and the middleware files stay as they are.
 *
 * Paths are raw (percent-encoded) and carry no query. A path that ends up empty becomes `/`,
 * which is what Go's `URL.RequestURI()` sends upstream in Traefik.
 */
import type { GoTemplate } from './go-regexp';

/** The result of a prefix strip: the new path and the prefix removed (for `X-Forwarded-Prefix`). */
export interface Stripped {
  readonly path: string;
  readonly prefix: string;
}

function leadingSlash(path: string): string {
  if (path === '') return '/';
  return path.startsWith('/') ? path : `/${path}`;
}

/**
 * Strips the first prefix, in configuration order, that `path` starts with (Traefik iterates
 * the list and stops at the first match; it does not look for the longest). `forceSlash`
 * is Traefik's deprecated option: it also drops one leading `/` of the rest before re-adding it.
 */
export function stripPrefix(path: string, prefixes: readonly string[], forceSlash = false): Stripped | undefined {
  for (const prefix of prefixes) {
    if (!path.startsWith(prefix)) continue;
    let rest = path.slice(prefix.length);
    if (forceSlash && rest.startsWith('/')) rest = rest.slice(1);
    return { path: leadingSlash(rest), prefix };
  }
  return undefined;
}

/**
 * Strips the first regular expression, in order, whose (non-empty) match starts the path.
 * The matched text is the prefix. Like Traefik, a match further inside the path is skipped.
 */
export function stripPrefixRegex(path: string, expressions: readonly RegExp[]): Stripped | undefined {
  for (const re of expressions) {
    re.lastIndex = 0;
    const m = re.exec(path);
    const prefix = m?.[0];
    if (prefix === undefined || prefix === '' || !path.startsWith(prefix)) continue;
    return { path: leadingSlash(path.slice(prefix.length)), prefix };
  }
  return undefined;
}

/** Prepends `prefix` to the path (Traefik `addPrefix`), ensuring a leading slash. */
export function addPrefix(path: string, prefix: string): string {
  return leadingSlash(prefix + path);
}

/**
 * Replaces every match of the global `re` in `path` using a Go template (`$1`, `${name}`), or
 * returns `undefined` when the expression does not match (the path is then left alone).
 */
export function replacePathRegex(path: string, re: RegExp, template: GoTemplate): string | undefined {
  re.lastIndex = 0;
  if (!re.test(path)) return undefined;
  return leadingSlash(template.replaceAll(re, path));
}
