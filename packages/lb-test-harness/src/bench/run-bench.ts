/**
 * The proxy benchmark, in four parts: throughput (every target, pinned when the machine has
 * two CPUs or more), Junction's workers scaling (unpinned), Junction's memory per route and
 * across reloads, and HTTPS (Junction and nginx terminating TLS, pinned like throughput). Each
 * part is bounded in time and can be left out; the result carries the figures, Junction's ratios
 * to every other target and issue #12's goals.
 */
import { cpus } from 'node:os';
import { cpuPlan, type CpuPlan } from './cpus';
import { evaluateGoals, type Goal } from './goals';
import { runHttps, type HttpsResult } from './https-run';
import { loadSettings, type LoadSettings } from './load-settings';
import { runRouteMemory, type RouteMemoryResult } from './route-memory';
import { junctionRatios, summarise, type Ratio, type RoundSample, type TargetSummary } from './summary';
import type { TargetName } from './targets';
import { runThroughput, type TargetInfo } from './throughput';
import { runWorkersScaling, type WorkersResult } from './workers-run';

export { roundOrder } from './throughput';

/** The benchmark's parts. */
export type BenchPart = 'throughput' | 'workers' | 'memory' | 'https';

/** Every part, in run order. */
export const BENCH_PARTS: readonly BenchPart[] = Object.freeze(['throughput', 'workers', 'memory', 'https']);

/** Options of {@link runBench}. */
export interface BenchOptions extends LoadSettings {
  readonly parts?: readonly BenchPart[];
  readonly targets: readonly TargetName[];
  /** `auto` pins when there are ≥ 2 CPUs; `off` never. */
  readonly pin?: 'auto' | 'off';
  /** Repeats of a throughput round disturbed by other processes (default 0). */
  readonly disturbedRetries?: number;
  /** Seconds each throughput target sits idle after it starts (default 0; see `throughput.ts`). */
  readonly idleS?: number;
  /** Worker counts of the scaling run (default 1, 2). */
  readonly workerCounts?: readonly number[];
  /** Route counts of the memory run (default 10, 1000, 3000). */
  readonly routeCounts?: readonly number[];
  /** Rewrites of the reload check (default 3). */
  readonly rewrites?: number;
  /** Wait after a configuration is live before reading RSS, ms (default 2000). */
  readonly settleMs?: number;
  /** Concurrent `openssl s_time` clients of the HTTPS handshake run (default 8). */
  readonly handshakeClients?: number;
  /** Progress lines. */
  readonly log?: (line: string) => void;
}

/** Junction's resident memory in the throughput run, MiB. */
export interface JunctionMemory {
  readonly idleMiB?: number;
  readonly loadPeakMiB?: number;
  readonly idleAfterMiB?: number;
}

/** Everything a benchmark measured. */
export interface BenchResult {
  readonly format: 'junction-harness-bench/2';
  readonly createdAt: string;
  readonly generator: string;
  readonly cpuPlan: CpuPlan;
  readonly settings: Readonly<Record<string, string | number>>;
  readonly targets: readonly TargetInfo[];
  readonly skipped: readonly { readonly target: string; readonly reason: string }[];
  readonly samples: readonly RoundSample[];
  readonly summaries: readonly TargetSummary[];
  readonly ratios: readonly Ratio[];
  readonly junctionMemory?: JunctionMemory;
  readonly workers?: WorkersResult;
  readonly routeMemory?: RouteMemoryResult;
  /** The HTTPS part: keep-alive requests/s and new handshakes/s, Junction against nginx. */
  readonly https?: HttpsResult;
  readonly goals: readonly Goal[];
}

/** The route count whose file the reload check rewrites: 1000 when measured, else the middle one. */
export function rewriteCount(counts: readonly number[]): number {
  if (counts.includes(1000)) return 1000;
  return counts[Math.floor((counts.length - 1) / 2)] ?? 0;
}

/** Runs the benchmark. */
export async function runBench(o: BenchOptions): Promise<BenchResult> {
  const log = o.log ?? (() => {});
  const parts = new Set(o.parts ?? BENCH_PARTS);
  const plan = cpuPlan(o.pin ?? 'auto');
  log(`CPU placement: ${plan.note}`);
  const throughput =
    parts.has('throughput') && o.targets.length > 0
      ? await runThroughput({
          ...loadSettings(o),
          targets: o.targets,
          plan,
          disturbedRetries: o.disturbedRetries,
          ...(o.idleS === undefined ? {} : { idleS: o.idleS }),
          log,
        })
      : undefined;
  const workers = parts.has('workers')
    ? await runWorkersScaling({ ...loadSettings(o), counts: o.workerCounts ?? [1, 2], log })
    : undefined;
  const routeCounts = o.routeCounts ?? [10, 1000, 3000];
  const routeMemory = parts.has('memory')
    ? await runRouteMemory({
        root: o.root,
        counts: routeCounts,
        rewriteCount: rewriteCount(routeCounts),
        rewrites: o.rewrites ?? 3,
        settleMs: o.settleMs ?? 2000,
        prefer: o.prefer,
        log,
      })
    : undefined;
  const https = parts.has('https')
    ? await runHttps({
        root: o.root,
        rounds: o.rounds,
        durationS: o.durationS,
        warmupS: o.warmupS,
        connections: o.connections,
        handshakeClients: o.handshakeClients ?? 8,
        prefer: o.prefer,
        plan,
        disturbedRetries: o.disturbedRetries,
        log,
      })
    : undefined;
  const samples = throughput?.samples ?? [];
  const summaries = summarise(samples, throughput?.targets.map((t) => t.name) ?? []);
  const junction = throughput?.targets.find((t) => t.name === 'junction');
  const junctionSummary = summaries.find((s) => s.target === 'junction');
  const memory: JunctionMemory | undefined =
    junction === undefined
      ? undefined
      : {
          idleMiB: junction.idleRssMiB,
          loadPeakMiB: junctionSummary?.peakRssMiB,
          idleAfterMiB: throughput?.junctionIdleAfterMiB,
        };
  return {
    format: 'junction-harness-bench/2',
    createdAt: new Date().toISOString(),
    generator: throughput?.generator ?? 'none (no throughput run)',
    cpuPlan: plan,
    settings: {
      parts: [...parts].join(', '),
      rounds: o.rounds,
      durationS: o.durationS,
      warmupS: o.warmupS,
      connections: o.connections,
      disturbedRetries: o.disturbedRetries ?? 0,
      placement: plan.note,
      backends: throughput?.backends ?? workers?.backends ?? '',
      node: process.version,
      cpus: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown'}`,
    },
    targets: throughput?.targets ?? [],
    skipped: throughput?.skipped ?? [],
    samples,
    summaries,
    ratios: junctionRatios(summaries),
    ...(memory === undefined ? {} : { junctionMemory: memory }),
    ...(workers === undefined ? {} : { workers }),
    ...(routeMemory === undefined ? {} : { routeMemory }),
    ...(https === undefined ? {} : { https }),
    goals: evaluateGoals({ summaries, junctionIdleMiB: routeMemory?.idleMiB ?? memory?.idleMiB, routeMemory, workers }),
  };
}
