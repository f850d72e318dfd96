/**
 * A small comparison for report tests: two simulated runs of the kill scenario, one with a
 * change of servers, so every chart has something to draw. Test-only (kept out of src/).
 */
import { findScenario } from '../../src/model/scenarios';
import { findStrategy } from '../../src/model/strategies';
import type { ComparisonResult, ScenarioSpec, StrategySpec } from '../../src/model/types';
import { simulateComparison } from '../../src/sim/simulate';

/** A deterministic comparison: kill + equal × round-robin + sticky, 300 requests each. */
export function smallComparison(): ComparisonResult {
  const result = simulateComparison({
    scenarios: [findScenario('kill') as ScenarioSpec, findScenario('equal') as ScenarioSpec],
    strategies: [findStrategy('round-robin') as StrategySpec, findStrategy('sticky') as StrategySpec],
    requests: 300,
    seed: 3,
  });
  return { ...result, createdAt: '2024-01-02T03:04:05.000Z' };
}
