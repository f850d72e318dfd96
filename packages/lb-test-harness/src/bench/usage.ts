/**
 * Measuring a target while the load generator runs: its CPU time over the measured window (the
 * whole process tree, read from /proc before and after) and its peak resident memory (sampled
 * every 100 ms), giving CPU microseconds per request.
 */
import type { LoadResult } from './load-result';
import { cpuUsPerRequest, processTree, ticksPerSecond, treeRssMiB, treeTicks } from './proc-stat';

/** What a target cost during one measured run. */
export interface Usage {
  /** CPU seconds the target's processes used during the run. */
  readonly cpuSeconds?: number;
  /** CPU microseconds per completed request. */
  readonly cpuUsPerReq?: number;
  /** Highest summed RSS seen during the run, MiB. */
  readonly peakRssMiB?: number;
}

/** Runs `load` while measuring the process tree under `root`. */
export async function measureDuring(root: number | undefined, load: () => Promise<LoadResult>, everyMs = 100): Promise<{ result: LoadResult; usage: Usage }> {
  if (root === undefined) return { result: await load(), usage: {} };
  const pids = processTree(root);
  const hz = ticksPerSecond();
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
  const ticks = before === undefined || after === undefined ? undefined : after - before;
  const usage: Usage = {
    ...(ticks === undefined ? {} : { cpuSeconds: ticks / hz }),
    ...(cpuUsPerRequest(ticks, result.requests, hz) === undefined ? {} : { cpuUsPerReq: cpuUsPerRequest(ticks, result.requests, hz) }),
    ...(peak === undefined ? {} : { peakRssMiB: peak }),
  };
  return { result, usage };
}

/** The summed RSS of the tree under `root` now, MiB. */
export function rssNow(root: number | undefined): number | undefined {
  return root === undefined ? undefined : treeRssMiB(processTree(root));
}
