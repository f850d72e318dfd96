/**
 * Per-server state for the API, read from a load-balanced service at request time: Traefik's
 * `serverStatus` (`UP`/`DOWN` per server URL, from the balancer, which the active and passive
 * checks feed), and Junction's `serverDetails`: weight, effective weight (slow start), draining,
 * requests in flight, and what each health check last said about the server and why.
 */
import type { ServerStatus } from '@junction/lb-core';
import type { ActiveServerStatus } from '../health/active-checker';
import type { PassiveServerStatus } from '../health/passive';
import type { LoadBalancedService } from '../runtime/runtime';
import { dropUndefined } from './representations';

/** Traefik's health words for a server. */
export type ServerHealth = 'UP' | 'DOWN';

/** The active check's last word on a server. */
export interface ActiveCheckView {
  readonly up: boolean;
  /** When the last probe settled (ISO 8601). */
  readonly lastCheck?: string;
  /** Why the last probe failed (`status 500`, `ECONNREFUSED`…). */
  readonly lastError?: string;
  /** Length of the current run of identical outcomes. */
  readonly consecutive: number;
}

/** The passive check's view of a server that has failed at least once. */
export interface PassiveCheckView {
  readonly up: boolean;
  readonly halfOpen: boolean;
  readonly recentFailures: number;
  readonly lastError?: string;
  /** When a tripped server comes back (ISO 8601). */
  readonly downUntil?: string;
}

/** One server's live state (Junction's addition). */
export interface ServerDetail {
  readonly id: string;
  readonly url: string;
  readonly weight: number;
  readonly effectiveWeight?: number;
  readonly healthy: boolean;
  readonly draining: boolean;
  readonly inFlight: number;
  readonly activeCheck?: ActiveCheckView;
  readonly passiveCheck?: PassiveCheckView;
}

const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

/** Server URL → `UP`/`DOWN`. A URL listed twice is `UP` if any of its servers is. */
export function serverStatusOf(servers: readonly ServerStatus[]): Record<string, ServerHealth> {
  const status: Record<string, ServerHealth> = {};
  for (const s of servers) if (status[s.url] !== 'UP') status[s.url] = s.healthy ? 'UP' : 'DOWN';
  return status;
}

function activeView(a: ActiveServerStatus): ActiveCheckView {
  return dropUndefined({ up: a.up, lastCheck: iso(a.lastCheck), lastError: a.lastError, consecutive: a.consecutive });
}

function passiveView(p: PassiveServerStatus): PassiveCheckView {
  return dropUndefined({
    up: p.up,
    halfOpen: p.halfOpen,
    recentFailures: p.recentFailures,
    lastError: p.lastError,
    downUntil: iso(p.downUntil),
  });
}

/** A balancer's view of one server, without health-check details. */
export function serverDetail(s: ServerStatus): ServerDetail {
  const { id, url, weight, effectiveWeight, healthy, draining, inFlight } = s;
  return dropUndefined({ id, url, weight, effectiveWeight, healthy, draining, inFlight });
}

/** Every server of a load-balanced service, with what its health checks last said. */
export function serverDetails(service: LoadBalancedService, servers: readonly ServerStatus[]): ServerDetail[] {
  const active = new Map((service.health.activeStatus() ?? []).map((a) => [a.id, a]));
  const passive = new Map(service.health.passive.status().map((p) => [p.id, p]));
  return servers.map((s) => {
    const a = active.get(s.id);
    const p = passive.get(s.id);
    return dropUndefined({
      ...serverDetail(s),
      activeCheck: a === undefined ? undefined : activeView(a),
      passiveCheck: p === undefined ? undefined : passiveView(p),
    });
  });
}
