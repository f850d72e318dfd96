/**
 * Options of the active health check: Traefik v3's `loadBalancer.healthCheck` (routing/services
 * docs) plus Junction's `rise`/`fall` thresholds, validated once, defaulted, then frozen.
 */

import { isLbError, parseDuration } from '@junction/lb-core';

/** Traefik's default `interval` (30s). */
export const DEFAULT_HEALTH_INTERVAL_MS = 30_000;
/** Traefik's default `timeout` (5s). */
export const DEFAULT_HEALTH_TIMEOUT_MS = 5_000;
/** Default `method`, as in Traefik. */
export const DEFAULT_HEALTH_METHOD = 'GET';
/**
 * Default `rise` and `fall`: 1 each, which is Traefik's behaviour — one failed probe marks a
 * server down and one good probe brings it back.
 */
export const DEFAULT_HEALTH_RISE = 1;
/** See {@link DEFAULT_HEALTH_RISE}. */
export const DEFAULT_HEALTH_FALL = 1;
/** Redirects followed when `followRedirects` is on (Go's `http.Client` stops after 10). */
export const HEALTH_MAX_REDIRECTS = 10;

/** Health check options as written in labels or YAML: durations as Go strings (`"10s"`) or seconds. */
export interface HealthCheckInput {
  readonly path?: string;
  readonly interval?: string | number;
  /** Interval while a server is down (Traefik ≥ 3.1); defaults to `interval`. */
  readonly unhealthyInterval?: string | number;
  readonly timeout?: string | number;
  readonly scheme?: string;
  /** Only `http` is supported; `grpc` is refused with a coded error. */
  readonly mode?: string;
  readonly hostname?: string;
  readonly port?: number | string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly followRedirects?: boolean | string;
  readonly method?: string;
  /** Expected status; when unset any 2xx or 3xx is healthy. */
  readonly status?: number | string;
  /** Consecutive successes that bring a down server back (Junction). */
  readonly rise?: number | string;
  /** Consecutive failures that take an up server out (Junction). */
  readonly fall?: number | string;
}

/** Normalised, frozen health check options. Durations are milliseconds. */
export interface ActiveHealthConfig {
  readonly path: string;
  readonly intervalMs: number;
  readonly unhealthyIntervalMs: number;
  readonly timeoutMs: number;
  readonly scheme: 'http' | 'https' | undefined;
  readonly hostname: string | undefined;
  readonly port: number | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly followRedirects: boolean;
  readonly method: string;
  readonly status: number | undefined;
  readonly rise: number;
  readonly fall: number;
}

/** A health check option that cannot be used; `path` names the option (`healthCheck.interval`). */
export class HealthCheckConfigError extends Error {
  readonly code = 'LB_HEALTHCHECK_INVALID';
  readonly path: string;

  constructor(path: string, message: string) {
    super(`LB_HEALTHCHECK_INVALID at ${path}: ${message}`);
    this.name = 'HealthCheckConfigError';
    this.path = path;
  }
}

function duration(raw: string | number | undefined, fallback: number, at: string): number {
  if (raw === undefined || raw === '') return fallback;
  const ms = parseDuration(typeof raw === 'string' ? raw.trim() : raw);
  if (isLbError(ms) || ms <= 0)
    throw new HealthCheckConfigError(at, `expected a positive duration, got ${JSON.stringify(raw)}`);
  return ms;
}

function integer(raw: number | string | undefined, at: string, min: number, max: number): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const n = typeof raw === 'number' ? raw : Number(raw.trim());
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new HealthCheckConfigError(at, `expected an integer in ${min}..${max}, got ${JSON.stringify(raw)}`);
  }
  return n;
}

function bool(raw: boolean | string | undefined, fallback: boolean, at: string): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (typeof raw === 'boolean') return raw;
  const text = raw.trim().toLowerCase();
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw new HealthCheckConfigError(at, `expected true or false, got ${JSON.stringify(raw)}`);
}

/**
 * Validates and defaults a Traefik `healthCheck` block. `at` prefixes error paths, e.g.
 * `http.services.api.loadBalancer.healthCheck`. Throws {@link HealthCheckConfigError}.
 */
export function normalizeHealthCheck(input: HealthCheckInput = {}, at = 'healthCheck'): ActiveHealthConfig {
  const mode = (input.mode ?? 'http').toLowerCase();
  if (mode !== 'http')
    throw new HealthCheckConfigError(`${at}.mode`, `mode ${JSON.stringify(input.mode)} is not supported (only http)`);
  const scheme = input.scheme === undefined || input.scheme === '' ? undefined : input.scheme.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') {
    throw new HealthCheckConfigError(`${at}.scheme`, `expected http or https, got ${JSON.stringify(input.scheme)}`);
  }
  const method = (input.method ?? DEFAULT_HEALTH_METHOD).trim().toUpperCase() || DEFAULT_HEALTH_METHOD;
  if (!/^[A-Z]+$/.test(method))
    throw new HealthCheckConfigError(`${at}.method`, `not an HTTP method: ${JSON.stringify(input.method)}`);
  const intervalMs = duration(input.interval, DEFAULT_HEALTH_INTERVAL_MS, `${at}.interval`);
  return Object.freeze({
    path: input.path ?? '',
    intervalMs,
    unhealthyIntervalMs: duration(input.unhealthyInterval, intervalMs, `${at}.unhealthyInterval`),
    timeoutMs: duration(input.timeout, DEFAULT_HEALTH_TIMEOUT_MS, `${at}.timeout`),
    scheme,
    hostname: input.hostname === '' ? undefined : input.hostname,
    port: integer(input.port, `${at}.port`, 1, 65_535),
    headers: Object.freeze({ ...input.headers }),
    followRedirects: bool(input.followRedirects, true, `${at}.followRedirects`),
    method,
    status: integer(input.status, `${at}.status`, 100, 599),
    rise: integer(input.rise, `${at}.rise`, 1, 1000) ?? DEFAULT_HEALTH_RISE,
    fall: integer(input.fall, `${at}.fall`, 1, 1000) ?? DEFAULT_HEALTH_FALL,
  });
}
