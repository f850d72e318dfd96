/**
 * What the commands do: resolve scenarios and strategies, run, print the table, and write the
 * report folder. Output goes to stdout (tables, report paths) and stderr (progress, notes).
 */
import { resolve } from 'node:path';
import { runBench } from '../bench/run-bench';
import { renderBenchHtml } from '../report/bench-html';
import { benchMarkdown, benchText } from '../bench/bench-report';
import { runRealComparison } from '../compare/run-real';
import { runTargetComparison } from '../compare/run-target';
import { NO_PROGRESS, terminalProgress } from '../compare/progress';
import { HarnessError } from '../errors';
import { findScenario, SCENARIOS, TRAFFIC_ONLY_SCENARIOS, withFaults, withServerCount } from '../model/scenarios';
import { findStrategy } from '../model/strategies';
import type { ComparisonResult, ScenarioId, ScenarioSpec, StrategyId, StrategySpec } from '../model/types';
import { findRepoRoot } from '../procs/node-entry';
import { renderHtml } from '../report/html';
import { toJsonReport } from '../report/json';
import { renderMarkdown } from '../report/markdown';
import { SUMMARY_HEADER, summaryRows, textTable } from '../report/tables';
import { writeReport } from '../report/write';
import { simulateComparison } from '../sim/simulate';
import type { Actions, BenchCliOptions, CompareOptions, SimulateOptions } from './options';

const out = (line: string): void => void process.stdout.write(`${line}\n`);
const note = (line: string): void => void process.stderr.write(`${line}\n`);

function scenarios(ids: readonly ScenarioId[]): ScenarioSpec[] {
  return ids.map((id) => findScenario(id) as ScenarioSpec);
}

function strategies(ids: readonly StrategyId[]): StrategySpec[] {
  return ids.map((id) => findStrategy(id) as StrategySpec);
}

async function report(
  result: ComparisonResult,
  options: { out: string; report: boolean },
  kind: string,
): Promise<void> {
  out(textTable(SUMMARY_HEADER, summaryRows(result)));
  if (!options.report) return;
  const written = await writeReport(resolve(options.out), kind, new Date(), {
    html: renderHtml(result),
    md: renderMarkdown(result),
    json: toJsonReport(result),
  });
  out(`\nReport: ${written.paths.join('\n        ')}`);
}

/** Runs `lb-harness simulate`. */
export async function simulateAction(o: SimulateOptions): Promise<void> {
  const result = simulateComparison({
    scenarios: scenarios(o.scenarios),
    strategies: strategies(o.strategies),
    requests: o.requests,
    rps: o.rps,
    clients: o.clients,
    seed: o.seed,
  });
  await report(result, o, 'simulate');
}

/** Runs `lb-harness compare`. */
export async function compareAction(o: CompareOptions): Promise<void> {
  const progress = o.progress ? terminalProgress() : NO_PROGRESS;
  let result: ComparisonResult;
  if (o.target !== undefined) {
    const ids = o.scenarios ?? [...TRAFFIC_ONLY_SCENARIOS];
    const refused = ids.filter((id) => !TRAFFIC_ONLY_SCENARIOS.includes(id));
    if (refused.length > 0) {
      const allowed = TRAFFIC_ONLY_SCENARIOS.join(', ');
      throw new HarnessError(
        'HARNESS_BAD_OPTION',
        `with --target only ${allowed} can run (the harness does not own the backends): drop ${refused.join(', ')}`,
      );
    }
    note(`Driving ${o.target} as configured (strategies are not switched with --target).`);
    result = await runTargetComparison({
      target: o.target,
      path: o.path,
      host: o.host,
      scenarios: scenarios(ids),
      maxRequests: o.requests,
      maxSeconds: o.seconds,
      clients: o.clients,
      rate: o.rate,
      distinctIps: o.distinctIps,
      progress,
    });
  } else {
    const chosen = scenarios(o.scenarios ?? SCENARIOS.map((s) => s.id))
      .map((s) => (o.servers === undefined ? s : withServerCount(s, o.servers)))
      .map((s) => withFaults(s, { delayMs: o.delay, failRate: o.failRate }));
    const runs = chosen.length * o.strategies.length;
    const minutes = Math.ceil((runs * o.seconds) / 60);
    const budget = `at most ${o.requests} requests and ${o.seconds} s`;
    note(`${runs} runs, each ${budget} (≤ ${minutes} min of load, plus process start-up).`);
    result = await runRealComparison({
      root: findRepoRoot(),
      scenarios: chosen,
      strategies: strategies(o.strategies),
      maxRequests: o.requests,
      maxSeconds: o.seconds,
      clients: o.clients,
      rate: o.rate,
      warmup: o.warmup,
      distinctIps: o.distinctIps,
      prefer: o.junction,
      health: { intervalMs: o.healthInterval, cooldownMs: Math.max(1000, o.healthInterval * 4) },
      progress,
    });
  }
  if (result.runs.every((r) => r.metrics.requests === r.metrics.failed)) {
    await report(result, o, 'compare');
    throw new HarnessError('HARNESS_NO_TRAFFIC', 'every request failed; see the table above');
  }
  await report(result, o, 'compare');
}

/** Runs `lb-harness bench`. */
export async function benchAction(o: BenchCliOptions): Promise<void> {
  const perTarget = o.rounds * (o.duration + o.warmup);
  const idle = o.parts.includes('throughput') ? o.rounds * o.idle * o.targets.length : 0;
  const load =
    (o.parts.includes('throughput') ? o.targets.length : 0) +
    (o.parts.includes('workers') ? o.workers.length : 0) +
    (o.parts.includes('https') ? 4 : 0);
  const rounds = `${o.rounds} round(s) × (${o.warmup} s warm-up + ${o.duration} s) per target`;
  const retries =
    o.retryDisturbed > 0 ? ` (up to ${o.retryDisturbed + 1} × that if other processes disturb pinned rounds)` : '';
  const memory = o.parts.includes('memory') ? `, plus ${o.routes.length + 1} Junction starts for memory` : '';
  note(
    `Benchmark: ${o.parts.join(', ')}; ${rounds} ≈ ${Math.ceil(perTarget * load)} s of load${retries}${memory}${idle > 0 ? `, ${idle} s idle` : ''}.`,
  );
  const result = await runBench({
    root: findRepoRoot(),
    parts: o.parts,
    targets: o.targets,
    rounds: o.rounds,
    durationS: o.duration,
    warmupS: o.warmup,
    idleS: o.idle,
    connections: o.connections,
    generator: o.generator,
    prefer: o.junction,
    pin: o.pin,
    disturbedRetries: o.retryDisturbed,
    workerCounts: o.workers,
    routeCounts: o.routes,
    rewrites: o.rewrites,
    settleMs: o.settle,
    handshakeClients: o.handshakeClients,
    log: note,
  });
  out(benchText(result));
  const all = [
    ...result.samples,
    ...(result.https?.keepAlive?.samples ?? []),
    ...(result.https?.handshakes?.samples ?? []),
  ];
  if (all.length > 0 && all.every((s) => s.result.requests === 0))
    throw new HarnessError('HARNESS_NO_TRAFFIC', 'no request completed in any run');
  if (!o.report) return;
  const written = await writeReport(resolve(o.out), 'bench', new Date(), {
    html: renderBenchHtml(result),
    md: benchMarkdown(result),
    json: result,
  });
  out(`\nReport: ${written.paths.join('\n        ')}`);
}

/** The real actions. */
export const ACTIONS: Actions = { simulate: simulateAction, compare: compareAction, bench: benchAction };
