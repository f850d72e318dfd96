/**
 * When to replace a worker that died: at once if it had run a while, else after a delay that
 * doubles with each quick death (0.5 s, 1 s, 2 s … 30 s), so a worker that crashes as it starts
 * does not make the primary spin. Pure: the clock is injected.
 */

/** A worker that ran at least this long before dying is replaced at once. */
export const STABLE_AFTER_MS = 10_000;
/** First delay after a quick death, and the ceiling of the doubling. */
export const FIRST_DELAY_MS = 500;
export const MAX_DELAY_MS = 30_000;

/** Restart timing per worker index (see module comment). */
export interface RestartPolicy {
  /** A worker at `index` was started now. */
  started(index: number): void;
  /** It died now: how long to wait before starting its replacement. */
  delayAfterExit(index: number): number;
}

/** Creates a {@link RestartPolicy}. */
export function createRestartPolicy(now: () => number = Date.now): RestartPolicy {
  const startedAt = new Map<number, number>();
  const quickDeaths = new Map<number, number>();
  return {
    started: (index) => void startedAt.set(index, now()),
    delayAfterExit: (index) => {
      const lived = now() - (startedAt.get(index) ?? now());
      if (lived >= STABLE_AFTER_MS) {
        quickDeaths.set(index, 0);
        return 0;
      }
      const deaths = (quickDeaths.get(index) ?? 0) + 1;
      quickDeaths.set(index, deaths);
      return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (deaths - 1));
    },
  };
}
