/**
 * This process's role under `--workers N`: `single` (N = 1, or a process not started by a
 * Junction primary), `primary` (N > 1: supervises the workers, serves nothing) or `worker`.
 * The cluster modules are loaded only when a cluster runs, so a single process pays nothing.
 */
import cluster from 'node:cluster';
import type { Logger } from '../log';
import type { StaticOptions } from '../options';
import type { ClusterWorker } from './worker';

/** See module comment. */
export type ClusterRole =
  | { readonly kind: 'single' }
  | { readonly kind: 'primary'; run(): Promise<number> }
  | { readonly kind: 'worker'; readonly member: ClusterWorker };

/** Decides the role from the options and how this process was started. */
export async function clusterRole(options: StaticOptions, logger: Logger): Promise<ClusterRole> {
  if (cluster.isPrimary) {
    if (options.workers <= 1) return { kind: 'single' };
    const [{ runPrimary }, { mergeMetrics }] = await Promise.all([import('./primary'), import('./metrics-merge')]);
    return { kind: 'primary', run: () => runPrimary({ options, logger, merge: { metrics: mergeMetrics } }) };
  }
  const { joinCluster } = await import('./member');
  const member = await joinCluster();
  if (member === undefined) return { kind: 'single' };
  const { ClusterWorker: Worker } = await import('./worker');
  return { kind: 'worker', member: new Worker(member, logger) };
}
