/**
 * The strategy registry: canonical names, the aliases Traefik, nginx and HAProxy users write,
 * and {@link createBalancer}, which builds a strategy by name.
 *
 * Errors: {@link resolveStrategy} returns `undefined` for an unknown name, so configuration
 * validation can report it as data; {@link createBalancer} throws an `LB_CONFIG_UNKNOWN_STRATEGY`
 * {@link LbError} (coded, never a crash: the runtime builder catches it for that one service).
 * Decorators are applied by the caller: `withSticky(withSlowStart(createBalancer(…), …), …)`.
 */
import { createError } from '../errors';
import type { Balancer, ServerSpec, StrategyName } from './balancer';
import { consistentHash } from './consistent-hash';
import { leastConnections } from './least-connections';
import { p2c } from './p2c';
import { roundRobin } from './round-robin';
import { smoothWeighted } from './smooth-weighted';

/**
 * The strategy used when none is configured: smooth weighted round-robin, as Traefik's default
 * `wrr`. With equal weights it gives exactly round-robin's sequence; with weights it honours them,
 * which is what a Traefik user writing `server.weight` expects without naming a strategy.
 */
export const DEFAULT_STRATEGY: StrategyName = 'weighted';

/** Every canonical strategy name. */
export const STRATEGY_NAMES: readonly StrategyName[] = Object.freeze([
  'round-robin',
  'weighted',
  'p2c',
  'least-connections',
  'consistent-hash',
]);

/**
 * Accepted aliases (compared case-insensitively, `_` and `-` alike). Traefik v3's values:
 * `wrr` (weighted round-robin), `p2c`, `hrw` (rendezvous hashing on the client IP), and
 * `leasttime`, which has no exact match here (it also weighs response times) and maps to
 * least-connections, its in-flight half.
 */
export const STRATEGY_ALIASES: Readonly<Record<string, StrategyName>> = Object.freeze({
  rr: 'round-robin',
  roundrobin: 'round-robin',
  wrr: 'weighted',
  swrr: 'weighted',
  'smooth-weighted': 'weighted',
  'weighted-round-robin': 'weighted',
  'power-of-two-choices': 'p2c',
  leastconn: 'least-connections',
  'least-conn': 'least-connections',
  leasttime: 'least-connections',
  hrw: 'consistent-hash',
  hash: 'consistent-hash',
  rendezvous: 'consistent-hash',
});

/** Options passed to the strategy that uses them; the others ignore them. */
export interface BalancerOptions {
  /** P2C's random source, in [0, 1). Defaults to `Math.random`. */
  readonly random?: () => number;
  /** Consistent hashing: hash this request header before falling back to the client IP. */
  readonly hashHeader?: string;
  /** Consistent hashing: the 32-bit string hash. Defaults to FNV-1a. */
  readonly hash?: (text: string) => number;
}

/**
 * The canonical name for a configured strategy: `undefined` or blank gives
 * {@link DEFAULT_STRATEGY}; an unknown name gives `undefined`.
 */
export function resolveStrategy(name: string | undefined): StrategyName | undefined {
  const key = (name ?? '').trim().toLowerCase().replaceAll('_', '-');
  if (key === '') return DEFAULT_STRATEGY;
  if ((STRATEGY_NAMES as readonly string[]).includes(key)) return key as StrategyName;
  return Object.hasOwn(STRATEGY_ALIASES, key) ? STRATEGY_ALIASES[key] : undefined;
}

/**
 * Creates the balancer for a strategy name (canonical or alias; default smooth weighted) over
 * `servers`. Throws an `LB_CONFIG_UNKNOWN_STRATEGY` `LbError` for an unknown name.
 */
export function createBalancer(
  strategy: StrategyName | (string & {}) | undefined,
  servers: readonly ServerSpec[],
  options: BalancerOptions = {},
): Balancer {
  const name = resolveStrategy(strategy);
  switch (name) {
    case 'round-robin':
      return roundRobin(servers);
    case 'weighted':
      return smoothWeighted(servers);
    case 'p2c':
      return p2c(servers, { random: options.random });
    case 'least-connections':
      return leastConnections(servers);
    case 'consistent-hash':
      return consistentHash(servers, { header: options.hashHeader, hash: options.hash });
    case undefined:
      throw createError(
        'LB_CONFIG_UNKNOWN_STRATEGY',
        `unknown balancing strategy ${JSON.stringify(strategy)}; expected one of ${STRATEGY_NAMES.join(', ')}`,
        {
          strategy,
          expected: STRATEGY_NAMES.join(', '),
        },
      );
  }
}
