import { describe, expect, it } from 'vitest';
import { createPassiveHealth, type PassiveHealthOptions, type SetTimer } from './passive';

/** A fake clock with timers that fire only when time is advanced. */
function fakeTime(): { now: () => number; setTimer: SetTimer; advance: (ms: number) => void; pending: () => number } {
  let t = 0;
  const timers = new Set<{ at: number; fn: () => void }>();
  return {
    now: () => t,
    setTimer: (fn, delay) => {
      const timer = { at: t + delay, fn };
      timers.add(timer);
      return () => timers.delete(timer);
    },
    advance(ms) {
      t += ms;
      for (const timer of [...timers].sort((a, b) => a.at - b.at)) {
        if (timer.at <= t && timers.delete(timer)) timer.fn();
      }
    },
    pending: () => timers.size,
  };
}

function setup(options: Partial<PassiveHealthOptions> = {}) {
  const time = fakeTime();
  const calls: [string, boolean][] = [];
  const changes: [string, boolean, string][] = [];
  const passive = createPassiveHealth({
    failures: 3,
    windowMs: 10_000,
    cooldownMs: 5_000,
    target: { setHealthy: (id, up) => calls.push([id, up]) },
    onChange: (id, up, reason) => changes.push([id, up, reason]),
    now: time.now,
    setTimer: time.setTimer,
    ...options,
  });
  return { time, calls, changes, passive };
}

describe('createPassiveHealth', () => {
  it.each([
    { desc: 'three failures close together trip', gaps: [0, 1000, 1000], tripped: true },
    { desc: 'failures spread wider than the window do not', gaps: [0, 6000, 6000], tripped: false },
    { desc: 'two failures are below the threshold', gaps: [0, 1], tripped: false },
    { desc: 'the oldest failure leaves the window exactly at windowMs', gaps: [0, 0, 10_000], tripped: false },
  ])('$desc', ({ gaps, tripped }) => {
    const { time, calls, passive } = setup();
    for (const gap of gaps) {
      time.advance(gap);
      passive.recordFailure('a', 'ECONNREFUSED');
    }
    expect(calls).toEqual(tripped ? [['a', false]] : []);
    expect(passive.status()[0]?.up).toBe(!tripped);
  });

  it('does not take out a server the caller says is the last in rotation, and does once another is back', () => {
    let others = false;
    const { calls, passive } = setup({ mayEject: () => others });
    for (let i = 0; i < 5; i++) passive.recordFailure('a', 'ECONNREFUSED');
    expect(calls).toEqual([]);
    expect(passive.status()[0]?.up).toBe(true);
    others = true;
    passive.recordFailure('a', 'ECONNREFUSED');
    expect(calls).toEqual([['a', false]]);
  });

  it('puts a tripped server back after the cool-down, half-open', () => {
    const { time, calls, changes, passive } = setup();
    for (let i = 0; i < 3; i += 1) passive.recordFailure('a', `timeout ${i}`);
    expect(passive.status()).toEqual([
      { id: 'a', up: false, halfOpen: false, recentFailures: 0, lastError: 'timeout 2', downUntil: 5000 },
    ]);
    time.advance(4999);
    expect(calls).toEqual([['a', false]]);
    time.advance(1);
    expect(calls).toEqual([
      ['a', false],
      ['a', true],
    ]);
    expect(changes).toEqual([
      ['a', false, 'timeout 2'],
      ['a', true, 'cool-down over'],
    ]);
    expect(passive.status()[0]).toMatchObject({ up: true, halfOpen: true });
  });

  it('takes a half-open server out again on its next failure', () => {
    const { time, calls, passive } = setup();
    for (let i = 0; i < 3; i += 1) passive.recordFailure('a', 'x');
    time.advance(5000);
    passive.recordFailure('a', 'again');
    expect(calls).toEqual([
      ['a', false],
      ['a', true],
      ['a', false],
    ]);
    expect(passive.status()[0]).toMatchObject({ up: false, lastError: 'again', downUntil: 10_000 });
  });

  it('closes the circuit on a success after the cool-down: one failure is then not enough', () => {
    const { time, calls, passive } = setup();
    for (let i = 0; i < 3; i += 1) passive.recordFailure('a', 'x');
    time.advance(5000);
    passive.recordSuccess('a');
    passive.recordFailure('a', 'once');
    expect(calls).toEqual([
      ['a', false],
      ['a', true],
    ]);
    expect(passive.status()[0]).toMatchObject({ up: true, halfOpen: false, recentFailures: 1 });
  });

  it('ignores failures reported while the server is out', () => {
    const { time, calls, passive } = setup();
    for (let i = 0; i < 6; i += 1) passive.recordFailure('a', 'x');
    time.advance(5000);
    expect(calls).toEqual([
      ['a', false],
      ['a', true],
    ]);
  });

  it('keeps servers apart', () => {
    const { calls, passive } = setup();
    passive.recordFailure('a', 'x');
    passive.recordFailure('b', 'x');
    passive.recordFailure('a', 'x');
    passive.recordFailure('b', 'x');
    expect(calls).toEqual([]);
    passive.recordFailure('a', 'x');
    expect(calls).toEqual([['a', false]]);
  });

  it.each([
    { failOnServerError: false, status: 503, tripped: false },
    { failOnServerError: true, status: 503, tripped: true },
    { failOnServerError: true, status: 404, tripped: false },
  ])('recordResponse $status with failOnServerError=$failOnServerError', ({ failOnServerError, status, tripped }) => {
    const { calls, passive } = setup({ failOnServerError, failures: 2 });
    passive.recordResponse('a', status);
    passive.recordResponse('a', status);
    expect(calls).toEqual(tripped ? [['a', false]] : []);
    if (tripped) expect(passive.status()[0]?.lastError).toBe(`status ${status}`);
  });

  it('forget and close cancel cool-downs and stop reporting', () => {
    const { time, calls, passive } = setup({ failures: 1 });
    passive.recordFailure('a', 'x');
    passive.recordFailure('b', 'x');
    expect(time.pending()).toBe(2);
    passive.forget('a');
    expect(time.pending()).toBe(1);
    expect(passive.status().map((s) => s.id)).toEqual(['b']);
    passive.close();
    expect(time.pending()).toBe(0);
    passive.recordFailure('c', 'x');
    time.advance(60_000);
    expect(calls).toEqual([
      ['a', false],
      ['b', false],
    ]);
  });

  it.each([{ failures: 0 }, { windowMs: -1 }, { cooldownMs: Number.NaN }])('rejects %o', (bad) => {
    expect(() => setup(bad)).toThrow(RangeError);
  });
});
