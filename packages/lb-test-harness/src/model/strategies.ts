/**
 * The strategies a comparison can run, as one table. `sticky` is round-robin behind a sticky
 * cookie (lb-core's `withSticky`), because stickiness decorates a strategy rather than being one.
 */
import type { StrategyId, StrategySpec } from './types';

/** Every strategy the harness knows, in report order. */
export const STRATEGIES: readonly StrategySpec[] = Object.freeze([
  { id: 'round-robin', label: 'round-robin', strategy: 'round-robin', sticky: false },
  { id: 'weighted', label: 'smooth weighted', strategy: 'weighted', sticky: false },
  { id: 'sticky', label: 'sticky (round-robin)', strategy: 'round-robin', sticky: true },
  { id: 'p2c', label: 'P2C', strategy: 'p2c', sticky: false },
  { id: 'consistent-hash', label: 'consistent hash', strategy: 'consistent-hash', sticky: false },
  { id: 'least-connections', label: 'least connections', strategy: 'least-connections', sticky: false },
]);

/** The pseudo-strategy of `--target` runs: whatever the running stack is configured with. */
export const AS_CONFIGURED: StrategySpec = Object.freeze({
  id: 'as-configured',
  label: 'as configured',
  sticky: false,
});

/** The strategies compared when none are chosen: the lab's five. */
export const DEFAULT_STRATEGY_IDS: readonly StrategyId[] = Object.freeze([
  'round-robin',
  'weighted',
  'sticky',
  'p2c',
  'consistent-hash',
]);

/** The spec of a strategy id, or `undefined` for an unknown one. */
export function findStrategy(id: string): StrategySpec | undefined {
  return STRATEGIES.find((s) => s.id === id);
}
