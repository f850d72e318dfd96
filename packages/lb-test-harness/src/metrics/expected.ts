/**
 * What share each server should get, given that the set of servers in rotation changes during
 * a run: each answered request expects the weights in force when it was sent, and a server's
 * expected share is the average of those expectations. A server killed for half the run is
 * expected to have half its usual share, so the deviation measures the strategy, not the kill.
 */
import { entryAt } from '../model/schedule';
import type { RequestRecord, TimelineEntry } from '../model/types';
import type { ShareRow } from '../stats';

/** Weights normalised to shares summing to 1 (empty when every weight is ≤ 0). */
export function normalise(weights: Readonly<Record<string, number>>): Map<string, number> {
  const total = Object.values(weights).reduce((sum, w) => sum + Math.max(w, 0), 0);
  const out = new Map<string, number>();
  if (total === 0) return out;
  for (const [id, w] of Object.entries(weights)) out.set(id, Math.max(w, 0) / total);
  return out;
}

/**
 * Observed against expected share per server over the answered requests. Servers appear in
 * timeline order (then unexpected ones, as they first answered).
 */
export function sharesOverTime(records: readonly RequestRecord[], timeline: readonly TimelineEntry[]): ShareRow[] {
  const answered = records.filter((r) => r.server !== undefined);
  const expected = new Map<string, number>();
  const counts = new Map<string, number>();
  for (const entry of timeline) for (const id of Object.keys(entry.weights)) expected.set(id, 0);
  const cache = new Map<TimelineEntry, Map<string, number>>();
  for (const r of answered) {
    const entry = entryAt(timeline, r.t);
    if (entry !== undefined) {
      let norm = cache.get(entry);
      if (norm === undefined) cache.set(entry, (norm = normalise(entry.weights)));
      for (const [id, share] of norm) expected.set(id, (expected.get(id) ?? 0) + share);
    }
    const id = r.server as string;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const ids = new Set([...expected.keys(), ...counts.keys()]);
  const n = answered.length;
  return [...ids].map((id) => ({
    id,
    count: counts.get(id) ?? 0,
    share: n === 0 ? 0 : (counts.get(id) ?? 0) / n,
    expected: n === 0 ? 0 : (expected.get(id) ?? 0) / n,
  }));
}
