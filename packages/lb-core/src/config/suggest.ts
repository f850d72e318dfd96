/**
 * "Did you mean …?" for unknown configuration keys, labels and options: the closest known name by
 * case-insensitive edit distance (Damerau: swapping two neighbours, `prot` → `port`, is one edit),
 * when it is close enough to be a typo. The one edit-distance helper of the project: lb-server's
 * option and label suggestions use it with their own tolerances.
 */

/** Edits allowed between a typed `key` and a known `name` (both lower-cased) for a suggestion. */
export type TypoTolerance = (key: string, name: string) => number;

/** Field names: at most 2 edits, and fewer than half the name (`ip` → `id`, not `x` → `id`). */
export const FIELD_TYPO_TOLERANCE: TypoTolerance = (_key, name) =>
  Math.min(2, Math.ceil(Math.max(2, name.length / 2)) - 1);

/** The known name closest to `key` within `tolerance` (case-insensitive), or `undefined`. */
export function closest(
  key: string,
  known: Iterable<string>,
  tolerance: TypoTolerance = FIELD_TYPO_TOLERANCE,
): string | undefined {
  const wanted = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const name of known) {
    const lower = name.toLowerCase();
    const limit = Math.min(bestDistance, tolerance(wanted, lower) + 1);
    const distance = editDistance(wanted, lower, limit);
    if (distance < limit) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment), case-sensitive. Counting
 * stops at `limit`: any distance of `limit` or more is returned as `limit`, which keeps long
 * candidate lists cheap.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        (previous[j] ?? limit) + 1,
        (current[j - 1] ?? limit) + 1,
        (previous[j - 1] ?? limit) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, (before[j - 2] ?? limit) + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin >= limit) return limit;
    before = previous;
    previous = current;
  }
  return Math.min(previous[b.length] ?? limit, limit);
}
