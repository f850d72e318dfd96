/**
 * The matcher tables of each rule dialect: canonical names and arity, as in Traefik's
 * `httpFuncs` (v3, `expectNParameters`) and `httpFuncsV2`, plus the v1 (Traefik 1.7) function names.
 *
 * v2/v3 names are accepted the way Traefik's parser registers them (`pkg/rules/parser.go`): exactly
 * as written, all lower-case, all upper-case, or title-cased (`PathPrefix`, `pathprefix`,
 * `PATHPREFIX`, `Pathprefix`), and nothing else (`pathPrefix` is unknown). v1 names are exact.
 */
import type { RuleSyntax } from './ast';

/** One matcher: its canonical name and how many arguments it takes. */
export interface MatcherSpec {
  readonly name: string;
  readonly min: number;
  /** `Infinity` for "one or more". */
  readonly max: number;
  /** Arguments come in key/value pairs (v2 `Headers`, `HeadersRegexp`). */
  readonly pairs?: boolean;
}

const one = (name: string): MatcherSpec => ({ name, min: 1, max: 1 });
const many = (name: string): MatcherSpec => ({ name, min: 1, max: Infinity });

const V3: readonly MatcherSpec[] = [
  one('ClientIP'),
  one('Method'),
  one('Host'),
  one('HostRegexp'),
  one('Path'),
  one('PathRegexp'),
  one('PathPrefix'),
  { name: 'Header', min: 2, max: 2 },
  { name: 'HeaderRegexp', min: 2, max: 2 },
  { name: 'Query', min: 1, max: 2 },
  { name: 'QueryRegexp', min: 1, max: 2 },
];

const V2: readonly MatcherSpec[] = [
  many('Host'),
  many('HostHeader'),
  many('HostRegexp'),
  many('ClientIP'),
  many('Path'),
  many('PathPrefix'),
  many('Method'),
  { name: 'Headers', min: 2, max: Infinity, pairs: true },
  { name: 'HeadersRegexp', min: 2, max: Infinity, pairs: true },
  many('Query'),
];

/** Traefik 1.7's rule functions (`rules/rules.go`): matchers, matcher+modifiers and modifiers. */
export const V1_FUNCTIONS = [
  'Host',
  'HostRegexp',
  'Path',
  'PathStrip',
  'PathStripRegex',
  'PathPrefix',
  'PathPrefixStrip',
  'PathPrefixStripRegex',
  'Method',
  'Headers',
  'HeadersRegexp',
  'AddPrefix',
  'ReplacePath',
  'ReplacePathRegex',
  'Query',
] as const;

/** A v1 function name. */
export type V1Function = (typeof V1_FUNCTIONS)[number];

function table(syntax: 'v2' | 'v3'): ReadonlyMap<string, MatcherSpec> {
  const map = new Map<string, MatcherSpec>();
  for (const spec of syntax === 'v3' ? V3 : V2) {
    const lower = spec.name.toLowerCase();
    for (const form of [spec.name, lower, spec.name.toUpperCase(), lower.charAt(0).toUpperCase() + lower.slice(1)]) {
      map.set(form, spec);
    }
  }
  return map;
}

const TABLES = { v2: table('v2'), v3: table('v3') } as const;

/** The spec for a matcher name as written in a v2/v3 (v1 rules resolve with v2 specs) rule. */
export function resolveMatcher(syntax: RuleSyntax, written: string): MatcherSpec | undefined {
  return TABLES[syntax === 'v3' ? 'v3' : 'v2'].get(written);
}

/** The canonical matcher names of a dialect, for error messages. */
export function matcherNames(syntax: RuleSyntax): readonly string[] {
  if (syntax === 'v1') return V1_FUNCTIONS;
  return (syntax === 'v3' ? V3 : V2).map((spec) => spec.name);
}

/** Human-readable arity, e.g. `1 argument`, `1 or 2 arguments`, `an even number (≥ 2) of arguments`. */
export function describeArity(spec: MatcherSpec): string {
  if (spec.pairs) return 'an even number (at least 2) of arguments';
  if (spec.max === Infinity) return `at least ${spec.min} argument${spec.min === 1 ? '' : 's'}`;
  if (spec.min === spec.max) return `${spec.min} argument${spec.min === 1 ? '' : 's'}`;
  return `${spec.min} or ${spec.max} arguments`;
}

/** True when `count` arguments suit `spec`. */
export function arityOk(spec: MatcherSpec, count: number): boolean {
  return count >= spec.min && count <= spec.max && (!spec.pairs || count % 2 === 0);
}
