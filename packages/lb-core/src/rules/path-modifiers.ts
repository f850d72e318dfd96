/**
 * Path rewriting after matching, as Traefik's middlewares do it (same names in v2/v3 dynamic
 * configuration, and what v1's `PathPrefixStrip`, `AddPrefix`… turn into). Pure functions over the
 * path the proxy will forward (its escaped form); each returns the new path and the headers to add:
 * - `stripPrefix`: the first prefix (in the order given) the path starts with is removed, a `/` is
 *   put back in front if missing, and `X-Forwarded-Prefix` carries the prefix. Traefik v2/v3 keep
 *   the configured order; v1 rules arrive sorted longest first (1.7's `bySize`);
 * - `stripPrefixRegex`: the leftmost match of the first regexp that matches at the start is removed
 *   (same header);
 * - `addPrefix`: prefix + path (a `/` is put in front if missing);
 * - `replacePath`: the path is replaced, `X-Replaced-Path` carries the old one;
 * - `replacePathRegex`: when the regexp matches, every match is replaced (Go `ReplaceAllString`,
 *   `$1`/`${name}`; an empty replacement removes the matches, as since Traefik 2.11.1),
 *   `X-Replaced-Path` carries the old path.
 *
 * `stripPrefix`, `stripPrefixRegex` and `replacePathRegex` mark their result `refused` when
 * cleaning it (dot segments, `//`) would change it: Traefik v3.7 answers 400 there rather than
 * let the router's view and the upstream's view of the path disagree. `addPrefix` and
 * `replacePath` (configured text) are never refused, as in Traefik. A `replacePath` or
 * `replacePathRegex` result with a malformed escape is marked `unescapable` (Traefik: 500).
 *
 * Stripping a whole path leaves an empty path (Traefik v3, no `forceSlash`): a later `addPrefix`
 * then yields the bare prefix. {@link applyPathModifiers} and compiled rewriters turn a final empty
 * path into `/`, which is what Go's HTTP client puts on the wire (and v2's `forceSlash: true` did).
 * Headers added twice are joined with `, `, as repeated header fields are (RFC 9110 §5.3).
 * Modifiers marked `v1` (from v1 rules) behave as Traefik 1.7's (`path-modifiers-v1.ts`), and a
 * final path without a leading `/` gets one, as 1.7's request line did.
 */
import { createError } from '../errors';
import type { PathModifier } from './ast';
import type { GoRegExp } from './go-regexp';
import { compileGoRegExp } from './go-regexp';
import { decodePath, escapedPrefixLength, headerValue, unescapeError } from './go-path';
import { cleaningChanges } from './request-path';
import { addPrefixV1, replacePathRegexV1, replacePathV1, stripPrefixRegexV1, stripPrefixV1 } from './path-modifiers-v1';

/** A rewritten path and the request headers to add. */
export interface PathRewrite {
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /**
   * Set when Traefik v3.7 answers 400 instead of forwarding: cleaning the rewritten path would
   * change it ({@link cleaningChanges}; `stripPrefix`, `stripPrefixRegex`, `replacePathRegex`).
   */
  readonly refused?: true;
  /**
   * Set when the new path has a malformed escape (`%zz`): Traefik v3.7's `replacePath` and
   * `replacePathRegex` then answer 500 with Go's `url.PathUnescape` error, this text.
   */
  readonly unescapable?: string;
}

/** Compiled modifiers: applies them in order to a path. */
export type PathRewriter = (path: string) => PathRewrite;

/** Header naming the stripped prefix. */
export const FORWARDED_PREFIX_HEADER = 'X-Forwarded-Prefix';
/** Header carrying the path before a replacement. */
export const REPLACED_PATH_HEADER = 'X-Replaced-Path';

const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({});

function ensureLeadingSlash(path: string): string {
  return path === '' || path.startsWith('/') ? path : `/${path}`;
}

/** The escaped `path` without the part that decodes to `prefix` (a prefix of the decoded path). */
function stripDecoded(path: string, decoded: string, prefix: string): string {
  return ensureLeadingSlash(path.slice(decoded === path ? prefix.length : escapedPrefixLength(path, prefix)));
}

/**
 * A rewrite to `path` with `header` set to `value` (as Go's bytes, {@link headerValue}: a prefix
 * may hold decoded non-ASCII text), `refused` when cleaning would change `path`.
 */
function rewritten(path: string, header: string, value: string): PathRewrite {
  const headers = { [header]: headerValue(value) };
  return cleaningChanges(path) ? { path, headers, refused: true } : { path, headers };
}

/**
 * Traefik's `stripPrefix` middleware: the prefix is matched on Go's decoded `URL.Path` and cut
 * from the escaped path by its encoded length (`pkg/middlewares/stripprefix`).
 */
export function stripPrefix(path: string, prefixes: readonly string[]): PathRewrite {
  const decoded = decodePath(path);
  for (const configured of prefixes) {
    const prefix = configured.trim(); // Traefik trims the configured prefixes once (strip_prefix.go New)
    if (decoded.startsWith(prefix))
      return rewritten(stripDecoded(path, decoded, prefix), FORWARDED_PREFIX_HEADER, prefix);
  }
  return { path, headers: NO_HEADERS };
}

