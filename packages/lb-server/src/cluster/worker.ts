/**
 * What `main.ts` sees of a cluster worker: its index, whether it writes the
 * overrides state file (worker 0 only, so the file is written once), a `/metrics` source that
 * answers for every worker, `attach` to sync the dashboard's overrides and statistics once they
 * exist, `ready` once it listens, and `stopRequested` (the primary asked it to drain).
 */
import type { Dashboard } from '../dashboard/create-dashboard';
import type { Logger } from '../log';
import type { Metrics } from '../metrics/metrics';
import { syncHealth } from './health-sync';
import type { BroadcastChannel, ClusterMember } from './member';
import { syncOverrides } from './override-sync';
import { syncStats } from './stats-sync';

/** The `/metrics` source of a worker (the shape `metricsPlugin` serves). */
export interface ClusterMetricsSource {
  readonly contentType: string;
  render(): Promise<string>;
}

/** A worker of `--workers N` (see module comment). */
export class ClusterWorker {
  readonly #member: ClusterMember;
  readonly #logger: Logger;

  constructor(member: ClusterMember, logger: Logger) {
    this.#member = member;
    this.#logger = logger;
    // Before the first configuration builds any checker.
    syncHealth(member);
  }

  get index(): number {
    return this.#member.index;
  }

  /** Only worker 0 writes the overrides state file; every worker reads it at start. */
  get writesState(): boolean {
    return this.#member.index === 0;
  }

  /** The broadcast channel ACME syncs over (`acme/cluster-sync.ts`: worker 0 orders, the others follow). */
  get channel(): BroadcastChannel {
    return this.#member;
  }

  get stopRequested(): Promise<void> {
    return this.#member.stopRequested;
  }

  /** Shares this worker's registry with the primary and returns a source rendering every worker's metrics merged. */
  metricsSource(metrics: Metrics): ClusterMetricsSource {
    this.#member.share('metrics', () => metrics.registry.getMetricsAsJSON());
    return {
      contentType: metrics.contentType,
      render: async () => String(await this.#member.collect('metrics')),
    };
  }

  /** Syncs the dashboard's overrides and statistics with the other workers. */
  attach(dashboard: Dashboard | undefined): void {
    if (dashboard === undefined) return;
    syncOverrides(this.#member, dashboard.overrides, this.#logger);
    syncStats(this.#member, dashboard.stats);
  }

  ready(): void {
    this.#member.ready();
    this.#logger.info({ worker: this.#member.index, pid: process.pid }, 'cluster worker listening');
  }
}
