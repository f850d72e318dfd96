import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue';
import { seededRandom } from './random';

describe('seededRandom', () => {
  it('is reproducible per seed and stays in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom(43)()).not.toBe(xs[0]);
  });
});

describe('EventQueue', () => {
  it('pops by time, ties in insertion order', () => {
    const q = new EventQueue<string>();
    for (const [t, v] of [
      [5, 'e'],
      [1, 'a'],
      [3, 'c1'],
      [3, 'c2'],
      [2, 'b'],
      [3, 'c3'],
    ] as const)
      q.push(t, v);
    expect(q.peekTime()).toBe(1);
    const out: string[] = [];
    for (let item = q.pop(); item !== undefined; item = q.pop()) out.push(item.value);
    expect(out).toEqual(['a', 'b', 'c1', 'c2', 'c3', 'e']);
    expect(q.size).toBe(0);
    expect(q.pop()).toBeUndefined();
  });
});
