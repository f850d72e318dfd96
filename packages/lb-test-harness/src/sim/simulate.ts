/**
 * Runs the simulation over scenarios × strategies and gathers a {@link ComparisonResult}, the
 * same shape the real-traffic comparison produces, so the same tables and reports render it.
 */
import type { ComparisonResult, ScenarioSpec, StrategySpec } from '../model/types';
import { simulateRun, type SimOptions } from './engine';
import { seededRandom } from './random';

/** Options of {@link simulateComparison}. */
export interface SimulateComparisonOptions extends Omit<SimOptions, 'random'> {
  readonly scenarios: readonly ScenarioSpec[];
  readonly strategies: readonly StrategySpec[];
  /** Seed of every run's random source (each run restarts from it). Default 1. */
  readonly seed?: number;
  /** Called after each run (progress reporting). */
  readonly onRun?: (done: number, total: number) => void;
}

/** Simulates every scenario under every strategy. */
export function simulateComparison(options: SimulateComparisonOptions): ComparisonResult {
  const { scenarios, strategies, seed = 1, onRun, ...sim } = options;
  const runs = [];
  const total = scenarios.length * strategies.length;
  for (const scenario of scenarios) {
    for (const strategy of strategies) {
      runs.push(simulateRun(scenario, strategy, { ...sim, random: seededRandom(seed) }));
      onRun?.(runs.length, total);
    }
  }
  return {
    mode: 'simulation',
    createdAt: new Date().toISOString(),
    settings: {
      seed,
      requestsPerRun: sim.requests ?? 3000,
      rps: sim.rps ?? 600,
      clients: sim.clients ?? 30,
      baseLatencyMs: sim.baseLatencyMs ?? 4,
      healthIntervalMs: sim.healthIntervalMs ?? 250,
    },
    scenarios,
    strategies,
    runs,
  };
}
