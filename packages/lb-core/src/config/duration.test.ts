import { describe, expect, it } from 'vitest';
import { isLbError } from '../errors';
import { formatDuration, parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    { input: '10s', ms: 10_000 },
    { input: '100ms', ms: 100 },
    { input: '1m30s', ms: 90_000 },
    { input: '1h', ms: 3_600_000 },
    { input: '1.5h', ms: 5_400_000 },
    { input: '-1.5h', ms: -5_400_000 },
    { input: '+5s', ms: 5_000 },
    { input: '2h45m0.5s', ms: 9_900_500 },
    { input: '1.1s', ms: 1_100 },
    { input: '.5s', ms: 500 },
    { input: '5.s', ms: 5_000 },
    { input: '1us', ms: 0.001 },
    { input: '1µs', ms: 0.001 },
    { input: '1μs', ms: 0.001 },
    { input: '1500ns', ms: 0.0015 },
    { input: '10', ms: 10_000 },
    { input: '0', ms: 0 },
    { input: '-0', ms: 0 },
    { input: '1.5', ms: 1_500 },
    { input: 10, ms: 10_000 },
    { input: 0, ms: 0 },
    { input: 0.25, ms: 250 },
  ])('reads $input as $ms ms', ({ input, ms }) => {
    expect(parseDuration(input)).toBe(ms);
  });

  it.each([
    { input: '', reason: 'empty duration' },
    { input: 's', reason: 'expected seconds or a duration' },
    { input: '10 s', reason: 'expected seconds or a duration' },
    { input: '1h 30m', reason: 'expected seconds or a duration' },
    { input: ' 10s', reason: 'expected seconds or a duration' },
    { input: '10x', reason: 'expected seconds or a duration' },
    { input: '1mss', reason: 'expected seconds or a duration' },
    { input: '1..5s', reason: 'expected seconds or a duration' },
    { input: '.s', reason: 'expected seconds or a duration' },
    { input: '1e3s', reason: 'expected seconds or a duration' },
    { input: '10S', reason: 'expected seconds or a duration' },
    { input: '-', reason: 'expected seconds or a duration' },
    { input: '3000000h', reason: 'out of range' },
    { input: Number.NaN, reason: 'not a finite number' },
    { input: Number.POSITIVE_INFINITY, reason: 'not a finite number' },
  ])('rejects $input ($reason) with a coded error, without throwing', ({ input, reason }) => {
    const result = parseDuration(input);
    expect(isLbError(result)).toBe(true);
    if (typeof result === 'number') return;
    expect(result.code).toBe('LB_CONFIG_INVALID');
    expect(result.message).toContain(reason);
    expect(result.details).toEqual({ value: String(input) });
  });
});

describe('formatDuration', () => {
  it.each([
    { ms: 0, text: '0s' },
    { ms: 0.000002, text: '2ns' },
    { ms: 0.25, text: '250µs' },
    { ms: 0.0015, text: '1.5µs' },
    { ms: 40, text: '40ms' },
    { ms: 333.3333333, text: '333.333333ms' },
    { ms: 1500, text: '1.5s' },
    { ms: 60_000, text: '1m0s' },
    { ms: 90_000, text: '1m30s' },
    { ms: 3_600_000, text: '1h0m0s' },
    { ms: 9_900_500, text: '2h45m0.5s' },
    { ms: -1500, text: '-1.5s' },
  ])('writes $ms ms as Go does: $text', ({ ms, text }) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each([0.001, 0.25, 40, 1100, 59_999.999, 90_000, 9_900_500, -5_400_000])('%d ms survives a round trip', (ms) => {
    expect(parseDuration(formatDuration(ms))).toBe(ms);
  });
});
