/**
 * `/metrics` of a cluster: every worker shares its registry as prom-client JSON and the primary
 * merges the shares with prom-client's `AggregatorRegistry.aggregate` — requests, bytes, retries,
 * open connections and the latency histogram are summed, so totals are Junction's whole. Series
 * every worker keeps for the same event are not summed: reload counts and times take the
 * maximum (each worker loads the same configuration), a server is up only if it is up on every
 * worker (passive health is per worker). Runs in the primary only.
 */
import { AggregatorRegistry } from 'prom-client';
import {
  CONFIG_LAST_RELOAD_FAILURE,
  CONFIG_LAST_RELOAD_SUCCESS,
  CONFIG_RELOADS_FAILURE_TOTAL,
  CONFIG_RELOADS_TOTAL,
  SERVICE_SERVER_UP,
} from '../metrics/names';

/** Aggregation other than the sum, by metric name. */
export const AGGREGATORS: Readonly<Record<string, 'max' | 'min'>> = {
  [CONFIG_RELOADS_TOTAL]: 'max',
  [CONFIG_RELOADS_FAILURE_TOTAL]: 'max',
  [CONFIG_LAST_RELOAD_SUCCESS]: 'max',
  [CONFIG_LAST_RELOAD_FAILURE]: 'max',
  [SERVICE_SERVER_UP]: 'min',
};

/** Merges the workers' `getMetricsAsJSON()` shares into the text exposition. */
export async function mergeMetrics(shares: readonly unknown[]): Promise<string> {
  const registries = shares
    .filter((share): share is { name: string }[] => Array.isArray(share))
    .map((metrics) =>
      metrics.map((m) => (AGGREGATORS[m.name] === undefined ? m : { ...m, aggregator: AGGREGATORS[m.name] })),
    );
  return AggregatorRegistry.aggregate(registries).metrics();
}
