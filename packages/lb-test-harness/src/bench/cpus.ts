/**
 * Pinning the benchmark to CPUs as a careful benchmark does: the load generator and the
 * backends on one CPU, the proxy under test alone on another (`taskset -c`), so a proxy's
 * throughput and CPU cost are its own and not shared with wrk. With fewer than two CPUs the run
 * is unpinned and the report says so.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { findExecutable } from './tools';

/** Where things run. `undefined` CPUs mean "wherever the kernel puts them". */
export interface CpuPlan {
  readonly pinned: boolean;
  /** CPU of the load generator, the backends and the harness itself. */
  readonly loadCpu?: number;
  /** CPU of the proxy under test, alone. */
  readonly proxyCpu?: number;
  /** One sentence for the report. */
  readonly note: string;
}

/** Parses a CPU list such as `0-3,5` (taskset, /sys) into CPU numbers; `[]` when malformed. */
export function parseCpuList(text: string): number[] {
  const out = new Set<number>();
  for (const part of text.trim().split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (m === null) return [];
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (hi < lo) return [];
    for (let c = lo; c <= hi; c++) out.add(c);
  }
  return [...out].sort((a, b) => a - b);
}

/** The CPU list in `taskset -pc` output (`pid 12's current affinity list: 0,1`). */
export function parseTasksetList(output: string): number[] {
  const m = /affinity list:\s*(\S+)/.exec(output);
  return m === null ? [] : parseCpuList(m[1] as string);
}

/** Decides the plan from the CPUs this process may use. `mode` `off` never pins. */
export function planCpus(allowed: readonly number[], mode: 'auto' | 'off', taskset: boolean): CpuPlan {
  if (mode === 'off')
    return { pinned: false, note: 'unpinned (--pin off): load generator, backends and proxy share every CPU' };
  if (!taskset) {
    const why = 'taskset is not installed (apt-get install util-linux)';
    return { pinned: false, note: `unpinned: ${why}, so load generator, backends and proxy share the CPUs` };
  }
  if (allowed.length < 2)
    return {
      pinned: false,
      note: `unpinned: only ${allowed.length} CPU available, so load generator, backends and proxy share it`,
    };
  const [loadCpu, proxyCpu] = allowed as [number, number];
  const note =
    `pinned: load generator, backends and harness on CPU ${loadCpu}; ` +
    `the proxy under test alone on CPU ${proxyCpu} (taskset)`;
  return { pinned: true, loadCpu, proxyCpu, note };
}

/** The CPUs this process may run on (sched_getaffinity through taskset; else 0..n-1). */
export function allowedCpus(): number[] {
  const taskset = findExecutable('taskset');
  if (taskset !== undefined) {
    try {
      const list = parseTasksetList(execFileSync(taskset, ['-pc', String(process.pid)], { encoding: 'utf8' }));
      if (list.length > 0) return list;
    } catch {
      // fall through
    }
  }
  return Array.from({ length: availableParallelism() }, (_, i) => i);
}

/** The plan for this machine. */
export function cpuPlan(mode: 'auto' | 'off'): CpuPlan {
  return planCpus(allowedCpus(), mode, findExecutable('taskset') !== undefined);
}

/**
 * `command args…` run on `cpu` — one CPU, or a list such as `0,1` — through `taskset -c`, which
 * execs, so the pid stays the program's. `undefined` runs it as is (inheriting the affinity).
 */
export function onCpu(
  cpu: number | string | undefined,
  command: string,
  args: readonly string[],
): { command: string; args: string[] } {
  const taskset = cpu === undefined ? undefined : findExecutable('taskset');
  if (taskset === undefined || cpu === undefined) return { command, args: [...args] };
  return { command: taskset, args: ['-c', String(cpu), command, ...args] };
}

/** Sets the CPU affinity of every thread of `pid`; returns the previous list to restore. */
export function pinProcess(pid: number, cpus: readonly number[]): number[] | undefined {
  const taskset = findExecutable('taskset');
  if (taskset === undefined || cpus.length === 0) return undefined;
  const before = parseTasksetList(execFileSync(taskset, ['-pc', String(pid)], { encoding: 'utf8' }));
  execFileSync(taskset, ['-a', '-pc', cpus.join(','), String(pid)], { stdio: 'ignore' });
  return before;
}
