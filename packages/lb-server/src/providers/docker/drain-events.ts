/**
 * How the Docker-engine providers (Docker and Swarm) find the servers that start draining when a
 * container or task is told to stop (the diff of two snapshots, whether an event or a listing
 * revealed it), and the live servers of a snapshot; the runtime drains them (`ServerDrains`).
 */
import type { DynamicConfig } from '@junction/lb-core';
import type { DrainedServer } from '../provider';

export type { DrainEvent, DrainedServer } from '../provider';

/** URLs of the servers of `config` that are not draining. */
export function liveUrls(config: DynamicConfig): string[] {
  const urls = new Set<string>();
  for (const def of Object.values(config.http.services ?? {})) {
    if ('loadBalancer' in def)
      for (const server of def.loadBalancer.servers) if (server.draining !== true) urls.add(server.url);
  }
  return [...urls];
}

/** Servers draining in `after` that were not draining (or absent) in `before`. */
export function newlyDraining(before: DynamicConfig | undefined, after: DynamicConfig | undefined): DrainedServer[] {
  const out: DrainedServer[] = [];
  for (const [service, def] of Object.entries(after?.http.services ?? {})) {
    if (!('loadBalancer' in def)) continue;
    const old = before?.http.services?.[service];
    const oldServers = old !== undefined && 'loadBalancer' in old ? old.loadBalancer.servers : [];
    for (const server of def.loadBalancer.servers) {
      if (server.draining === true && oldServers.find((s) => s.id === server.id)?.draining !== true)
        out.push({ service, id: server.id, url: server.url });
    }
  }
  return out;
}
