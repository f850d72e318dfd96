/**
 * @junction/lb-test-harness: strategy comparisons and proxy benchmarks for Junction.
 *
 * - Simulation: lb-core's balancers driven in virtual time under scenarios (equal, weighted,
 *   slow, kill, scale-up, sessions), deterministic with a seed.
 * - Real traffic: Junction and jokes-api processes on loopback, per scenario × strategy.
 * - Benchmark: Junction against the backend directly, a raw undici dispatch reference,
 *   @fastify/http-proxy, nginx, HAProxy and Caddy (pinned), its workers scaling and memory per route.
 * Both comparisons produce a {@link ComparisonResult} that the report renderers turn into a
 * terminal table, markdown, JSON and a self-contained HTML page with SVG charts.
 */

// Statistics and metrics
export { countBy, longestRun, maxDeviation, percentile, shares } from './stats';
export type { ShareRow } from './stats';
export { computeMetrics, latencySummary, sessionStats } from './metrics/run-metrics';
export { sharesOverTime, normalise } from './metrics/expected';
export { rebalanceTimes, DEFAULT_REBALANCE_TOLERANCE, DEFAULT_WINDOW_PER_SERVER } from './metrics/rebalance';
export type { RebalanceOptions } from './metrics/rebalance';

// Model: scenarios, strategies, scheduling
export type {
  ComparisonResult,
  LatencySummary,
  RebalanceRow,
  RequestRecord,
  RunMetrics,
  RunResult,
  ScenarioEvent,
  ScenarioId,
  ScenarioSpec,
  ServerPlan,
  StrategyId,
  StrategySpec,
  TimelineEntry,
} from './model/types';
export { SCENARIOS, findScenario, withFaults, withServerCount, TRAFFIC_ONLY_SCENARIOS } from './model/scenarios';
export type { FaultOverrides } from './model/scenarios';
export { STRATEGIES, DEFAULT_STRATEGY_IDS, AS_CONFIGURED, findStrategy } from './model/strategies';
export { progressOf, dueEvents, buildTimeline } from './model/schedule';

// Simulation
export { simulateRun } from './sim/engine';
export type { SimOptions } from './sim/engine';
export { simulateComparison } from './sim/simulate';
export type { SimulateComparisonOptions } from './sim/simulate';
export { seededRandom } from './sim/random';

// Real traffic
export { runRealComparison } from './compare/run-real';
export type { RealCompareOptions } from './compare/run-real';
export { runTargetComparison } from './compare/run-target';
export type { TargetCompareOptions } from './compare/run-target';
export { dynamicYaml } from './compare/dynamic-yaml';
export type { DynamicConfigInput } from './compare/dynamic-yaml';
export { startJunction } from './procs/junction';
export type { Junction, JunctionOptions } from './procs/junction';

// Benchmark
export { runBench, BENCH_PARTS } from './bench/run-bench';
export type { BenchOptions, BenchPart, BenchResult } from './bench/run-bench';
export { evaluateGoals } from './bench/goals';
export type { Goal } from './bench/goals';
export { renderBenchHtml } from './report/bench-html';

// Reports and command line
export { renderHtml } from './report/html';
export { renderMarkdown } from './report/markdown';
export { toJsonReport } from './report/json';
export { summaryRows, textTable, markdownTable, SUMMARY_HEADER } from './report/tables';
export { createProgram } from './cli/program';
export type { Actions, BenchCliOptions, CompareOptions, SimulateOptions } from './cli/options';
export { HarnessError, HARNESS_ERROR_CODES } from './errors';
export type { HarnessErrorCode } from './errors';
