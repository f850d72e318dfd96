/**
 * Router priority and ordering, as in Traefik: the default priority is the rule's length in bytes
 * (`len(rule)` in Go, `GetRulePriority`), an explicit non-zero priority overrides it (`0` means
 * "default"; v2/v3 accept negative priorities), and higher priorities are tried first. A v1 rule
 * keeps Traefik 1.7's rule: only a priority > 0 overrides the length (`buildServerRoute`). Traefik's own sort is unstable; here ties
 * break deterministically by the given `order` (e.g. provider precedence; defaults to the input
 * position), then by name, then by input position.
 */
import { utf8Length } from '../rules/utf8';

/** The default priority of a rule: its UTF-8 length. */
export function rulePriority(rule: string): number {
  return utf8Length(rule);
}

/** The effective priority of a router: `explicit` when it overrides the rule length in `syntax`. */
export function effectivePriority(rule: string, syntax: 'v1' | 'v2' | 'v3', explicit: number | undefined): number {
  if (explicit === undefined || explicit === 0 || (syntax === 'v1' && explicit < 0)) return rulePriority(rule);
  return explicit;
}

/** What the ordering looks at. */
export interface Ranked {
  readonly priority: number;
  readonly order: number;
  readonly name: string;
  readonly index: number;
}

/** Sort comparator: highest priority first, then lowest order, name, index. */
export function compareRanked(a: Ranked, b: Ranked): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.order !== b.order) return a.order - b.order;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.index - b.index;
}
