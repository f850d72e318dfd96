/**
 * The workers scaling run: Junction with `--workers 1` and `--workers 2` behind the same two
 * backends, interleaved rounds, CPU and RSS of the whole process tree (primary + workers). It
 * runs unpinned — the load generator and the backends share the CPUs with the workers — because
 * pinning two workers to two CPUs would leave the generator none; the report says so. When
 * lb-server has no `--workers` option (detected from `lb-server --help`), the run reports
 * "not supported" instead.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Child } from '../procs/child';
import { entryArgs, JUNCTION_ENTRY, type EntryPreference } from '../procs/node-entry';
import { allowedCpus } from './cpus';
import { chooseGenerator } from './generator';
import type { LoadSettings } from './load-settings';
import { summarise, type RoundSample, type TargetSummary } from './summary';
import { startFixedBackends } from './fixed-backends';
import { startTarget, type RunningTarget } from './targets';
import { findExecutable } from './tools';
import { roundOrder } from './throughput';
import { measureDuring } from './usage';

/** Options of {@link runWorkersScaling}. */
export interface WorkersOptions extends LoadSettings {
  readonly counts: readonly number[];
  readonly log: (line: string) => void;
}

/** What the scaling run measured. */
export interface WorkersResult {
  readonly supported: boolean;
  /** Why it did not run, when it did not. */
  readonly reason?: string;
  /** How it ran (placement, backends, generator). */
  readonly note: string;
  /** How the backends ran, when it ran. */
  readonly backends?: string;
  readonly samples: readonly RoundSample[];
  /** One summary per worker count, named `workers=N`. */
  readonly summaries: readonly TargetSummary[];
  /** Throughput of the largest count / the smallest (medians). */
  readonly scaling?: number;
}

/** Whether `lb-server --help` text lists a `--workers` option. */
export function helpHasWorkers(help: string): boolean {
  return /^\s*--workers\b/im.test(help);
}

/** Throughput ratio of the last summary to the first (e.g. 2 workers / 1 worker). */
export function scalingRatio(summaries: readonly TargetSummary[]): number | undefined {
  const first = summaries[0];
  const last = summaries[summaries.length - 1];
  if (first === undefined || last === undefined || first === last) return undefined;
  return last.rps.median / first.rps.median;
}

/** Runs `lb-server --help` and says whether it knows `--workers` (and why not, if not). */
export async function workersSupport(
  root: string,
  prefer: EntryPreference = 'auto',
): Promise<{ supported: boolean; reason?: string }> {
  const entry = entryArgs(root, JUNCTION_ENTRY, prefer);
  if (entry === undefined) return { supported: false, reason: 'lb-server is neither built nor present as sources' };
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [...entry.args, '--help'], {
      cwd: root,
      timeout: 30_000,
    });
    return helpHasWorkers(stdout)
      ? { supported: true }
      : {
          supported: false,
          reason: `not supported: lb-server (${entry.from}) has no --workers option (lb-server --help)`,
        };
  } catch (err) {
    return {
      supported: false,
      reason: `lb-server --help failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
    };
  }
}

/** Runs the scaling rounds, or reports why it cannot. */
export async function runWorkersScaling(o: WorkersOptions): Promise<WorkersResult> {
  const cpus = allowedCpus();
  const shared = `${cpus.length} CPU${cpus.length === 1 ? '' : 's'} (${cpus.join(',')})`;
  const note =
    `unpinned: the load generator, both backends and the Junction workers share ${shared}, ` +
    'so the load generator takes CPU from the workers';
  const support = await workersSupport(o.root, o.prefer);
  if (!support.supported) {
    o.log(`workers scaling: ${support.reason ?? 'not supported'}`);
    return { supported: false, reason: support.reason, note, samples: [], summaries: [] };
  }
  const all = cpus.join(',');
  const generator = chooseGenerator(o.generator, o.connections, all, o.log);
  const dir = await mkdtemp(join(tmpdir(), 'lb-bench-workers-'));
  const children: Child[] = [];
  const samples: RoundSample[] = [];
  let backendsDescription = '';
  try {
    const backends = await startFixedBackends(['w1', 'w2'], all, dir, findExecutable('nginx'));
    backendsDescription = backends.description;
    children.push(...backends.children);
    const running: { label: string; target: RunningTarget }[] = [];
    for (const n of o.counts) {
      const target = await startTarget('junction', {
        root: o.root,
        dir,
        backends: backends.ports,
        binaries: {},
        prefer: o.prefer,
        proxyCpu: all,
        workers: n,
      });
      if (target.child !== undefined) children.push(target.child);
      running.push({ label: `workers=${n}`, target });
    }
    await new Promise((r) => setTimeout(r, 500));
    for (let r = 0; r < o.rounds; r++) {
      for (const { label, target } of roundOrder(running, r)) {
        if (o.warmupS > 0) await generator.run(target.url, o.warmupS);
        const { result, usage } = await measureDuring(target.measuredPid, () => generator.run(target.url, o.durationS));
        samples.push({ target: label, round: r + 1, result, usage });
        const rate = `${Math.round(result.rps).toLocaleString('en-US').padStart(8)} req/s`;
        const errors = result.errors > 0 ? `  errors ${result.errors}` : '';
        const p99 = `p99 ${result.p99Ms.toFixed(2)} ms`;
        o.log(`workers round ${r + 1}/${o.rounds} ${label.padEnd(10)} ${rate}  ${p99}${errors}`);
      }
    }
  } finally {
    generator.release();
    await Promise.all(children.map((c) => c.stop('SIGTERM', 5000)));
    await rm(dir, { recursive: true, force: true });
  }
  const summaries = summarise(
    samples,
    o.counts.map((n) => `workers=${n}`),
  );
  const scaling = scalingRatio(summaries);
  return {
    supported: true,
    note: `${note}; backends ${backendsDescription}; generator ${generator.description}`,
    backends: backendsDescription,
    samples,
    summaries,
    ...(scaling === undefined ? {} : { scaling }),
  };
}
