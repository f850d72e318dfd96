import { describe, expect, it } from 'vitest';
import { throttle, type ThrottleTimers } from './throttle';

/** Manual timers: `advance(ms)` fires what is due. */
function manualTimers() {
  let now = 0;
  const due: { at: number; fn: () => void }[] = [];
  const timers: ThrottleTimers = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const entry = { at: now + ms, fn };
      due.push(entry);
      return entry;
    },
    clearTimeout: (handle) => {
      const i = due.indexOf(handle as (typeof due)[number]);
      if (i >= 0) due.splice(i, 1);
    },
  };
  const advance = async (ms: number) => {
    now += ms;
    for (const entry of due.filter((e) => e.at <= now)) {
      due.splice(due.indexOf(entry), 1);
      entry.fn();
    }
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { timers, advance };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('leading- and trailing-edge throttle', () => {
  it('runs at once, then once more at the end of the interval for any number of triggers', async () => {
    const { timers, advance } = manualTimers();
    let runs = 0;
    const t = throttle(
      async () => void runs++,
      100,
      () => {},
      timers,
    );
    t.trigger();
    await tick();
    expect(runs).toBe(1);
    for (let i = 0; i < 10; i++) t.trigger();
    await tick();
    expect(runs).toBe(1);
    await advance(100);
    expect(runs).toBe(2);
    await advance(1_000);
    expect(runs).toBe(2);
  });

  it('never overlaps runs; a trigger during a run leads to one more run after it', async () => {
    const { timers, advance } = manualTimers();
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    let release: () => void = () => {};
    const t = throttle(
      async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        runs++;
        await new Promise<void>((resolve) => (release = resolve));
        active--;
      },
      10,
      () => {},
      timers,
    );
    t.trigger();
    await tick();
    t.trigger();
    await advance(50);
    expect(runs).toBe(1);
    release();
    await advance(50);
    expect(runs).toBe(2);
    release();
    await tick();
    expect(maxActive).toBe(1);
  });

  it('flush runs now (after a run in progress); cancel drops the scheduled run; errors go to onError', async () => {
    const { timers, advance } = manualTimers();
    const errors: unknown[] = [];
    let runs = 0;
    const t = throttle(
      async () => {
        runs++;
        if (runs === 2) throw new Error('boom');
      },
      100,
      (e) => errors.push(e),
      timers,
    );
    await t.flush();
    await t.flush();
    expect(runs).toBe(2);
    expect(errors).toHaveLength(1);
    t.trigger();
    t.cancel();
    await advance(500);
    expect(runs).toBe(2);
  });
});
