/**
 * The throughput run: two fixed-size backends, and in front of them every requested target
 * (each proxy on one worker), driven by the same load generator in interleaved rounds — every
 * round visits every target, starting one further along — so drift on the machine spreads over
 * all targets. When the CPU plan pins, wrk and the backends share one CPU and the proxy under
 * test has another to itself.
 *
 * Each round starts every target afresh and stops it after its run (only one proxy is up at a
 * time), as JMH forks a new JVM per fork: how fast one process of a JIT-compiled program runs
 * depends on that process (code placement, hash seeds, what the compiler inlined), and that
 * stays for its life. On this machine one reference process ran 25.3k req/s in each of four
 * 5-second runs while five others ran 27.1k–29.0k, and four Junction processes averaged
 * 25.4k–26.7k: with one process per target the rounds shared its luck, and two runs of the
 * same tree gave Junction 0.81 × and 0.85 × the reference. A fresh process per round makes the
 * median over rounds a median over processes.
 *
 * Each target sits idle for `idleS` once started (the CLI's default: 2 s), as a deployed proxy
 * waits for its traffic: a Junction loaded the moment it listened never ran its compaction after
 * start-up before the load, and so never showed that a full collection at idle had slowed all of
 * its later traffic by 15–20 % (`keepTickObjectShape` in lb-server's `v8-gc.ts`).
 *
 * A target's idle RSS is read before its first load (at the end of that wait, at least 0.5 s
 * after start); during each measured run its CPU time and peak RSS (process tree) are read from
 * /proc; a run that other processes disturbed may be repeated. Total time is bounded: rounds ×
 * targets × (start + idle + warm-up + duration) × (1 + disturbedRetries).
 */
import type { Child } from '../procs/child';
import { pinProcess, type CpuPlan } from './cpus';
import { chooseGenerator, type Generator as LoadGenerator } from './generator';
import type { LoadSettings } from './load-settings';
import type { RoundSample } from './summary';
import { startFixedBackends } from './fixed-backends';
import { EXTERNAL_TARGETS, startTarget, type RunningTarget, type TargetName } from './targets';
import { findExecutable, missingMessage } from './tools';
import { measureDuring, rssNow } from './usage';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Options of {@link runThroughput}. */
export interface ThroughputOptions extends LoadSettings {
  readonly targets: readonly TargetName[];
  readonly plan: CpuPlan;
  /** Junction's `--workers` (omitted: not passed). */
  readonly workers?: number;
  /**
   * How many times a round is repeated when other processes took more than {@link DISTURBED}
   * of the pinned proxy's CPU; the least disturbed attempt is kept (default 0).
   */
  readonly disturbedRetries?: number;
  /**
   * Seconds each target sits idle after it starts, before its warm-up (default 0): a deployed
   * proxy waits for its traffic, and what a process does meanwhile (Junction's compaction after
   * start-up, V8's collections) may change how fast it serves afterwards.
   */
  readonly idleS?: number;
  readonly log: (line: string) => void;
}

/** A started target, for the report. */
export interface TargetInfo {
  readonly name: TargetName;
  readonly note: string;
  /** RSS before any load, MiB (process tree). */
  readonly idleRssMiB?: number;
}

/** What a throughput run measured. */
export interface ThroughputResult {
  readonly generator: string;
  /** How the backends run (nginx, or Node servers without it). */
  readonly backends: string;
  readonly targets: readonly TargetInfo[];
  readonly skipped: readonly { readonly target: string; readonly reason: string }[];
  readonly samples: readonly RoundSample[];
  /** Junction's RSS three seconds after the last run, MiB. */
  readonly junctionIdleAfterMiB?: number;
}

