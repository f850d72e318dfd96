/**
 * The route table: every router's rule compiled once, sorted by priority, and indexed so a lookup
 * costs about the same with 10 or 10,000 routers (see `route-index.ts`). One bad rule does not
 * reject the others: it is reported beside the table and left out.
 *
 * ```ts
 * const { table, errors } = compileRoutes([{ name: 'api', rule: 'Host(`a`) && PathPrefix(`/api`)', data: svc }]);
 * const route = table.match(facts, 'web'); // highest-priority match, or undefined
 * ```
 */
import { createError, isLbError } from '../errors';
import type { LbError } from '../errors';
import type { PathModifier, RequestFacts, RuleNode, RuleSyntax } from '../rules/ast';
import { compileRule } from '../rules/compile';
import type { RuleMatcher } from '../rules/compile';
import { parseRule } from '../rules/parse';
import { hostPins, pathPins } from './pins';
import { compareRanked, effectivePriority } from './priority';
import { RouteIndex } from './route-index';

/** A router to compile. `data` is carried through untouched (e.g. the service to use). */
export interface RouteInput<T> {
  readonly name: string;
  readonly rule: string;
  /** Rule dialect; default `'auto'` (v1 or v3). */
  readonly syntax?: RuleSyntax | 'auto';
  /** Explicit priority; `0` or absent means the rule length (for a v1 rule, any priority ≤ 0 does). */
  readonly priority?: number;
  /** Entry points the router listens on; absent or empty means all. */
  readonly entryPoints?: readonly string[];
  /** Tie-breaker among equal priorities (lower first, e.g. provider precedence); default: input position. */
  readonly order?: number;
  readonly data: T;
}

/** A compiled router. */
export interface CompiledRoute<T> {
  readonly name: string;
  readonly rule: string;
  readonly syntax: RuleSyntax;
  /** Effective priority (explicit, or the rule's length). */
  readonly priority: number;
  readonly entryPoints: readonly string[] | undefined;
  readonly ast: RuleNode;
  /** Path rewrites to apply after a match (v1 rules), in order. */
  readonly modifiers: readonly PathModifier[];
  readonly matches: RuleMatcher;
  readonly data: T;
}

/** A router that could not be compiled. */
export interface RouteError {
  readonly name: string;
  readonly error: LbError;
}

/** Compiled, sorted and indexed routers. Immutable: build a new table on each configuration. */
export interface RouteTable<T> {
  /** Routers in the order they are tried. */
  readonly routes: readonly CompiledRoute<T>[];
  /**
   * The highest-priority router matching the request on `entryPoint` (routers without entry
   * points match on all; without `entryPoint`, entry points are not checked).
   */
  match(facts: RequestFacts, entryPoint?: string): CompiledRoute<T> | undefined;
}

class IndexedRouteTable<T> implements RouteTable<T> {
  readonly routes: readonly CompiledRoute<T>[];
  readonly #index = new RouteIndex<CompiledRoute<T>>();

  constructor(routes: readonly CompiledRoute<T>[]) {
    this.routes = Object.freeze([...routes]);
    for (const [rank, route] of this.routes.entries()) {
      const entryPoints =
        route.entryPoints === undefined || route.entryPoints.length === 0 ? undefined : new Set(route.entryPoints);
      this.#index.add(
        { route, rank, matches: route.matches, entryPoints },
        hostPins(route.ast, route.syntax),
        pathPins(route.ast, route.syntax),
      );
    }
    this.#index.seal();
  }

  match(facts: RequestFacts, entryPoint?: string): CompiledRoute<T> | undefined {
    return this.#index.match(facts, entryPoint);
  }
}

function compileOne<T>(input: RouteInput<T>): CompiledRoute<T> {
  if (input.priority !== undefined && !Number.isSafeInteger(input.priority)) {
    throw createError('LB_CONFIG_INVALID', `priority of router ${input.name} must be an integer`, {
      path: 'priority',
      expected: 'an integer',
    });
  }
  const parsed = parseRule(input.rule, { syntax: input.syntax ?? 'auto' });
  return {
    name: input.name,
    rule: input.rule,
    syntax: parsed.syntax,
    priority: effectivePriority(input.rule, parsed.syntax, input.priority),
    entryPoints: input.entryPoints,
    ast: parsed.ast,
    modifiers: parsed.modifiers,
    matches: compileRule(parsed),
    data: input.data,
  };
}

/**
 * Compiles routers into a table. Routers whose rule or priority is invalid are left out and
 * reported in `errors` (with the `LbError` from the parser); the others are served.
 */
export function compileRoutes<T>(routes: readonly RouteInput<T>[]): { table: RouteTable<T>; errors: RouteError[] } {
  const ranked: { route: CompiledRoute<T>; priority: number; order: number; name: string; index: number }[] = [];
  const errors: RouteError[] = [];
  for (const [index, input] of routes.entries()) {
    try {
      const route = compileOne(input);
      ranked.push({ route, priority: route.priority, order: input.order ?? index, name: input.name, index });
    } catch (error) {
      if (!isLbError(error)) throw error;
      errors.push({ name: input.name, error });
    }
  }
  ranked.sort(compareRanked);
  return { table: new IndexedRouteTable(ranked.map((r) => r.route)), errors };
}
