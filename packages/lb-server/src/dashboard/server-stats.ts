/**
 * Live per-server statistics for the dashboard: requests per second, error rate, p50/p99 latency
 * and share of the service's traffic, plus a one-minute series of requests per second for the
 * chart. Memory is fixed per server: one ring of per-second buckets (counts and errors) and one
 * ring of the latest response durations, so a busy server costs no more than an idle one.
 *
 * The proxy reports each finished exchange to the server's counter (`ServerStatsSink.counter`, the
 * runtime's `server-stats-sink.ts`; kept per server object by `proxy/record.ts`, wired by
 * `serve.ts`), which is the server's ring itself. Rates come from the buckets (exact counts);
 * percentiles from the durations ring, restricted to the rate window.
 */
import type { ServerStatsCounter, ServerStatsSink } from '../runtime/server-stats-sink';

/** One server's live figures. */
export interface ServerStats {
  /** Requests per second over the rate window. */
  readonly rps: number;
  /** Share of responses with status ≥ 500 or none at all, 0..1, over the rate window. */
  readonly errorRate: number;
  /** Median latency in ms over the window; `undefined` without samples. */
  readonly p50: number | undefined;
  readonly p99: number | undefined;
  /** This server's part of the service's requests over the window, 0..1. */
  readonly share: number;
  /** Requests counted in each of the last `historySeconds` seconds, oldest first. */
  readonly series: readonly number[];
}

/** Options of {@link ServerStatsRecorder}. */
export interface ServerStatsOptions {
  /** Clock in ms (injected by tests). */
  readonly now?: () => number;
  /** Seconds over which rates, error rate and percentiles are computed. Default 10. */
  readonly windowSeconds?: number;
  /** Seconds of history kept for the chart. Default 60. */
  readonly historySeconds?: number;
  /** Durations kept per server for percentiles. Default 512. */
  readonly samples?: number;
}

/** Fixed-size rings of one server (see module comment); the proxy's counter for it. */
class ServerRing implements ServerStatsCounter {
  readonly #now: () => number;
  readonly counts: Uint32Array;
  readonly errors: Uint32Array;
  /** The second each bucket currently holds (a bucket from an older lap counts as empty). */
  readonly seconds: Float64Array;
  readonly durations: Float64Array;
  readonly stamps: Float64Array;
  next = 0;
  filled = 0;
  retired = false;

  constructor(now: () => number, history: number, samples: number) {
    this.#now = now;
    this.counts = new Uint32Array(history);
    this.errors = new Uint32Array(history);
    this.seconds = new Float64Array(history).fill(-1);
    this.durations = new Float64Array(samples);
    this.stamps = new Float64Array(samples);
  }

  /** One exchange ended with `status` (0: no response; it and ≥ 500 count as errors) after `durationMs`. */
  record(status: number, durationMs: number): void {
    const now = this.#now();
    const second = Math.floor(now / 1000);
    const slot = second % this.counts.length;
    if (this.seconds[slot] !== second) {
      this.seconds[slot] = second;
      this.counts[slot] = 0;
      this.errors[slot] = 0;
    }
    this.counts[slot]! += 1;
    if (status === 0 || status >= 500) this.errors[slot]! += 1;
    this.durations[this.next] = durationMs;
    this.stamps[this.next] = now;
    this.next = (this.next + 1) % this.durations.length;
    this.filled = Math.min(this.filled + 1, this.durations.length);
  }

  /** Count (or errors) in `second`, 0 when the bucket holds another second. */
  at(second: number, errors = false): number {
    const slot = second % this.counts.length;
    return this.seconds[slot] === second ? (errors ? this.errors : this.counts)[slot]! : 0;
  }

  /** Durations recorded at or after `sinceMs`, sorted. */
  recentDurations(sinceMs: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.filled; i++) if (this.stamps[i]! >= sinceMs) out.push(this.durations[i]!);
    return out.sort((a, b) => a - b);
  }
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

const key = (service: string, serverId: string): string => `${service}\u0000${serverId}`;

/** One server's recent figures as plain arrays (what a cluster worker sends the others). */
export interface ServerStatsExport {
  readonly service: string;
  readonly server: string;
  /** Seconds (epoch) with at least one request, and their counts and errors. */
  readonly seconds: readonly number[];
  readonly counts: readonly number[];
  readonly errors: readonly number[];
  /** Durations (ms) recorded in the rate window, and when (epoch ms). */
  readonly durations: readonly number[];
  readonly stamps: readonly number[];
}

/** Figures recorded elsewhere (the other workers of a cluster), added to this recorder's own. */
export interface PeerStatsSource {
  /** Requests and errors counted by the peers for a server in `second`. */
  at(service: string, serverId: string, second: number): { readonly count: number; readonly errors: number };
  /** The peers' durations for a server recorded at or after `sinceMs`. */
  durations(service: string, serverId: string, sinceMs: number): readonly number[];
}