/** The target order of round `r` (0-based): rotated by `r`. */
export function roundOrder<T>(targets: readonly T[], r: number): T[] {
  const k = targets.length === 0 ? 0 : r % targets.length;
  return [...targets.slice(k), ...targets.slice(0, k)];
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Share of the proxy's CPU others may take before a round is repeated (with `disturbedRetries`). */
export const DISTURBED = 0.1;

/** Of two samples of a round, the one other processes disturbed least (the first on a tie). */
export function quieter(a: RoundSample | undefined, b: RoundSample): RoundSample {
  if (a === undefined) return b;
  return (b.usage?.otherLoad ?? 0) < (a.usage?.otherLoad ?? 0) ? b : a;
}

/**
 * One measured run of `target` in round `r` (0-based): warm-up, then the load with the target's
 * CPU time and peak RSS read from /proc, repeated (up to `disturbedRetries` times) when other
 * processes took more than {@link DISTURBED} of its CPU; the least disturbed attempt is kept.
 */
async function measureRound(
  o: ThroughputOptions,
  generator: LoadGenerator,
  target: RunningTarget,
  r: number,
): Promise<RoundSample> {
  const pinnedCpu = target.name === 'direct' ? undefined : o.plan.proxyCpu;
  let best: RoundSample | undefined;
  for (let attempt = 0; attempt <= (o.disturbedRetries ?? 0); attempt++) {
    if (o.warmupS > 0) await generator.run(target.url, o.warmupS);
    const { result, usage } = await measureDuring(
      target.measuredPid,
      () => generator.run(target.url, o.durationS),
      pinnedCpu,
    );
    const cpu =
      (usage.cpuUsPerReq === undefined ? '' : `  CPU ${usage.cpuUsPerReq.toFixed(1)} µs/req`) +
      (usage.otherLoad === undefined ? '' : `  others on its CPU ${Math.round(usage.otherLoad * 100)}%`);
    const round = `round ${r + 1}/${o.rounds}${attempt > 0 ? ` (again, ${attempt})` : ''}`;
    const rate = `${Math.round(result.rps).toLocaleString('en-US').padStart(8)} req/s`;
    const latency = `p50 ${result.p50Ms.toFixed(2)} ms  p99 ${result.p99Ms.toFixed(2)} ms`;
    const errors = result.errors > 0 ? `  errors ${result.errors}` : '';
    o.log(`${round} ${target.name.padEnd(18)} ${rate}  ${latency}${cpu}${errors}`);
    const pid = target.measuredPid;
    best = quieter(best, { target: target.name, round: r + 1, ...(pid === undefined ? {} : { pid }), result, usage });
    if ((usage.otherLoad ?? 0) <= DISTURBED) break;
  }
  return best as RoundSample;
}

/** Runs the throughput rounds. */
export async function runThroughput(o: ThroughputOptions): Promise<ThroughputResult> {
  const skipped: { target: string; reason: string }[] = [];
  const binaries: Partial<Record<TargetName, string>> = {};
  for (const name of o.targets.filter((t) => EXTERNAL_TARGETS.includes(t))) {
    const path = findExecutable(name);
    if (path === undefined) skipped.push({ target: name, reason: missingMessage(name) });
    else binaries[name] = path;
  }
  for (const s of skipped) o.log(s.reason);
  // The harness samples /proc during the runs: keep it off the proxy's CPU too.
  const harnessCpus = o.plan.loadCpu === undefined ? undefined : pinProcess(process.pid, [o.plan.loadCpu]);
  const generator = chooseGenerator(o.generator, o.connections, o.plan.loadCpu, o.log);
  const dir = await mkdtemp(join(tmpdir(), 'lb-bench-'));
  const children: Child[] = [];
  const targets: TargetInfo[] = [];
  const samples: RoundSample[] = [];
  let idleAfter: number | undefined;
  let backendsDescription = '';
  try {
    const backends = await startFixedBackends(['b1', 'b2'], o.plan.loadCpu, dir, findExecutable('nginx'));
    backendsDescription = backends.description;
    children.push(...backends.children);
    const ctx = {
      root: o.root,
      dir,
      backends: backends.ports,
      backendPids: backends.pids,
      binaries,
      prefer: o.prefer,
      proxyCpu: o.plan.proxyCpu,
      workers: o.workers,
    };
    const names = o.targets.filter((t) => !skipped.some((s) => s.target === t));
    const infos = new Map<TargetName, TargetInfo>();
    for (let r = 0; r < o.rounds; r++) {
      for (const name of roundOrder(names, r)) {
        if (skipped.some((s) => s.target === name)) continue; // it did not start in an earlier round
        let target: RunningTarget;
        try {
          target = await startTarget(name, ctx);
        } catch (err) {
          if (name === 'junction') throw err;
          const reason = `${name} did not start: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
          // Never started: skipped (and not tried again); started before: this round has no sample of it.
          if (infos.has(name)) o.log(`round ${r + 1}/${o.rounds}: ${reason}`);
          else {
            skipped.push({ target: name, reason });
            o.log(reason);
          }
          continue;
        }
        try {
          const idleMs = (o.idleS ?? 0) * 1000;
          if (!infos.has(name)) {
            await pause(Math.max(500, idleMs));
            const idle = rssNow(target.measuredPid);
            infos.set(name, { name, note: target.note, ...(idle === undefined ? {} : { idleRssMiB: idle }) });
          } else if (idleMs > 0) await pause(idleMs);
          samples.push(await measureRound(o, generator, target, r));
          if (name === 'junction' && r === o.rounds - 1) {
            // What Junction still holds a little after its load (V8's memory reducer gives more back later).
            await pause(3000);
            idleAfter = rssNow(target.measuredPid);
          }
        } finally {
          await target.child?.stop('SIGTERM', 2000);
        }
      }
    }
    targets.push(...names.filter((n) => infos.has(n)).map((n) => infos.get(n) as TargetInfo));
  } finally {
    generator.release();
    if (harnessCpus !== undefined && harnessCpus.length > 0) pinProcess(process.pid, harnessCpus);
    await Promise.all(children.map((c) => c.stop('SIGTERM', 2000)));
    await rm(dir, { recursive: true, force: true });
  }
  return {
    generator: generator.description,
    backends: backendsDescription,
    targets,
    skipped,
    samples,
    ...(idleAfter === undefined ? {} : { junctionIdleAfterMiB: idleAfter }),
  };
}
