/**
 * Statistics the strategy comparison reports: how traffic spread over servers, how far
 * that is from what the weights ask for, how long one server kept answering in a row,
 * and latency percentiles. Pure functions over recorded picks, so they are tested exactly.
 */

/** Count of picks per server id, in first-seen order. */
export function countBy(picks: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of picks) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/** One row of a distribution: a server's observed and expected share of the picks. */
export interface ShareRow {
  readonly id: string;
  readonly count: number;
  /** Observed share, 0..1. */
  readonly share: number;
  /** Share its weight asks for, 0..1. */
  readonly expected: number;
}

/**
 * Observed share per server against the share its weight asks for. Servers with a weight
 * but no pick appear with count 0; picks of servers without a weight count as expected 0.
 */
export function shares(picks: readonly string[], weights: ReadonlyMap<string, number>): ShareRow[] {
  const counts = countBy(picks);
  const totalWeight = [...weights.values()].reduce((a, w) => a + Math.max(w, 0), 0);
  const ids = new Set([...weights.keys(), ...counts.keys()]);
  return [...ids].map((id) => {
    const count = counts.get(id) ?? 0;
    const weight = Math.max(weights.get(id) ?? 0, 0);
    return {
      id,
      count,
      share: picks.length === 0 ? 0 : count / picks.length,
      expected: totalWeight === 0 ? 0 : weight / totalWeight,
    };
  });
}

/** Largest absolute difference between observed and expected share, in percentage points. */
export function maxDeviation(rows: readonly ShareRow[]): number {
  return rows.reduce((max, r) => Math.max(max, Math.abs(r.share - r.expected) * 100), 0);
}

/** Longest run of consecutive picks of the same server, and which server it was. */
export function longestRun(picks: readonly string[]): { id: string | undefined; length: number } {
  let best: { id: string | undefined; length: number } = { id: undefined, length: 0 };
  let run = 0;
  for (let i = 0; i < picks.length; i++) {
    run = i > 0 && picks[i] === picks[i - 1] ? run + 1 : 1;
    if (run > best.length) best = { id: picks[i], length: run };
  }
  return best;
}

/**
 * The p-th percentile (0..100) by the nearest-rank method; `NaN` for no samples.
 * Nearest rank returns an observed value, which is what latency tables should show.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((Math.min(Math.max(p, 0), 100) / 100) * sorted.length);
  return sorted[Math.max(rank - 1, 0)] as number;
}
