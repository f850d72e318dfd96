/**
 * Soak test probe, preloaded into the Junction child with `--import` (after tsx). Over the IPC
 * channel the parent sends `'probe'`; the probe runs a full GC when `--expose-gc` was given (for
 * `'probe after release'` a memory-reducing one), then answers the process's active resources
 * counted by type (`process.getActiveResourcesInfo()`: sockets, servers, timers, …),
 * `process.memoryUsage()` with the committed size of each V8 heap space, and the timers still
 * pending — `getActiveResourcesInfo` leaves out unref'd ones, so the probe wraps `setTimeout` and
 * `setInterval` (global and `node:timers`, before Junction's modules load) and counts the timers
 * they made that have neither fired nor been cleared, unref'd ones included.
 */
import { syncBuiltinESMExports } from 'node:module';
import timers from 'node:timers';
import { getHeapSpaceStatistics } from 'node:v8';

/**
 * The collector, kept for the probe; with `SOAK_NO_RECLAIM=1` Junction is handed a no-op in its
 * place, so its buffer reclaimer (src/proxy/buffer-reclaim.ts) forces no young-generation GCs.
 */
const collect = (globalThis as { gc?: () => void }).gc;
if (process.env.SOAK_NO_RECLAIM === '1' && collect !== undefined)
  (globalThis as { gc?: () => void }).gc = () => undefined;

const made = new Set<WeakRef<NodeJS.Timeout>>();

type TimerFactory = (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => NodeJS.Timeout;
const timersModule = timers as unknown as Record<'setTimeout' | 'setInterval', TimerFactory>;
const globals = globalThis as unknown as Record<'setTimeout' | 'setInterval', TimerFactory>;
for (const name of ['setTimeout', 'setInterval'] as const) {
  const original = timersModule[name];
  const wrapped: TimerFactory = (callback, ms, ...args) => {
    const timer = original(callback, ms, ...args);
    made.add(new WeakRef(timer));
    return timer;
  };
  Object.assign(wrapped, original); // keeps util.promisify.custom and the like
  timersModule[name] = wrapped;
  globals[name] = wrapped;
}
syncBuiltinESMExports();

/** Pending timers made through the wrappers, by ref'd or not; forgets the finished ones. */
function pendingTimers(): { refed: number; unrefed: number } {
  let refed = 0;
  let unrefed = 0;
  for (const ref of made) {
    const timer = ref.deref() as (NodeJS.Timeout & { _destroyed?: boolean }) | undefined;
    if (timer === undefined || timer._destroyed === true) {
      made.delete(ref);
      continue;
    }
    if (timer.hasRef()) refed++;
    else unrefed++;
  }
  return { refed, unrefed };
}

type Collect = (options?: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

process.on('message', (message: unknown) => {
  if (message !== 'probe' && message !== 'probe after release') return;
  // 'probe after release': a memory-reducing GC, which also returns the pages V8 keeps pooled for
  // reuse (counted in RSS, not in its heap statistics) to the system.
  if (message === 'probe after release')
    (collect as Collect | undefined)?.({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  else collect?.();
  // Let timers that a GC or the last request left for this tick settle before counting.
  setImmediate(() => {
    const resources: Record<string, number> = {};
    for (const type of process.getActiveResourcesInfo()) resources[type] = (resources[type] ?? 0) + 1;
    const pending = pendingTimers();
    resources['timers pending (ref)'] = pending.refed;
    resources['timers pending (unref)'] = pending.unrefed;
    const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
    // Where committed V8 memory sits: the young generation grows under sustained allocation.
    const spaces = Object.fromEntries(getHeapSpaceStatistics().map((space) => [space.space_name, space.space_size]));
    process.send?.({ probe: { resources, memory: { rss, heapUsed, heapTotal, external, arrayBuffers, spaces } } });
  });
});