/** Traefik's `stripPrefixRegex` middleware (regexps from `compileGoRegExp`), on the decoded path as `stripPrefix`. */
export function stripPrefixRegex(path: string, regexps: readonly GoRegExp[]): PathRewrite {
  const decoded = decodePath(path);
  for (const re of regexps) {
    const prefix = re.find(decoded);
    if (prefix !== undefined && prefix.length > 0 && decoded.startsWith(prefix)) {
      return rewritten(stripDecoded(path, decoded, prefix), FORWARDED_PREFIX_HEADER, prefix);
    }
  }
  return { path, headers: NO_HEADERS };
}

/** Traefik's `addPrefix` middleware. */
export function addPrefix(path: string, prefix: string): PathRewrite {
  return { path: ensureLeadingSlash(prefix + path), headers: NO_HEADERS };
}

/**
 * Traefik's `replacePath` middleware (`X-Replaced-Path`: the escaped path, `RawPath` or
 * `EscapedPath()`); a replacement with a malformed escape is `unescapable`.
 */
export function replacePath(path: string, replacement: string): PathRewrite {
  const headers = { [REPLACED_PATH_HEADER]: path };
  const error = unescapeError(replacement);
  return error === undefined ? { path: replacement, headers } : { path: replacement, headers, unescapable: error };
}

/**
 * Traefik's `replacePathRegex` middleware (regexp from `compileGoRegExp`, Go replacement syntax).
 * An empty replacement removes the matches (Traefik ≥ 2.11.1, "Allow empty replacement with
 * ReplacePathRegex middleware"; `/whoami` on `/whoami/and/whoami` leaves `/and`).
 */
export function replacePathRegex(path: string, regexp: GoRegExp, replacement: string): PathRewrite {
  if (!regexp.test(path)) return { path, headers: NO_HEADERS };
  const replaced = regexp.replaceAll(path, replacement);
  const error = unescapeError(replaced); // checked before cleaning, as Traefik unescapes first
  if (error !== undefined) return { path: replaced, headers: { [REPLACED_PATH_HEADER]: path }, unescapable: error };
  return rewritten(replaced, REPLACED_PATH_HEADER, path);
}

type Step = (path: string) => PathRewrite;

function compileStep(modifier: PathModifier): Step {
  switch (modifier.kind) {
    case 'stripPrefix':
      if (modifier.v1 === true) return (path) => stripPrefixV1(path, modifier.prefixes);
      return (path) => stripPrefix(path, modifier.prefixes);
    case 'stripPrefixRegex': {
      const regexps = modifier.regex.map((r) => compileGoRegExp(r.trim()));
      if (modifier.v1 === true) return (path) => stripPrefixRegexV1(path, regexps);
      return (path) => stripPrefixRegex(path, regexps);
    }
    case 'addPrefix':
      if (modifier.prefix === '')
        throw createError('LB_RULE_ARGUMENT', 'addPrefix: prefix cannot be empty', { expected: 'a non-empty prefix' });
      if (modifier.v1 === true) return (path) => addPrefixV1(path, modifier.prefix);
      return (path) => addPrefix(path, modifier.prefix);
    case 'replacePath':
      if (modifier.v1 === true) return (path) => replacePathV1(path, modifier.path);
      return (path) => replacePath(path, modifier.path);
    case 'replacePathRegex': {
      const regexp = compileGoRegExp(modifier.regex.trim());
      const replacement = modifier.replacement.trim();
      if (modifier.v1 === true) return (path) => replacePathRegexV1(path, regexp, replacement);
      return (path) => replacePathRegex(path, regexp, replacement);
    }
  }
}

/**
 * Compiles modifiers once (regexes included) into a rewriter applying them in order.
 * Throws `LB_RULE_ARGUMENT` for an invalid regexp or an empty `addPrefix`.
 */
export function compilePathModifiers(modifiers: readonly PathModifier[]): PathRewriter {
  const steps = modifiers.map(compileStep);
  const v1 = modifiers.some((m) => m.v1 === true);
  return (path) => {
    let current = path;
    let headers: Record<string, string> | undefined;
    for (const step of steps) {
      const out = step(current);
      current = out.path;
      for (const [name, value] of Object.entries(out.headers)) {
        headers ??= {};
        headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
      }
    }
    const final = current === '' ? '/' : v1 && !current.startsWith('/') ? `/${current}` : current;
    return { path: final, headers: headers ?? NO_HEADERS };
  };
}

const compiled = new WeakMap<readonly PathModifier[], PathRewriter>();

/**
 * Applies modifiers to a path (see {@link compilePathModifiers}); the compiled form is cached per
 * modifiers array, so calling this per request with a router's `modifiers` compiles them once.
 */
export function applyPathModifiers(path: string, modifiers: readonly PathModifier[]): PathRewrite {
  let rewriter = compiled.get(modifiers);
  if (rewriter === undefined) {
    rewriter = compilePathModifiers(modifiers);
    compiled.set(modifiers, rewriter);
  }
  return rewriter(path);
}
