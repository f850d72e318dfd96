/**
 * Gives memory back after reloads. Parsing and building a large configuration allocates far more
 * than it keeps (a 1,000-route YAML file: some 100 MB of short-lived objects for ~8 MB kept), and
 * V8 keeps what it grew for that — a young generation of up to 2 × 64 MB on Node 24, old-space
 * pages — until its memory reducer runs, which a proxy at rest may never trigger: RSS then stays
 * at the peak of the last reload (1,000 routes: ~175 MB instead of ~100).
 *
 * Once reloads have been quiet for `delayMs` (one burst of reloads, one collection), after the
 * first configuration (startup grew the heap too) and then whenever the heap has grown by at least
 * `minGrowthBytes` since the last compaction, one compacting collection (V8's "last resort" full
 * GC, which also shrinks the young generation) returns that memory to the system. It pauses the
 * event loop (≈ 50 ms for 10 routes, ≈ 150 ms for 1,000, ≈ 300 ms for 3,000 on a busy 2-core
 * machine; parsing that configuration blocked it longer), once per burst of reloads; the log line
 * says how long and how much. A proxy busy serving is not paused: the event loop must have been
 * less than half used both since the reload and in a short look just before (`probeMs`), or the
 * collection waits for a quieter moment, and V8's own memory reducer, which traffic wakes up,
 * gives memory back after the load. The second look is for traffic that starts right after a
 * start or reload (a rolling restart behind another balancer): averaged with the idle second
 * before it, it looked quiet, and the pause fell on its first requests. (A process collected
 * this way also ran some 18 % slower afterwards: that was any full collection at idle freeing the
 * shape of Node's tick objects, which `keepTickObjectShape` in `v8-gc.ts` now prevents.) Without
 * a usable `gc` (see {@link obtainGc}) it does nothing.
 *
 * The first compaction, after start-up, also drops the bytecode of every function that did not
 * run since the previous full collection (`withBytecodeFlushing`): what ran once to parse the
 * options and the configuration and to build the server (and a first API validator), ≈ 2 MB of
 * heap that V8 would keep until it sat out six full collections, which an idle proxy may never
 * run. Later compactions leave compiled code as it is: traffic may have warmed it.
 */
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { obtainGc, withBytecodeFlushing } from '../v8-gc';
import type { RuntimeStore } from './runtime-store';

/** V8's `gc` extension, with the options this module uses. */
export type CompactingGc = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => unknown;

/** What the heap has reserved (`physical`) and what it uses, in bytes. */
export interface HeapFigures {
  readonly physical: number;
  readonly used: number;
}

/** Options of {@link compactAfterReload}; every one has a default. */
export interface CompactAfterReloadOptions {
  /** Quiet time after the last reload, ms. Default 1,000. */
  readonly delayMs?: number;
  /** Growth of the reserved heap below which nothing is done, bytes. Default 16 MB. */
  readonly minGrowthBytes?: number;
  /** Default: {@link obtainGc}. */
  readonly gc?: CompactingGc | undefined;
  /** Default: `v8.getHeapStatistics()` (`total_physical_size`, `used_heap_size`). */
  readonly heap?: () => HeapFigures;
  readonly logger?: { info(obj: object, msg: string): void };
  /** Whether the process is too busy to pause now; default: event loop utilization above 0.5 since the last look. */
  readonly busy?: () => boolean;
  /** The short second look before collecting, ms. Default 250 (at most `delayMs`). */
  readonly probeMs?: number;
  /** Runs the first collection so it also drops idle bytecode; default: {@link withBytecodeFlushing}. */
  readonly flushBytecode?: (collect: () => unknown) => unknown;
}

/** True when the event loop was more than half busy since the previous call. */
function loopBusy(): () => boolean {
  let last: EventLoopUtilization = performance.eventLoopUtilization();
  return () => {
    const now = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(now, last).utilization > 0.5;
    last = now;
    return busy;
  };
}

function heapFigures(): HeapFigures {
  const stats = getHeapStatistics();
  return { physical: stats.total_physical_size, used: stats.used_heap_size };
}

/** Starts compacting after the reloads of `store` (see module comment); returns the stop function. */
export function compactAfterReload(store: RuntimeStore, options: CompactAfterReloadOptions = {}): () => void {
  const found = 'gc' in options ? options.gc : obtainGc();
  if (found === undefined) return () => {};
  const gc: CompactingGc = found;
  const delayMs = options.delayMs ?? 1_000;
  const minGrowth = options.minGrowthBytes ?? 16 * 1024 * 1024;
  const heap = options.heap ?? heapFigures;
  const busy = options.busy ?? loopBusy();
  const flush = options.flushBytecode ?? withBytecodeFlushing;
  const probeMs = options.probeMs ?? Math.min(250, delayMs);
  let timer: NodeJS.Timeout | undefined;
  /** The reserved heap right after the last compaction. */
  let baseline: number | undefined;

  const schedule = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    busy();
    timer = setTimeout(probe, delayMs);
    timer.unref();
  };
  /** Quiet since the reload: look once more over the last `probeMs` (see module comment). */
  function probe(): void {
    timer = undefined;
    if (busy()) {
      schedule();
      return;
    }
    timer = setTimeout(compact, probeMs);
    timer.unref();
  }
  function compact(): void {
    timer = undefined;
    if (busy()) {
      schedule();
      return;
    }
    const before = heap();
    if (baseline !== undefined && before.physical - baseline < minGrowth) return;
    const started = performance.now();
    const collect = (): unknown => gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
    // The first one (after start-up) also drops the bytecode of what ran only to start; later
    // ones leave warm code alone.
    if (baseline === undefined) flush(collect);
    else collect();
    const after = heap();
    baseline = after.physical;
    options.logger?.info(
      {
        pauseMs: Math.round(performance.now() - started),
        heapBeforeMB: Math.round(before.physical / 1_048_576),
        heapAfterMB: Math.round(after.physical / 1_048_576),
      },
      'memory given back after reload',
    );
  }
  const unsubscribe = store.subscribe(schedule);
  return () => {
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
}
