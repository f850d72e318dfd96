/**
 * Adapters from lb-core's *normalised* configuration (durations as `…Ms` numbers) back to the
 * Traefik-shaped input the lb-server components read (`interval: "10s"`, `period: "1s"`), so each
 * component keeps one validated input format. Pure functions, run once per configuration.
 */
import { formatDuration, type HealthCheckConfig, type MiddlewareConfig } from '@junction/lb-core';
import type { HealthCheckInput } from '../health/active-config';

/** lb-core's `HealthCheckConfig` → the active checker's `HealthCheckInput`. */
export function toHealthCheckInput(config: HealthCheckConfig): HealthCheckInput {
  return {
    path: config.path,
    interval: formatDuration(config.intervalMs),
    ...(config.unhealthyIntervalMs === undefined
      ? {}
      : { unhealthyInterval: formatDuration(config.unhealthyIntervalMs) }),
    timeout: formatDuration(config.timeoutMs),
    ...(config.scheme === undefined ? {} : { scheme: config.scheme }),
    ...(config.mode === undefined ? {} : { mode: config.mode }),
    ...(config.hostname === undefined ? {} : { hostname: config.hostname }),
    ...(config.port === undefined ? {} : { port: config.port }),
    ...(config.headers === undefined ? {} : { headers: config.headers }),
    followRedirects: config.followRedirects,
    method: config.method,
    ...(config.status === undefined ? {} : { status: config.status }),
    rise: config.rise,
    fall: config.fall,
  };
}

/** Renames `from` (milliseconds) to `to` (a duration string) in a shallow copy of `options`. */
function renameDuration(options: object, from: string, to: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...options };
  const ms = copy[from];
  if (typeof ms === 'number') {
    delete copy[from];
    copy[to] = formatDuration(ms);
  }
  return copy;
}

/**
 * lb-core's `MiddlewareConfig` → the middleware registry's Traefik-shaped object: only `retry`
 * (`initialIntervalMs`) and `rateLimit` (`periodMs`) differ; everything else passes unchanged.
 */
export function toMiddlewareInput(config: MiddlewareConfig): unknown {
  if ('retry' in config) return { retry: renameDuration(config.retry, 'initialIntervalMs', 'initialInterval') };
  if ('rateLimit' in config) return { rateLimit: renameDuration(config.rateLimit, 'periodMs', 'period') };
  return config;
}
