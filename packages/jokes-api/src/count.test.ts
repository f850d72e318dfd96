import { describe, expect, it } from 'vitest';
import { MAX_COUNT, MIN_COUNT, resolveCount } from './count';
import { JokesError } from './errors';

describe('resolveCount', () => {
  it.each([
    { desc: 'lowest random draw', random: 0, expected: 1 },
    { desc: 'middle random draw', random: 0.5, expected: 2 },
    { desc: 'highest random draw', random: 0.999, expected: 3 },
  ])('defaults to 1–3 when absent ($desc)', ({ random, expected }) => {
    expect(resolveCount(undefined, () => random)).toBe(expected);
  });

  it.each([
    { raw: '1', expected: 1 },
    { raw: '7', expected: 7 },
    { raw: '10', expected: 10 },
    { raw: '010', expected: 10 },
  ])('accepts count=$raw', ({ raw, expected }) => {
    expect(resolveCount(raw, () => 0)).toBe(expected);
  });

  it.each([
    { desc: 'zero', raw: '0' },
    { desc: 'above max', raw: '11' },
    { desc: 'negative', raw: '-1' },
    { desc: 'fraction', raw: '2.5' },
    { desc: 'word', raw: 'three' },
    { desc: 'empty', raw: '' },
    { desc: 'huge', raw: '99999999999999999999' },
    { desc: 'repeated parameter', raw: ['1', '2'] },
  ])('rejects $desc with JOKES_BAD_COUNT (400)', ({ raw }) => {
    const attempt = (): number => resolveCount(raw, () => 0);
    expect(attempt).toThrow(JokesError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'JOKES_BAD_COUNT', statusCode: 400 }));
  });

  it('bounds are 1 and 10', () => {
    expect([MIN_COUNT, MAX_COUNT]).toEqual([1, 10]);
  });
});
