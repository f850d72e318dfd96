/**
 * A leading- and trailing-edge throttle for an async task (traefik `pdocker.go` throttles its
 * listings the same way): the first trigger runs the task at once; triggers while it runs, or
 * within `intervalMs` of its start, collapse into one more run at the end of the interval. Runs
 * never overlap, and a trigger is never lost: the last one always leads to a run that starts
 * after it.
 */

/** A throttled task. */
export interface Throttled {
  /** Asks for a run; returns at once. */
  trigger(): void;
  /** Runs now unless a run is in progress (then the next run follows it at once); resolves when done. */
  flush(): Promise<void>;
  /** Cancels a scheduled run; a run in progress finishes. */
  cancel(): void;
}

/** Timer functions, injectable for tests. */
export interface ThrottleTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

const realTimers: ThrottleTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  now: () => performance.now(),
};

/** Throttles `task` (see module comment). Errors of `task` go to `onError`. */
export function throttle(
  task: () => Promise<void>,
  intervalMs: number,
  onError: (error: unknown) => void,
  timers: ThrottleTimers = realTimers,
): Throttled {
  let running: Promise<void> | undefined;
  let pending = false;
  let timer: unknown;
  let lastStart = Number.NEGATIVE_INFINITY;
  let cancelled = false;

  const run = (): Promise<void> => {
    timer = undefined;
    pending = false;
    lastStart = timers.now();
    running = (async () => {
      try {
        await task();
      } catch (error) {
        onError(error);
      }
    })().finally(() => {
      running = undefined;
      if (pending && !cancelled) schedule();
    });
    return running;
  };

  const schedule = (): void => {
    if (timer !== undefined || running !== undefined) return;
    const wait = Math.max(0, lastStart + intervalMs - timers.now());
    if (wait === 0) void run();
    else timer = timers.setTimeout(() => void run(), wait);
  };

  return {
    trigger() {
      cancelled = false;
      pending = true;
      schedule();
    },
    async flush() {
      cancelled = false;
      while (running !== undefined) {
        pending = false;
        await running;
      }
      if (timer !== undefined) timers.clearTimeout(timer);
      await run();
    },
    cancel() {
      cancelled = true;
      pending = false;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
    },
  };
}
