import { execFileSync } from 'node:child_process';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { obtainGc, type GcFunction } from '../v8-gc';
import { createBufferReclaimer } from './buffer-reclaim';

const MB = 1024 * 1024;

describe('buffer reclaimer', () => {
  it('asks for one young-generation collection per window of streamed bytes, after the current callback', async () => {
    const calls: unknown[] = [];
    const gc: GcFunction = (options) => calls.push(options);
    const reclaimer = createBufferReclaimer(gc, 8 * MB);
    for (let i = 0; i < 7; i++) reclaimer.count(MB);
    await nextTurn();
    expect(calls).toEqual([]);
    reclaimer.count(MB);
    reclaimer.count(20 * MB); // more before the collection ran: still one
    expect(calls).toEqual([]);
    await nextTurn();
    expect(calls).toEqual([{ type: 'minor' }]);
    reclaimer.count(7 * MB); // the window starts again after a collection
    await nextTurn();
    expect(reclaimer.collections()).toBe(1);
    reclaimer.count(MB);
    await nextTurn();
    expect(reclaimer.collections()).toBe(2);
  });

  it('counts for nothing without a collector, and survives one that throws', async () => {
    const none = createBufferReclaimer(undefined, MB);
    none.count(10 * MB);
    await nextTurn();
    expect(none.collections()).toBe(0);
    const refusing = createBufferReclaimer(() => {
      throw new Error('no');
    }, MB);
    refusing.count(2 * MB);
    await nextTurn();
    expect(refusing.collections()).toBe(1);
  });

  it("gets V8's collector without leaving `gc` exposed", () => {
    const hadGc = typeof (globalThis as { gc?: unknown }).gc === 'function';
    const gc = obtainGc();
    expect(typeof gc).toBe('function');
    expect(() => gc?.({ type: 'minor' })).not.toThrow();
    expect(typeof (globalThis as { gc?: unknown }).gc === 'function').toBe(hadGc);
  });

  it('frees 32 MB of dead chunks that V8 alone would keep (in a fresh process, where no other garbage interferes)', () => {
    // 32 MB of 64 KB chunks, each dead once the next is made, as a stream leaves them: under V8's
    // threshold for outside-heap memory, so they stay allocated until something collects them
    const script = `
      import { obtainGc } from ${JSON.stringify(fileURLToPath(new URL('../v8-gc.ts', import.meta.url)))};
      const gc = obtainGc();
      const before = process.memoryUsage().arrayBuffers;
      let last;
      for (let i = 0; i < 512; i++) last = Buffer.alloc(64 * 1024, i);
      const garbage = process.memoryUsage().arrayBuffers - before;
      gc({ type: 'minor' });
      await new Promise((resolve) => setImmediate(resolve));
      console.log(JSON.stringify({ garbage, left: process.memoryUsage().arrayBuffers - before, last: last[0] }));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    const { garbage, left } = JSON.parse(out) as { garbage: number; left: number };
    expect(garbage).toBeGreaterThanOrEqual(30 * MB);
    expect(left).toBeLessThan(4 * MB);
  });
});
