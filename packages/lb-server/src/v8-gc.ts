/**
 * V8's collector for the two places that ask for a collection themselves: the buffer reclaimer
 * (young garbage of streamed bodies, `proxy/buffer-reclaim.ts`) and the compaction after reloads
 * (`runtime/compact-after-reload.ts`). V8 hands out its `gc` function only when `--expose-gc` is
 * set, which a server cannot count on: the flag is switched on just long enough to fetch the
 * function from a new context, then off again. Where even that fails (an embedder without
 * `node:v8` flags), `obtainGc` returns `undefined` and its callers leave V8 to its own schedule.
 * Full collections at idle have a cost of their own, which `keepTickObjectShape` avoids.
 */
import { createHook } from 'node:async_hooks';
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

let keptTick: object | undefined;

/**
 * Keeps one of Node's tick objects alive for the life of the process, so that their shape
 * survives full collections at idle; returns it (undefined where it cannot be had).
 *
 * `process.nextTick` queues each callback in an object literal with computed keys
 * (`{ [async_id_symbol]: …, [trigger_async_id_symbol]: …, callback, args }`; Node 24 adds its
 * async context frame). V8 keeps the hidden class (map) of such an object only while an object
 * has it, and a full collection at idle — the compaction after start-up or a reload, or V8's own
 * memory reducer some 8 s into a quiet spell — finds none alive and frees it. The next tick
 * object then meets feedback naming a map that is gone, which V8 marks megamorphic for good:
 * every `nextTick` from then on defines its properties in V8's runtime
 * (`Runtime_DefineKeyedOwnPropertyInLiteral` and map transitions, seen with `perf`), and the
 * stream and HTTP code around it optimizes less well. A Junction that sat idle before its traffic
 * arrived, as a deployed one does, served that traffic 15–20 % slower for the rest of its life
 * (issue #12, pinned wrk -c50: 43.6–45.1 µs of CPU per request after 3 s idle, 35.0–38.4 when one
 * tick object was alive during the collection; 47.2 after 40 s idle without any compaction of
 * ours). Holding one tick object keeps the map and the feedback valid. It is taken from the
 * async_hooks `init` event of one `nextTick`, with a hook enabled for that call only: no hook
 * stays on.
 */
export function keepTickObjectShape(): object | undefined {
  if (keptTick !== undefined) return keptTick;
  const hook = createHook({
    init(_asyncId, type, _triggerAsyncId, resource) {
      if (type === 'TickObject') keptTick ??= resource;
    },
  });
  hook.enable();
  try {
    process.nextTick(noop);
  } finally {
    hook.disable();
  }
  return keptTick;
}

function noop(): void {}
