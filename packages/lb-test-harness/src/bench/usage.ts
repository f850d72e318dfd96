/**
 * Measuring a target while the load generator runs: its CPU time over the measured window (the
 * whole process tree, read from /proc before and after) and its peak resident memory (sampled
 * every 100 ms), giving CPU microseconds per request; and, for a pinned target, how much of its
 * CPU other processes took meanwhile (a sign the machine was not quiet).
 */
import type { LoadResult } from './load-result';
import { cpuBusyTicks, cpuUsPerRequest, processTree, ticksPerSecond, treeRssMiB, treeTicks } from './proc-stat';

/** What a target cost during one measured run. */
export interface Usage {
  /** CPU seconds the target's processes used during the run. */
  readonly cpuSeconds?: number;
  /** CPU microseconds per completed request. */
  readonly cpuUsPerReq?: number;
  /** Highest summed RSS seen during the run, MiB. */
  readonly peakRssMiB?: number;
  /**
   * Share (0–1) of the proxy's CPU that other processes used during the run: its busy time
   * minus the target's own, over the run's length. Near 0 on a quiet machine; when it is not,
   * the figures of that run are disturbed. Measured only when the target is pinned.
   */
  readonly otherLoad?: number;
}

/** The share of a CPU used by others: (busy − own) / elapsed, clamped to 0–1. */
export function otherLoadShare(busyTicks: number, ownTicks: number, elapsedS: number, hz: number): number {
  if (elapsedS <= 0 || hz <= 0) return 0;
  return Math.min(1, Math.max(0, (busyTicks - ownTicks) / hz / elapsedS));
}

/**
 * Runs `load` while measuring the process tree under `root`; `cpu` is the CPU the target is
 * pinned to, if it is, for {@link Usage.otherLoad}.
 */
export async function measureDuring(
  root: number | undefined,
  load: () => Promise<LoadResult>,
  cpu?: number,
  everyMs = 100,
): Promise<{ result: LoadResult; usage: Usage }> {
  if (root === undefined) return { result: await load(), usage: {} };
  const pids = processTree(root);
  const hz = ticksPerSecond();
  const busyBefore = cpu === undefined ? undefined : cpuBusyTicks(cpu);
  const started = performance.now();
  const before = treeTicks(pids);
  let peak: number | undefined;
  let running = true;
  const sampler = (async () => {
    while (running) {
      const rss = treeRssMiB(pids);
      if (rss !== undefined) peak = Math.max(peak ?? 0, rss);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  let result: LoadResult;
  try {
    result = await load();
  } finally {
    running = false;
    await sampler;
  }
  const after = treeTicks(pids);
  const busyAfter = cpu === undefined ? undefined : cpuBusyTicks(cpu);
  const elapsedS = (performance.now() - started) / 1000;
  const ticks = before === undefined || after === undefined ? undefined : after - before;
  const other =
    busyBefore === undefined || busyAfter === undefined || ticks === undefined
      ? undefined
      : otherLoadShare(busyAfter - busyBefore, ticks, elapsedS, hz);
  const usage: Usage = {
    ...(ticks === undefined ? {} : { cpuSeconds: ticks / hz }),
    ...(cpuUsPerRequest(ticks, result.requests, hz) === undefined
      ? {}
      : { cpuUsPerReq: cpuUsPerRequest(ticks, result.requests, hz) }),
    ...(peak === undefined ? {} : { peakRssMiB: peak }),
    ...(other === undefined ? {} : { otherLoad: other }),
  };
  return { result, usage };
}

/** The summed RSS of the tree under `root` now, MiB. */
export function rssNow(root: number | undefined): number | undefined {
  return root === undefined ? undefined : treeRssMiB(processTree(root));
}
