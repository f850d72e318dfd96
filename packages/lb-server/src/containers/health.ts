/**
 * A container's Docker HEALTHCHECK state as the engine's container list reports it. Shared by the
 * Docker and Swarm providers (servers of unhealthy containers get no traffic) and the dashboard
 * (the container list), so the dashboard need not import a provider.
 */

/** Docker HEALTHCHECK state; `none` when the image or container declares no health check. */
export type ContainerHealth = 'none' | 'starting' | 'healthy' | 'unhealthy';

/**
 * Docker's health as it appears in the list's `Status` text (`Up 5 seconds (healthy)`,
 * `(unhealthy)`, `(health: starting)`; moby `container/state.go` `String()`), so listing needs no
 * inspect per container.
 */
export function healthFromStatus(status: string | undefined): ContainerHealth {
  if (status === undefined) return 'none';
  if (status.includes('(health: starting)')) return 'starting';
  if (status.includes('(unhealthy)')) return 'unhealthy';
  if (status.includes('(healthy)')) return 'healthy';
  return 'none';
}
