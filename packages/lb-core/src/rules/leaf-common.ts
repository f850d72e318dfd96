/**
 * Shared pieces of leaf matchers: the compiled-matcher type, position-aware argument errors,
 * and header lookups that tolerate any shape of `RequestFacts.headers`.
 */
import { createError } from '../errors';
import type { LbError } from '../errors';
import type { RequestFacts } from './ast';

/** A compiled predicate over a request. Never throws, never allocates what could be built once. */
export type Matcher = (facts: RequestFacts) => boolean;

/** Position of argument `index` in the rule text, when known. */
export type PositionOf = (index: number) => number | undefined;

/** An `LB_RULE_ARGUMENT` error for argument `index`. */
export function argumentError(message: string, expected: string, positionOf: PositionOf, index: number): LbError {
  const position = positionOf(index);
  return createError('LB_RULE_ARGUMENT', message, { ...(position === undefined ? {} : { position }), expected });
}

/** An `LB_RULE_ARITY` error at the matcher (argument index -1). */
export function arityError(name: string, expected: string, got: number, positionOf: PositionOf): LbError {
  const position = positionOf(-1);
  return createError('LB_RULE_ARITY', `${name} expects ${expected}, got ${got}`, {
    ...(position === undefined ? {} : { position }),
    expected,
  });
}

/**
 * Header fields Go's HTTP server takes out of `Request.Header` before any handler runs (`Host`
 * becomes `Request.Host`, `Transfer-Encoding` is consumed by the body reader), so Traefik's header
 * matchers never see them: `Header(`Host`, `a.com`)` never matches. Lower-case names.
 */
export const HEADERS_HIDDEN_FROM_MATCHERS: ReadonlySet<string> = new Set(['host', 'transfer-encoding']);

/**
 * True when some value of header `key` (lower-case) satisfies `test`. With `facts.rawHeaders`
 * every header line is its own value, as in Go's `Request.Header` (a header sent twice has two
 * values; a comma inside one line does not split it); without it, the values of `facts.headers`.
 */
export function someHeader(facts: RequestFacts, key: string, test: (value: string) => boolean): boolean {
  const raw = facts.rawHeaders;
  if (raw !== undefined) {
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i] as string;
      if (name.length === key.length && (name === key || name.toLowerCase() === key) && test(raw[i + 1] as string))
        return true;
    }
    return false;
  }
  const value = facts.headers[key];
  if (typeof value === 'string') return test(value);
  if (!Array.isArray(value)) return false;
  for (const item of value as readonly unknown[]) if (typeof item === 'string' && test(item)) return true;
  return false;
}

const ANY_VALUE = (): boolean => true;

/** True when header `key` (lower-case) is present with at least one value (line). */
export function hasHeader(facts: RequestFacts, key: string): boolean {
  if (facts.rawHeaders !== undefined) return someHeader(facts, key, ANY_VALUE);
  const value = facts.headers[key];
  return typeof value === 'string' || (Array.isArray(value) && value.length > 0);
}

/** A matcher that is never true (a header matcher on a header Go hides, for instance). */
export const NEVER: Matcher = () => false;

/** Returns `matchers[0]` alone, or a closure that is true when any matcher is. */
export function anyOf(matchers: readonly Matcher[]): Matcher {
  const [first] = matchers;
  if (matchers.length === 1 && first !== undefined) return first;
  return (facts) => {
    for (const m of matchers) if (m(facts)) return true;
    return false;
  };
}

/** Returns `matchers[0]` alone, or a closure that is true when every matcher is. */
export function allOf(matchers: readonly Matcher[]): Matcher {
  const [first] = matchers;
  if (matchers.length === 1 && first !== undefined) return first;
  return (facts) => {
    for (const m of matchers) if (!m(facts)) return false;
    return true;
  };
}
