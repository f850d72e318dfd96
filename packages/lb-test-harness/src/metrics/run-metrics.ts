/**
 * Turns the request records of one run into its {@link RunMetrics}: distribution against the
 * weights in force, longest same-server run, stickiness hit rate, sessions that lost state,
 * failures, latency percentiles and time to rebalance after each change.
 */
import type { LatencySummary, RequestRecord, RunMetrics, TimelineEntry } from '../model/types';
import { longestRun, maxDeviation, percentile } from '../stats';
import { sharesOverTime } from './expected';
import { rebalanceTimes, type RebalanceOptions } from './rebalance';

/** Computes every metric of a run from its records and timeline. */
export function computeMetrics(
  records: readonly RequestRecord[],
  timeline: readonly TimelineEntry[],
  options: RebalanceOptions = {},
): RunMetrics {
  const sorted = [...records].sort((a, b) => a.t - b.t);
  const shares = sharesOverTime(sorted, timeline);
  const run = longestRun(sorted.flatMap((r) => (r.server === undefined ? [] : [r.server])));
  const sessions = sessionStats(sorted);
  return {
    requests: sorted.length,
    failed: sorted.filter((r) => !r.ok).length,
    shares,
    maxDeviation: maxDeviation(shares),
    longestRun: { id: run.id ?? null, length: run.length },
    stickiness: sessions.stickiness,
    sessions: sessions.sessions,
    sessionsLost: sessions.lost,
    latency: latencySummary(sorted.map((r) => r.latencyMs)),
    rebalance: rebalanceTimes(sorted, timeline, options),
  };
}

/** p50, p95, p99 and max (nearest rank); zeros without samples. */
export function latencySummary(samples: readonly number[]): LatencySummary {
  if (samples.length === 0) return { p50: 0, p95: 0, p99: 0, max: 0 };
  return {
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: percentile(samples, 100),
  };
}

/**
 * Session figures over records sorted by time. Stickiness is the share of consecutive answered
 * requests of one session that reached the same server; a session is lost when any of its
 * requests reported lost state.
 */
export function sessionStats(sorted: readonly RequestRecord[]): {
  sessions: number;
  lost: number;
  stickiness: number | null;
} {
  const last = new Map<number, string | undefined>();
  const lost = new Set<number>();
  let pairs = 0;
  let hits = 0;
  for (const r of sorted) {
    if (!r.session) continue;
    if (r.stateLost === true) lost.add(r.client);
    const previous = last.get(r.client);
    if (r.server === undefined) {
      if (!last.has(r.client)) last.set(r.client, undefined);
      continue;
    }
    if (previous !== undefined) {
      pairs++;
      if (previous === r.server) hits++;
    }
    last.set(r.client, r.server);
  }
  return { sessions: last.size, lost: lost.size, stickiness: pairs === 0 ? null : hits / pairs };
}
