/**
 * The lookup structure behind a route table, so the cost of a match stays flat as routers grow:
 * - host-pinned routes sit in a `Map` bucket per host key (one lookup per request), v3 wildcard
 *   routes (`*.example.com`) in a `Map` per suffix (one more lookup, with the request host's
 *   first label cut off, only when there are wildcard routes);
 * - other path-pinned routes sit in a `Map` per exact path and per literal prefix; a request probes
 *   its path once for exact routes and once per distinct prefix length (bounded by the path length);
 * - everything else is in a fallback list.
 * Each list is in rank order (the table's sort); a match merges the few candidate lists by rank and
 * returns the first candidate that passes its entry-point filter and its compiled rule, which is
 * exactly what a linear scan over all routes in rank order would return.
 */
import type { RequestFacts } from '../rules/ast';
import type { RuleMatcher } from '../rules/compile';
import { canonicalHost, hostKey } from '../rules/host';
import type { HostPins, PathPins } from './pins';

/** One route as the index sees it. */
export interface IndexEntry<R> {
  readonly route: R;
  /** Position in the sorted table (lower is tried first). */
  readonly rank: number;
  readonly matches: RuleMatcher;
  /** Allowed entry points, or `undefined` for all. */
  readonly entryPoints: ReadonlySet<string> | undefined;
}

const EMPTY: readonly never[] = [];

function add<R>(map: Map<string, IndexEntry<R>[]>, key: string, entry: IndexEntry<R>): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [entry]);
  else if (list[list.length - 1] !== entry) list.push(entry);
}

/** Routes indexed by host and path pins, with a rank-ordered fallback list. */
export class RouteIndex<R> {
  readonly #byHost = new Map<string, IndexEntry<R>[]>();
  readonly #byWildcard = new Map<string, IndexEntry<R>[]>();
  readonly #byExactPath = new Map<string, IndexEntry<R>[]>();
  readonly #byPrefix = new Map<string, IndexEntry<R>[]>();
  #prefixLengths: readonly number[] = [];
  readonly #fallback: IndexEntry<R>[] = [];

  /** Adds entries; they must be added in rank order. */
  add(entry: IndexEntry<R>, hosts: HostPins | undefined, paths: PathPins | undefined): void {
    if (hosts !== undefined) {
      for (const h of hosts.exact) add(this.#byHost, h, entry);
      for (const s of hosts.wildcard) add(this.#byWildcard, s, entry);
    } else if (paths !== undefined) {
      for (const p of paths.exact) add(this.#byExactPath, p, entry);
      for (const p of paths.prefixes) add(this.#byPrefix, p, entry);
    } else this.#fallback.push(entry);
  }

  /** Call once after the last `add`. */
  seal(): void {
    this.#prefixLengths = [...new Set([...this.#byPrefix.keys()].map((p) => p.length))].sort((a, b) => a - b);
  }

  /** The first route, in rank order, whose entry points and rule accept the request. */
  match(facts: RequestFacts, entryPoint: string | undefined): R | undefined {
    const lists: (readonly IndexEntry<R>[])[] = [];
    if (this.#byHost.size > 0 || this.#byWildcard.size > 0) {
      const key = hostKey(canonicalHost(typeof facts.host === 'string' ? facts.host : ''));
      const list = this.#byHost.get(key);
      if (list !== undefined) lists.push(list);
      if (this.#byWildcard.size > 0) {
        const dot = key.indexOf('.');
        const wild = dot < 0 ? undefined : this.#byWildcard.get(key.slice(dot + 1));
        if (wild !== undefined) lists.push(wild);
      }
    }
    const path = facts.path;
    if (typeof path === 'string' && (this.#byExactPath.size > 0 || this.#byPrefix.size > 0)) {
      const exact = this.#byExactPath.get(path);
      if (exact !== undefined) lists.push(exact);
      for (const length of this.#prefixLengths) {
        if (length > path.length) break;
        const list = this.#byPrefix.get(length === path.length ? path : path.slice(0, length));
        if (list !== undefined) lists.push(list);
      }
    }
    if (this.#fallback.length > 0) lists.push(this.#fallback);
    if (lists.length === 1) return firstMatch(lists[0] ?? EMPTY, facts, entryPoint);
    return mergedMatch(lists, facts, entryPoint);
  }
}

function accepts<R>(entry: IndexEntry<R>, facts: RequestFacts, entryPoint: string | undefined): boolean {
  if (entry.entryPoints !== undefined && entryPoint !== undefined && !entry.entryPoints.has(entryPoint)) return false;
  return entry.matches(facts);
}

function firstMatch<R>(
  list: readonly IndexEntry<R>[],
  facts: RequestFacts,
  entryPoint: string | undefined,
): R | undefined {
  for (const entry of list) if (accepts(entry, facts, entryPoint)) return entry.route;
  return undefined;
}

/** k-way merge of rank-ordered lists (k is small: a bucket, a few path lists, the fallback). */
function mergedMatch<R>(
  lists: readonly (readonly IndexEntry<R>[])[],
  facts: RequestFacts,
  entryPoint: string | undefined,
): R | undefined {
  const heads = new Array<number>(lists.length).fill(0);
  for (;;) {
    let best = -1;
    let bestRank = Infinity;
    for (let i = 0; i < lists.length; i++) {
      const entry = lists[i]?.[heads[i] ?? 0];
      if (entry !== undefined && entry.rank < bestRank) {
        best = i;
        bestRank = entry.rank;
      }
    }
    if (best < 0) return undefined;
    const entry = lists[best]?.[heads[best] ?? 0] as IndexEntry<R>;
    heads[best] = (heads[best] ?? 0) + 1;
    if (accepts(entry, facts, entryPoint)) return entry.route;
  }
}
