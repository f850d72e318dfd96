/**
 * Time to rebalance after a change (a kill, a restart, a server added): from the change, how long
 * until a window of consecutive requests matches the new expectation — every server's share in
 * the window within `tolerance` of its weight share, and no failed request in it. A kill is
 * absorbed once traffic stops reaching the dead server; a restart or an add once the server gets
 * its share back. Sticky clients that never move show up as "never" — which is the point.
 */
import type { RebalanceRow, RequestRecord, TimelineEntry } from '../model/types';
import { normalise } from './expected';

/** Knobs of {@link rebalanceTimes}. */
export interface RebalanceOptions {
  /** Largest allowed |share − expected| in the window, 0..1. Default 0.1 (10 points). */
  readonly tolerance?: number;
  /** Window length per server in rotation. Default 10 (30 requests for three servers). */
  readonly windowPerServer?: number;
}

/** Default tolerance: 10 percentage points. */
export const DEFAULT_REBALANCE_TOLERANCE = 0.1;
/** Default window: 10 requests per server in rotation. */
export const DEFAULT_WINDOW_PER_SERVER = 10;

/** For each change after the start, the time until traffic matched it (or `null`). */
export function rebalanceTimes(
  records: readonly RequestRecord[],
  timeline: readonly TimelineEntry[],
  options: RebalanceOptions = {},
): RebalanceRow[] {
  const tolerance = options.tolerance ?? DEFAULT_REBALANCE_TOLERANCE;
  const perServer = options.windowPerServer ?? DEFAULT_WINDOW_PER_SERVER;
  const sorted = [...records].sort((a, b) => a.t - b.t);
  return timeline.slice(1).map((change, i) => {
    const end = timeline[i + 2]?.t ?? Number.POSITIVE_INFINITY;
    const segment = sorted.filter((r) => r.t >= change.t && r.t < end);
    const expected = normalise(change.weights);
    const window = Math.max(1, perServer * expected.size);
    const start = firstBalancedWindow(segment, expected, window, tolerance);
    return {
      label: change.label,
      t: change.t,
      ms: start === undefined ? null : (segment[start] as RequestRecord).t - change.t,
    };
  });
}

/** Index of the first record that starts a balanced window of `size` records, if any. */
export function firstBalancedWindow(
  segment: readonly RequestRecord[],
  expected: ReadonlyMap<string, number>,
  size: number,
  tolerance: number,
): number | undefined {
  for (let i = 0; i + size <= segment.length; i++) {
    if (isBalanced(segment.slice(i, i + size), expected, tolerance)) return i;
  }
  return undefined;
}

function isBalanced(
  window: readonly RequestRecord[],
  expected: ReadonlyMap<string, number>,
  tolerance: number,
): boolean {
  const counts = new Map<string, number>();
  for (const r of window) {
    if (!r.ok || r.server === undefined) return false;
    counts.set(r.server, (counts.get(r.server) ?? 0) + 1);
  }
  for (const id of new Set([...expected.keys(), ...counts.keys()])) {
    const share = (counts.get(id) ?? 0) / window.length;
    if (Math.abs(share - (expected.get(id) ?? 0)) > tolerance + 1e-9) return false;
  }
  return true;
}
