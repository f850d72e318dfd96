/**
 * `v8-gc.ts`: the collector is V8's, and `withBytecodeFlushing` really makes V8 drop the bytecode
 * of functions that sat out a full collection, then gives the process its own flushing age back;
 * `keepTickObjectShape` holds a real tick object, whose shape later ones still share after an idle
 * compaction (V8's `%HaveSameMap`).
 * Run in a fresh Node (V8's flags are process-wide), reading V8's own code statistics
 * (`bytecode_and_metadata_size`).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bytecodeOldAge } from './v8-gc';

/** Runs `body` (an ES module with `gcModule` imported from v8-gc.ts) in a fresh Node; its JSON output. */
function inFreshNode<T>(body: string, nodeFlags: readonly string[] = []): T {
  const module = JSON.stringify(fileURLToPath(new URL('./v8-gc.ts', import.meta.url)));
  const script = `const gcModule = await import(${module});\n${body}`;
  const out = execFileSync(process.execPath, [...nodeFlags, '--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return JSON.parse(out.trim()) as T;
}

/** Compiles and runs `n` distinct functions once each (fresh bytecode), kept alive, in the child. */
const RUN_FUNCTIONS = `const alive = [];
const runOnce = (tag, n) => { let sum = 0; for (let i = 0; i < n; i++) { const f = new Function('a', 'let s = a; for (let j = 0; j < 3; j++) s += j * ' + i + '; return s + ' + JSON.stringify(tag) + '.length;'); alive.push(f); sum += f(i); } return sum; };
const { getHeapCodeStatistics } = await import('node:v8');
const bytecode = () => getHeapCodeStatistics().bytecode_and_metadata_size;`;

describe('V8 collector helpers', () => {
  it('read the flushing age from the Node flags, then NODE_OPTIONS, else V8’s default', () => {
    expect(bytecodeOldAge([], undefined)).toBe(6);
    expect(bytecodeOldAge(['--bytecode-old-age=3'], undefined)).toBe(3);
    expect(bytecodeOldAge([], '--max-old-space-size=100 --bytecode_old_age=4')).toBe(4);
    expect(bytecodeOldAge(['--bytecode-old-age=2'], '--bytecode-old-age=9')).toBe(2);
  });

  it('flush the bytecode of idle functions inside withBytecodeFlushing only', () => {
    // V8 flushes in memory-reducing collections (the "last resort" one the compaction runs).
    const facts = inFreshNode<{ kept: number; flushed: number; keptAgain: number }>(
      `${RUN_FUNCTIONS}
const gc = gcModule.obtainGc();
const compact = () => gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
runOnce('a', 2000);
compact();
const kept = bytecode();
gcModule.withBytecodeFlushing(compact);
const flushed = bytecode();
runOnce('b', 2000);
compact();
const keptAgain = bytecode();
console.log(JSON.stringify({ kept, flushed, keptAgain }));`,
    );
    // 2,000 functions hold well over 200 KB of bytecode and metadata.
    expect(facts.kept - facts.flushed).toBeGreaterThan(200_000);
    // Afterwards V8 keeps idle bytecode through a compaction again (its age is back at 6).
    expect(facts.keptAgain - facts.flushed).toBeGreaterThan(200_000);
  });

  it('keep one of Node’s tick objects, the shape tick objects still have after an idle compaction', () => {
    const facts = inFreshNode<{ tick: boolean; symbols: string[]; same: boolean; sameMap: boolean; hookSeen: number }>(
      `const { createHook } = await import('node:async_hooks');
const kept = gcModule.keepTickObjectShape();
const same = gcModule.keepTickObjectShape() === kept;
// V8's own comparison of hidden classes, compiled at run time (tsx never sees the % syntax).
const sameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)');
let ticks = 0;
for (let i = 0; i < 50000; i++) process.nextTick((n) => { ticks += n; }, 1);
await new Promise((resolve) => setTimeout(resolve, 50));
gcModule.obtainGc()({ type: 'major', execution: 'sync', flavor: 'last-resort' });
let fresh; let hookSeen = 0;
const hook = createHook({ init(id, type, trigger, resource) { if (type === 'TickObject') { hookSeen += 1; fresh = resource; } } });
hook.enable();
process.nextTick(() => {});
hook.disable();
console.log(JSON.stringify({ tick: typeof kept?.callback === 'function' && ticks === 50000, symbols: Object.getOwnPropertySymbols(kept).map((s) => s.description), same, sameMap: sameMap(kept, fresh), hookSeen }));`,
      ['--allow-natives-syntax'],
    );
    expect(facts.tick).toBe(true);
    expect(facts.symbols).toEqual(expect.arrayContaining(['async_id_symbol', 'trigger_async_id_symbol']));
    expect(facts.same).toBe(true);
    expect(facts.hookSeen).toBe(1);
    expect(facts.sameMap).toBe(true);
  });
});
