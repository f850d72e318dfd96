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

/** V8's `--bytecode-old-age` default: full collections a function may sit out before its bytecode goes. */
const DEFAULT_BYTECODE_OLD_AGE = 6;

/** The `--bytecode-old-age` this process was started with (its Node flags, then `NODE_OPTIONS`), else V8's default. */
export function bytecodeOldAge(
  argv: readonly string[] = process.execArgv,
  nodeOptions = process.env.NODE_OPTIONS,
): number {
  let age = DEFAULT_BYTECODE_OLD_AGE;
  for (const arg of [...(nodeOptions?.split(/\s+/) ?? []), ...argv]) {
    const found = /^--bytecode[-_]old[-_]age=(\d+)$/.exec(arg);
    if (found !== null) age = Number(found[1]);
  }
  return age;
}

/**
 * Runs `collect` (a memory-reducing full collection: V8 flushes bytecode only in those) with V8
 * dropping the bytecode of every function that has not run since the previous full collection
 * (`--bytecode-old-age=1`), then restores the age the process runs with. V8 otherwise keeps a
 * function's bytecode until it sat out six full collections, which a proxy at rest may never
 * reach: the code that ran once to start, parse the configuration or build the first validator
 * stays compiled. Used by the compaction after start-up (`runtime/compact-after-reload.ts`); a
 * function flushed is compiled again if it ever runs. Where V8's flags cannot be set, `collect`
 * runs as it is.
 */
export function withBytecodeFlushing<T>(collect: () => T, restoreAge = bytecodeOldAge()): T {
  let set = false;
  try {
    setFlagsFromString('--bytecode-old-age=1');
    set = true;
  } catch {
    // flags frozen: collect as usual
  }
  try {
    return collect();
  } finally {
    if (set) setFlagsFromString(`--bytecode-old-age=${restoreAge}`);
  }
}
