import { describe, expect, it } from 'vitest';
import { countBy, longestRun, maxDeviation, percentile, shares } from './stats';

describe('countBy', () => {
  it('counts picks per server in first-seen order', () => {
    expect([...countBy(['b', 'a', 'b', 'c', 'b'])]).toEqual([
      ['b', 3],
      ['a', 1],
      ['c', 1],
    ]);
  });
});

describe('shares and maxDeviation', () => {
  const weights = new Map([
    ['a', 5],
    ['b', 1],
    ['c', 1],
  ]);
  it('reports observed against weighted expectation', () => {
    const rows = shares(['a', 'a', 'b', 'a', 'c', 'a', 'a'], weights);
    expect(rows).toEqual([
      { id: 'a', count: 5, share: 5 / 7, expected: 5 / 7 },
      { id: 'b', count: 1, share: 1 / 7, expected: 1 / 7 },
      { id: 'c', count: 1, share: 1 / 7, expected: 1 / 7 },
    ]);
    expect(maxDeviation(rows)).toBeCloseTo(0, 10);
  });
  it('includes idle servers and unexpected ones', () => {
    const rows = shares(
      ['a', 'a', 'x', 'x'],
      new Map([
        ['a', 1],
        ['b', 1],
      ]),
    );
    expect(rows.map((r) => [r.id, r.count, r.share, r.expected])).toEqual([
      ['a', 2, 0.5, 0.5],
      ['b', 0, 0, 0.5],
      ['x', 2, 0.5, 0],
    ]);
    expect(maxDeviation(rows)).toBeCloseTo(50, 10);
  });
  it('handles no picks and zero weights', () => {
    expect(shares([], new Map([['a', 0]]))).toEqual([{ id: 'a', count: 0, share: 0, expected: 0 }]);
  });
});

describe('longestRun', () => {
  it.each([
    { picks: [], expected: { id: undefined, length: 0 } },
    { picks: ['a'], expected: { id: 'a', length: 1 } },
    { picks: ['a', 'b', 'b', 'b', 'a', 'a'], expected: { id: 'b', length: 3 } },
    { picks: ['a', 'a', 'b', 'b'], expected: { id: 'a', length: 2 } },
  ])('$picks → $expected.length', ({ picks, expected }) => {
    expect(longestRun(picks)).toEqual(expected);
  });
});

describe('percentile (nearest rank)', () => {
  const samples = [15, 20, 35, 40, 50];
  it.each([
    { p: 0, expected: 15 },
    { p: 30, expected: 20 },
    { p: 40, expected: 20 },
    { p: 50, expected: 35 },
    { p: 100, expected: 50 },
  ])('p$p = $expected', ({ p, expected }) => {
    expect(percentile(samples, p)).toBe(expected);
  });
  it('is NaN without samples and does not reorder its input', () => {
    expect(percentile([], 50)).toBeNaN();
    const input = [3, 1, 2];
    percentile(input, 50);
    expect(input).toEqual([3, 1, 2]);
  });
});
