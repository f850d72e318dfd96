/**
 * "Did you mean …?" for label keys: the known key closest to a misspelt one by case-insensitive
 * edit distance (Damerau: a swap of two neighbours counts as one), when the distance is small for the key's length (a third of it, at most 4).
 * Label keys are long and dotted, so this allows more edits than lb-core's field-name variant.
 */

/** The known key closest to `key`, or `undefined` when none is close enough to be a typo. */
export function closestKey(key: string, known: Iterable<string>): string | undefined {
  const wanted = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.min(4, Math.max(1, Math.floor(wanted.length / 3))) + 1;
  for (const candidate of known) {
    const distance = editDistance(wanted, candidate.toLowerCase(), bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Edit distance with adjacent transpositions (`prot` → `port` is one edit), capped at `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? limit) + 1, (current[j - 1] ?? limit) + 1, (previous[j - 1] ?? limit) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (before[j - 2] ?? limit) + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin >= limit) return limit;
    before = previous;
    previous = current;
  }
  return Math.min(previous[b.length] ?? limit, limit);
}
