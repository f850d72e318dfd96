/**
 * What the Docker-engine providers (Docker and Swarm) tell the drain sink (`server/drain-sink.ts`):
 * the servers that start draining when a container or task is told to stop, and the diff of two
 * snapshots that finds them when a listing, not an event, reveals it.
 */
import type { DynamicConfig } from '@junction/lb-core';

/** Servers that started draining because their container received a terminating `kill`, died, or was paused. */
export interface DrainEvent {
  /** The provider whose services hold the servers (qualifies their names). Default `docker`. */
  readonly provider?: string;
  readonly containerId: string;
  readonly containerName: string;
  /**
   * `stopping`: a terminating signal (in-flight requests may finish); `exited`: the process is gone;
   * `paused`: the process is frozen (nothing it has will answer until it is unpaused).
   */
  readonly reason: 'stopping' | 'exited' | 'paused';
  /** Unqualified service names (as in the snapshot) with the ids and URLs of the servers now draining. */
  readonly servers: readonly DrainedServer[];
}

/** A server of a {@link DrainEvent}. */
export interface DrainedServer {
  readonly service: string;
  readonly id: string;
  readonly url: string;
}

/** URLs of the servers of `config` that are not draining. */
export function liveUrls(config: DynamicConfig): string[] {
  const urls = new Set<string>();
  for (const def of Object.values(config.http.services ?? {})) {
    if ('loadBalancer' in def) for (const server of def.loadBalancer.servers) if (server.draining !== true) urls.add(server.url);
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
      if (server.draining === true && oldServers.find((s) => s.id === server.id)?.draining !== true) out.push({ service, id: server.id, url: server.url });
    }
  }
  return out;
}
