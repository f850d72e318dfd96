/**
 * Parsing of the `?count=` query parameter of `GET /`: how many jokes to return.
 */
import { JokesError } from './errors';
import type { RandomSource } from './jokes';

/** Smallest and largest accepted `count`. */
export const MIN_COUNT = 1;
export const MAX_COUNT = 10;

/**
 * Resolves `?count=`: absent means a random 1–3 (so repeated calls look lively); otherwise it
 * must be one decimal integer in [MIN_COUNT, MAX_COUNT]. Anything else (repeated, signed,
 * fractional, out of range) throws `JOKES_BAD_COUNT` (400).
 */
export function resolveCount(raw: unknown, random: RandomSource): number {
  if (raw === undefined) return 1 + Math.floor(random() * 3);
  const value = typeof raw === 'string' && /^\d{1,3}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= MIN_COUNT && value <= MAX_COUNT)) {
    throw new JokesError('JOKES_BAD_COUNT', `count must be an integer from ${MIN_COUNT} to ${MAX_COUNT}`, 400);
  }
  return value;
}
