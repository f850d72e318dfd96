/**
 * V8's collector for the two places that ask for a collection themselves: the buffer reclaimer
 * (young garbage of streamed bodies, `proxy/buffer-reclaim.ts`) and the compaction after reloads
 * (`runtime/compact-after-reload.ts`). V8 hands out its `gc` function only when `--expose-gc` is
 * set, which a server cannot count on: the flag is switched on just long enough to fetch the
 * function from a new context, then off again. Where even that fails (an embedder without
 * `node:v8` flags), `obtainGc` returns `undefined` and its callers leave V8 to its own schedule.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** V8's `gc` function, with the options Junction uses. */
export type GcFunction = (options?: {
  type?: 'minor' | 'major';
  execution?: 'sync' | 'async';
  flavor?: 'regular' | 'last-resort';
}) => unknown;

/** V8's collector, or undefined when it cannot be had (see module comment). */
export function obtainGc(): GcFunction | undefined {
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') return exposed as GcFunction;
  try {
    setFlagsFromString('--expose-gc');
    try {
      const gc: unknown = runInNewContext('gc');
      return typeof gc === 'function' ? (gc as GcFunction) : undefined;
    } finally {
      setFlagsFromString('--no-expose-gc');
    }
  } catch {
    return undefined;
  }
}