/** Records exchanges per server and computes {@link ServerStats} (see module comment). */
export class ServerStatsRecorder implements ServerStatsSink {
  readonly #rings = new Map<string, ServerRing>();
  readonly #now: () => number;
  readonly #window: number;
  readonly #history: number;
  readonly #samples: number;
  #peers: PeerStatsSource | undefined;

  constructor(options: ServerStatsOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#window = Math.max(1, options.windowSeconds ?? 10);
    this.#history = Math.max(this.#window, options.historySeconds ?? 60);
    this.#samples = Math.max(1, options.samples ?? 512);
  }

  counter(service: string, serverId: string): ServerStatsCounter {
    const k = key(service, serverId);
    let ring = this.#rings.get(k);
    if (ring === undefined) this.#rings.set(k, (ring = new ServerRing(this.#now, this.#history, this.#samples)));
    return ring;
  }

  /** Records one exchange of `serverId` in `service` (what its {@link counter} does). */
  record(service: string, serverId: string, status: number, durationMs: number): void {
    this.counter(service, serverId).record(status, durationMs);
  }

  /** The figures of each of `serverIds` (servers of `service`), shares computed among them. */
  serviceStats(service: string, serverIds: readonly string[]): Map<string, ServerStats> {
    const now = this.#now();
    const second = Math.floor(now / 1000);
    const counted = serverIds.map((id) => {
      const ring = this.#rings.get(key(service, id));
      let count = 0;
      let errors = 0;
      for (let s = second - this.#window + 1; s <= second; s++) {
        if (ring !== undefined) {
          count += ring.at(s);
          errors += ring.at(s, true);
        }
        if (this.#peers !== undefined) {
          const peer = this.#peers.at(service, id, s);
          count += peer.count;
          errors += peer.errors;
        }
      }
      return { id, ring, count, errors };
    });
    const total = counted.reduce((sum, c) => sum + c.count, 0);
    const since = (second - this.#window + 1) * 1000;
    const out = new Map<string, ServerStats>();
    for (const { id, ring, count, errors } of counted) {
      const own = ring?.recentDurations(since) ?? [];
      const durations =
        this.#peers === undefined ? own : [...own, ...this.#peers.durations(service, id, since)].sort((a, b) => a - b);
      const series: number[] = [];
      for (let s = second - this.#history + 1; s <= second; s++)
        series.push((ring?.at(s) ?? 0) + (this.#peers?.at(service, id, s).count ?? 0));
      out.set(id, {
        rps: count / this.#window,
        errorRate: count === 0 ? 0 : errors / count,
        p50: percentile(durations, 50),
        p99: percentile(durations, 99),
        share: total === 0 ? 0 : count / total,
        series,
      });
    }
    return out;
  }

  /** Adds `peers`' figures to this recorder's in {@link serviceStats} (cluster workers). */
  setPeers(peers: PeerStatsSource | undefined): void {
    this.#peers = peers;
  }

  /** This recorder's own figures over the history (buckets) and rate window (durations), for the peers. */
  exportRecent(): ServerStatsExport[] {
    const now = this.#now();
    const second = Math.floor(now / 1000);
    const since = (second - this.#window + 1) * 1000;
    const out: ServerStatsExport[] = [];
    for (const [k, ring] of this.#rings) {
      const [service = '', server = ''] = k.split('\u0000');
      const seconds: number[] = [];
      const counts: number[] = [];
      const errors: number[] = [];
      for (let s = second - this.#history + 1; s <= second; s++) {
        const count = ring.at(s);
        if (count === 0) continue;
        seconds.push(s);
        counts.push(count);
        errors.push(ring.at(s, true));
      }
      const durations: number[] = [];
      const stamps: number[] = [];
      for (let i = 0; i < ring.filled; i++) {
        if (ring.stamps[i]! < since) continue;
        durations.push(ring.durations[i]!);
        stamps.push(ring.stamps[i]!);
      }
      if (seconds.length > 0) out.push({ service, server, seconds, counts, errors, durations, stamps });
    }
    return out;
  }

  /** Forgets every server for which `keep` answers false (servers that left the configuration). */
  retain(keep: (service: string, serverId: string) => boolean): void {
    for (const [k, ring] of this.#rings) {
      const [service = '', serverId = ''] = k.split('\u0000');
      if (keep(service, serverId)) continue;
      ring.retired = true; // a counter the proxy still holds is asked for again
      this.#rings.delete(k);
    }
  }

  /** How many servers have rings (for tests and memory checks). */
  get size(): number {
    return this.#rings.size;
  }
}
