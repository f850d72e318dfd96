/**
 * gorilla/mux route templates as Traefik's fork (containous/mux, used by Traefik 1.7 and by v2 rules
 * up to 3.7) builds them for `Path`, `PathPrefix`, `HostRegexp` and `Query`: literal text with
 * `{name}` or `{name:pattern}` variables (braces may nest inside the pattern). A template becomes
 * one anchored Go regexp: literal parts are quoted (`regexp.QuoteMeta`), each variable becomes a
 * group with its pattern, or the default pattern (`[^/]+` for paths, `[^.]+` for hosts, `.*` for
 * queries). Path templates are anchored at both ends, prefix templates only at the start. Host
 * templates match case-insensitively (the fork prefixes `(?i)`, "Host matching is case
 * insensitive"); here the literal parts are lower-cased and each variable's pattern is wrapped in
 * `(?i:…)`, so the host must be lower-cased before testing ({@link MuxTemplate.lowerCaseInput}) —
 * the same matches for ASCII templates, without `(?i)` letters counting against the regexp budget
 * for the literal text of long host names. Capturing groups inside a variable pattern are allowed, as in the fork (which
 * reverted upstream gorilla's check): `{sub:(foo\.)?bar\.com}` is valid.
 */
import { createError } from '../errors';
import type { GoRegExp } from './go-regexp';
import { compileGoRegExp } from './go-regexp';

/** What the template matches. */
export type TemplateKind = 'path' | 'prefix' | 'host' | 'query';

/** A compiled template. */
export interface MuxTemplate {
  /** The generated Go pattern. */
  readonly pattern: string;
  readonly regexp: GoRegExp;
  /** Host templates: the input must be lower-cased (`toLowerCase`) before `regexp` tests it. */
  readonly lowerCaseInput: boolean;
}

const DEFAULT_PATTERN: Readonly<Record<TemplateKind, string>> = {
  path: '[^/]+',
  prefix: '[^/]+',
  host: '[^.]+',
  query: '.*',
};

/** Go's `regexp.QuoteMeta`. */
export function goQuoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/**
 * Builds the Go pattern of a template. Throws `LB_RULE_ARGUMENT` for unbalanced braces, an empty
 * variable name or pattern, or an invalid pattern.
 */
export function compileMuxTemplate(tpl: string, kind: TemplateKind, position?: number): MuxTemplate {
  const fail = (message: string): never => {
    throw createError('LB_RULE_ARGUMENT', `${message} in template \`${tpl}\``, {
      ...(position === undefined ? {} : { position }),
      expected: 'a template like /path/{name:[0-9]+}',
    });
  };
  const idxs = braceIndices(tpl) ?? fail('unbalanced braces');
  const host = kind === 'host';
  const literal = (text: string): string => goQuoteMeta(host ? text.toLowerCase() : text);
  let pattern = '^';
  let end = 0;
  for (let i = 0; i < idxs.length; i += 2) {
    const open = idxs[i] ?? 0;
    const close = idxs[i + 1] ?? 0;
    pattern += literal(tpl.slice(end, open));
    end = close;
    const inner = tpl.slice(open + 1, close - 1);
    const colon = inner.indexOf(':');
    const name = colon < 0 ? inner : inner.slice(0, colon);
    const patt = colon < 0 ? DEFAULT_PATTERN[kind] : inner.slice(colon + 1);
    if (name === '' || patt === '') fail(`missing name or pattern in \`${tpl.slice(open, close)}\``);
    pattern += host ? `(?P<v${i / 2}>(?i:${patt}))` : `(?P<v${i / 2}>${patt})`;
  }
  pattern += literal(tpl.slice(end));
  if (kind === 'query' && tpl.slice(tpl.indexOf('=') + 1) === '') pattern += DEFAULT_PATTERN.query;
  if (kind !== 'prefix') pattern += '$';
  return { pattern, regexp: compileGoRegExp(pattern, position), lowerCaseInput: host };
}

/** Offsets of top-level `{` and one past the matching `}`, or `undefined` when unbalanced. */
function braceIndices(s: string): number[] | undefined {
  let level = 0;
  let idx = 0;
  const idxs: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '{') {
      if (++level === 1) idx = i;
    } else if (s[i] === '}') {
      if (--level === 0) idxs.push(idx, i + 1);
      else if (level < 0) return undefined;
    }
  }
  return level === 0 ? idxs : undefined;
}
