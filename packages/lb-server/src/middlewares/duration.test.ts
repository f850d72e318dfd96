import { describe, expect, it } from 'vitest';
import { parseDurationMs } from './duration';

describe('parseDurationMs', () => {
  it.each([
    { desc: 'a number is seconds', input: 2, expected: 2000 },
    { desc: 'a numeric string is seconds', input: '10', expected: 10_000 },
    { desc: 'seconds', input: '1s', expected: 1000 },
    { desc: 'milliseconds', input: '250ms', expected: 250 },
    { desc: 'compound', input: '1m30s', expected: 90_000 },
    { desc: 'fractional hours', input: '1.5h', expected: 5_400_000 },
    { desc: 'microseconds', input: '500us', expected: 0.5 },
    { desc: 'zero', input: '0', expected: 0 },
    { desc: 'negative', input: '-2s', expected: -2000 },
  ])('$desc: $input → $expected', ({ input, expected }) => {
    expect(parseDurationMs(input)).toBeCloseTo(expected, 9);
  });

  it.each([
    { desc: 'unknown unit', input: '5d' },
    { desc: 'missing unit after a number', input: '1s5' },
    { desc: 'words', input: 'soon' },
    { desc: 'empty', input: '' },
    { desc: 'not a scalar', input: { s: 1 } },
    { desc: 'infinity', input: Number.POSITIVE_INFINITY },
  ])('$desc is not a duration', ({ input }) => {
    expect(parseDurationMs(input)).toBeUndefined();
  });
});
