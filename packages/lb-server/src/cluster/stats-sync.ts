/**
 * The dashboard's live statistics cover every worker: each worker sends the others its own
 * recent figures once a second (`ServerStatsRecorder.exportRecent`), and adds the latest it got
 * from each peer to its own when the dashboard asks (`setPeers`). Figures from a worker that
 * stopped sending age out of the windows by themselves; servers' in-flight counts stay per worker.
 */
import type { PeerStatsSource, ServerStatsExport, ServerStatsRecorder } from '../dashboard/server-stats';
import type { BroadcastChannel } from './member';

/** How often a worker sends its figures. */
export const STATS_PERIOD_MS = 1_000;

interface PeerServer {
  readonly bySecond: Map<number, { count: number; errors: number }>;
  readonly durations: readonly number[];
  readonly stamps: readonly number[];
}

const NONE = { count: 0, errors: 0 } as const;
const keyOf = (service: string, server: string): string => `${service}\u0000${server}`;

/** The latest figures of each peer worker (a {@link PeerStatsSource}). */
export class PeerStats implements PeerStatsSource {
  readonly #peers = new Map<string, Map<string, PeerServer>>();

  /** Replaces what peer `peer` sent last. */
  set(peer: string, exported: readonly ServerStatsExport[]): void {
    const servers = new Map<string, PeerServer>();
    for (const e of exported) {
      const bySecond = new Map(e.seconds.map((s, i) => [s, { count: e.counts[i] ?? 0, errors: e.errors[i] ?? 0 }]));
      servers.set(keyOf(e.service, e.server), { bySecond, durations: e.durations, stamps: e.stamps });
    }
    this.#peers.set(peer, servers);
  }

  at(service: string, serverId: string, second: number): { readonly count: number; readonly errors: number } {
    let count = 0;
    let errors = 0;
    for (const servers of this.#peers.values()) {
      const b = servers.get(keyOf(service, serverId))?.bySecond.get(second) ?? NONE;
      count += b.count;
      errors += b.errors;
    }
    return { count, errors };
  }

  durations(service: string, serverId: string, sinceMs: number): readonly number[] {
    const out: number[] = [];
    for (const servers of this.#peers.values()) {
      const s = servers.get(keyOf(service, serverId));
      if (s !== undefined)
        for (let i = 0; i < s.durations.length; i++) if (s.stamps[i]! >= sinceMs) out.push(s.durations[i]!);
    }
    return out;
  }
}

/** Starts exchanging `stats` with the other workers; returns the stop function. */
export function syncStats(member: BroadcastChannel, stats: ServerStatsRecorder): () => void {
  const peers = new PeerStats();
  stats.setPeers(peers);
  member.on('stats', (key, data) => {
    if (key !== String(member.index)) peers.set(key, data as ServerStatsExport[]);
  });
  let sentEmpty = false;
  const timer = setInterval(() => {
    const exported = stats.exportRecent();
    if (exported.length === 0 && sentEmpty) return;
    sentEmpty = exported.length === 0;
    member.broadcast('stats', String(member.index), exported);
  }, STATS_PERIOD_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    stats.setPeers(undefined);
  };
}
