/**
 * "Did you mean …?" for label keys: lb-core's `closest` (case-insensitive, a swap of two
 * neighbours counts as one edit) with a tolerance for long dotted keys — a third of the key's
 * length, at most 4 edits — more than lb-core's default for short field names.
 */
import { closest, type TypoTolerance } from '@junction/lb-core';

const LABEL_TYPO_TOLERANCE: TypoTolerance = (key) => Math.min(4, Math.max(1, Math.floor(key.length / 3)));

/** The known key closest to `key`, or `undefined` when none is close enough to be a typo. */
export function closestKey(key: string, known: Iterable<string>): string | undefined {
  return closest(key, known, LABEL_TYPO_TOLERANCE);
}
