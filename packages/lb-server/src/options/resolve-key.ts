/**
 * Matches a dotted option name, in any case, against {@link OPTION_TABLE}: `ENTRYPOINTS.web.ADDRESS`
 * → `entryPoints.<name>.address` with name `web`. Traefik v1 aliases are applied first. For unknown
 * names it proposes the closest known one (lb-core's `editDistance`), so typos get a "did you mean".
 */
import { editDistance } from '@junction/lb-core';
import { OPTION_ALIASES, OPTION_TABLE, type OptionSpec } from './option-table';

/** A user key resolved to its option. */
export interface ResolvedKey {
  readonly spec: OptionSpec;
  /** Canonical segments, the `<name>` placeholder replaced by the user's name. */
  readonly path: readonly string[];
  /** The `<name>` segment, for per-entry-point options. */
  readonly name: string | undefined;
}

const NAME = '<name>';
const SPEC_SEGMENTS = OPTION_TABLE.map((spec) => ({ spec, segments: spec.key.split('.') }));
const ALIASES = OPTION_ALIASES.map((a) => ({ from: a.from.toLowerCase().split('.'), to: a.to.split('.') }));

/** Resolves user segments to an option, or `undefined` when no option has that name. */
export function resolveOptionKey(segments: readonly string[]): ResolvedKey | undefined {
  const input = applyAlias(segments);
  if (input.some((s) => s === '')) return undefined;
  for (const { spec, segments: pattern } of SPEC_SEGMENTS) {
    if (pattern.length !== input.length) continue;
    let name: string | undefined;
    const path: string[] = [];
    let matched = true;
    for (let i = 0; i < pattern.length && matched; i += 1) {
      const want = pattern[i] ?? '';
      const got = input[i] ?? '';
      if (want === NAME) {
        name = got;
        path.push(got);
      } else if (want.toLowerCase() === got.toLowerCase()) {
        path.push(want);
      } else {
        matched = false;
      }
    }
    if (matched) return { spec, path, name };
  }
  return undefined;
}

/** True when the segments name a group that holds options (`providers`, `entryPoints.web.transport`). */
export function isOptionGroup(segments: readonly string[]): boolean {
  const input = applyAlias(segments).map((s) => s.toLowerCase());
  return SPEC_SEGMENTS.some(
    ({ segments: pattern }) =>
      pattern.length > input.length &&
      input.every((got, i) => pattern[i] === NAME || pattern[i]?.toLowerCase() === got),
  );
}

/** True when the first segment is the root of some option (`entrypoints`, `providers`, `docker`…). */
export function isKnownRoot(first: string): boolean {
  const lower = first.toLowerCase();
  return (
    SPEC_SEGMENTS.some(({ spec, segments }) => !spec.flagOnly && segments[0]?.toLowerCase() === lower) ||
    ALIASES.some((a) => a.from[0] === lower)
  );
}

/**
 * The known option closest to an unknown key, as segments (the user's spelling kept where a
 * segment matches, the canonical one where it differs), or `undefined` when nothing is close.
 */
export function suggestOptionKey(segments: readonly string[], includeFlagOnly: boolean): string[] | undefined {
  const input = applyAlias(segments);
  const typed = input.join('.').toLowerCase();
  const limit = Math.max(2, Math.floor(typed.length / 5));
  let best: string[] | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const { spec, segments: pattern } of SPEC_SEGMENTS) {
    if (spec.flagOnly === true && !includeFlagOnly) continue;
    const candidate = pattern.map((want, i) => {
      const got = input[i];
      if (want === NAME) return got ?? want;
      return got !== undefined && got.toLowerCase() === want.toLowerCase() ? got : want;
    });
    const distance = editDistance(typed, candidate.join('.').toLowerCase(), Math.min(bestDistance, limit + 1));
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

function applyAlias(segments: readonly string[]): readonly string[] {
  const lower = segments.map((s) => s.toLowerCase());
  for (const alias of ALIASES) {
    if (alias.from.every((s, i) => lower[i] === s)) return [...alias.to, ...segments.slice(alias.from.length)];
  }
  return segments;
}
