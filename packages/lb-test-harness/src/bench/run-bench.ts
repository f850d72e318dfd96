/**
 * The proxy benchmark: two fixed-size backends, and in front of them Junction and whichever of
 * nginx, HAProxy and Caddy are installed (each on one worker), all driven by the same load
 * generator (wrk when installed, else the built-in undici one) in interleaved rounds — every
 * round visits every target, starting one further along — so drift on the machine spreads
 * over all targets. Junction's resident memory is read at idle, at its peak under load, and at
 * idle again afterwards. Total time is bounded: rounds × targets × (warm-up + duration).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { HarnessError } from '../errors';
import type { Child } from '../procs/child';
import type { EntryPreference } from '../procs/node-entry';
import { runBuiltinLoad } from './builtin-load';
import type { LoadResult } from './load-result';
import { peakRssDuring, readRssMiB } from './memory';
import { junctionRatios, summarise, type Ratio, type RoundSample, type TargetSummary } from './summary';
import { startFixedBackend, startTarget, type RunningTarget, type TargetName } from './targets';
import { findExecutable, missingMessage } from './tools';
import { runWrk } from './wrk';

/** Options of {@link runBench}. */
export interface BenchOptions {
  readonly root: string;
  readonly targets: readonly TargetName[];
  readonly rounds: number;
  readonly durationS: number;
  readonly warmupS: number;
  readonly connections: number;
  readonly generator: 'auto' | 'wrk' | 'builtin';
  readonly prefer?: EntryPreference;
  /** Progress lines. */
  readonly log?: (line: string) => void;
}

/** Junction's resident memory, MiB. */
export interface JunctionMemory {
  readonly idleMiB?: number;
  readonly loadPeakMiB?: number;
  readonly idleAfterMiB?: number;
}

/** Everything a benchmark measured. */
export interface BenchResult {
  readonly format: 'junction-harness-bench/1';
  readonly createdAt: string;
  readonly generator: string;
  readonly settings: Readonly<Record<string, string | number>>;
  readonly targets: readonly { readonly name: TargetName; readonly note: string }[];
  readonly skipped: readonly { readonly target: string; readonly reason: string }[];
  readonly samples: readonly RoundSample[];
  readonly summaries: readonly TargetSummary[];
  readonly ratios: readonly Ratio[];
  readonly junctionMemory?: JunctionMemory;
}

/** The target order of round `r` (0-based): rotated by `r`. */
export function roundOrder<T>(targets: readonly T[], r: number): T[] {
  const k = targets.length === 0 ? 0 : r % targets.length;
  return [...targets.slice(k), ...targets.slice(0, k)];
}

/** Runs the benchmark. */
export async function runBench(o: BenchOptions): Promise<BenchResult> {
  const log = o.log ?? (() => {});
  const skipped: { target: string; reason: string }[] = [];
  const binaries: Partial<Record<TargetName, string>> = {};
  for (const name of o.targets) {
    if (name === 'direct' || name === 'junction') continue;
    const path = findExecutable(name);
    if (path === undefined) skipped.push({ target: name, reason: missingMessage(name) });
    else binaries[name] = path;
  }
  const wrk = o.generator === 'builtin' ? undefined : findExecutable('wrk');
  if (o.generator === 'wrk' && wrk === undefined) throw new HarnessError('HARNESS_MISSING', missingMessage('wrk'));
  const generator = wrk === undefined ? 'built-in (undici, in the harness process)' : `wrk (${wrk}, 1 thread)`;
  if (wrk === undefined && o.generator === 'auto') log(`${missingMessage('wrk')}; using the built-in undici generator`);
  for (const s of skipped) log(s.reason);
  const load = (url: string, seconds: number): Promise<LoadResult> =>
    wrk === undefined ? runBuiltinLoad(url, seconds, o.connections) : runWrk(wrk, url, seconds, o.connections);

  const dir = await mkdtemp(join(tmpdir(), 'lb-bench-'));
  const children: Child[] = [];
  const running: RunningTarget[] = [];
  const samples: RoundSample[] = [];
  let memory: JunctionMemory | undefined;
  try {
    const backends = [await startFixedBackend('b1'), await startFixedBackend('b2')];
    children.push(...backends.map((b) => b.child));
    const ctx = { root: o.root, dir, backends: backends.map((b) => b.port), binaries, prefer: o.prefer };
    for (const name of o.targets) {
      if (skipped.some((s) => s.target === name)) continue;
      try {
        const target = await startTarget(name, ctx);
        running.push(target);
        if (target.child !== undefined) children.push(target.child);
      } catch (err) {
        if (name === 'junction') throw err;
        const reason = `${name} did not start: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
        skipped.push({ target: name, reason });
        log(reason);
      }
    }
    const junction = running.find((t) => t.name === 'junction')?.child;
    if (junction !== undefined) {
      await new Promise((r) => setTimeout(r, 500));
      memory = { idleMiB: await readRssMiB(junction.pid) };
    }
    let peak: number | undefined;
    for (let r = 0; r < o.rounds; r++) {
      for (const target of roundOrder(running, r)) {
        if (o.warmupS > 0) await load(target.url, o.warmupS);
        const measuring = load(target.url, o.durationS);
        const sampling = target.name === 'junction' && junction !== undefined ? peakRssDuring(junction.pid, measuring) : undefined;
        const result = await measuring;
        const p = await sampling;
        if (p !== undefined) peak = Math.max(peak ?? 0, p);
        samples.push({ target: target.name, round: r + 1, result });
        log(`round ${r + 1}/${o.rounds} ${target.name.padEnd(8)} ${Math.round(result.rps).toLocaleString('en-US').padStart(8)} req/s  p50 ${result.p50Ms.toFixed(2)} ms  p99 ${result.p99Ms.toFixed(2)} ms${result.errors > 0 ? `  errors ${result.errors}` : ''}`);
      }
    }
    if (junction !== undefined) {
      await new Promise((r) => setTimeout(r, 1000));
      memory = { ...memory, loadPeakMiB: peak, idleAfterMiB: await readRssMiB(junction.pid) };
    }
  } finally {
    await Promise.all(children.map((c) => c.stop('SIGTERM', 2000)));
    await rm(dir, { recursive: true, force: true });
  }
  const order = running.map((t) => t.name);
  const summaries = summarise(samples, order);
  return {
    format: 'junction-harness-bench/1',
    createdAt: new Date().toISOString(),
    generator,
    settings: {
      rounds: o.rounds,
      durationS: o.durationS,
      warmupS: o.warmupS,
      connections: o.connections,
      backends: '2 × node:http fixed 128-byte response',
      node: process.version,
      cpus: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown'}`,
    },
    targets: running.map((t) => ({ name: t.name, note: t.note })),
    skipped,
    samples,
    summaries,
    ratios: junctionRatios(summaries),
    ...(memory === undefined ? {} : { junctionMemory: memory }),
  };
}
