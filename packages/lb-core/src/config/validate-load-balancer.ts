/**
 * Reads a `loadBalancer` service block: servers (id defaults to the URL, weight to 1), strategy
 * (aliases resolved), sticky cookie, active and passive health checks. Defaults are Traefik v3's
 * (`DefaultHealthCheckInterval` 30s, `DefaultHealthCheckTimeout` 5s, `passHostHeader` true).
 */
import { resolveStrategy, STRATEGY_NAMES } from '../balancers/registry';
import { compact, readObject, type FieldReader } from './field-reader';
import type {
  HealthCheckConfig,
  LoadBalancerConfig,
  PassiveHealthCheckConfig,
  ServerConfig,
  StickyConfig,
  StickyCookieConfig,
} from './types';

/** Active health check interval when none is given (Traefik's default). */
export const DEFAULT_HEALTH_CHECK_INTERVAL_MS = 30_000;
/** Active health check timeout when none is given (Traefik's default). */
export const DEFAULT_HEALTH_CHECK_TIMEOUT_MS = 5_000;
/** Passive health check: failures tolerated within the window (Traefik's `maxFailedAttempts` default). */
export const DEFAULT_PASSIVE_FAILURES = 1;
/** Passive health check window (Traefik's `failureWindow` default). */
export const DEFAULT_PASSIVE_WINDOW_MS = 10_000;
/** How long a passively failed server stays out of rotation. */
export const DEFAULT_PASSIVE_COOLDOWN_MS = 10_000;

const SERVER_URL = /^(?:https?|h2c):\/\/[^\s/?#]+(?:[/?#]\S*)?$/i;
const SAME_SITE = ['none', 'lax', 'strict', ''] as const;

/** Reads a `loadBalancer` block. */
export function readLoadBalancer(r: FieldReader): LoadBalancerConfig | undefined {
  const ids = new Map<string, string>();
  const servers = r.list('servers', (value, path) => readObject(value, path, r.sink, (s) => readServer(s, ids)), {
    required: true,
  });
  const strategy = readStrategy(r);
  const sticky = r.object('sticky', readSticky);
  const healthCheck = r.object('healthCheck', readHealthCheck);
  const passiveHealthCheck = r.object('passiveHealthCheck', readPassiveHealthCheck);
  const passHostHeader = r.bool('passHostHeader') ?? true;
  const serversTransport = r.string('serversTransport', { nonEmpty: true });
  const responseForwarding = r.object('responseForwarding', (f) => {
    const flushIntervalMs = f.durationMs(['flushInterval'], 'flushIntervalMs', { required: true });
    return flushIntervalMs === undefined ? undefined : { flushIntervalMs };
  });
  if (servers === undefined) return undefined;
  return compact({
    servers,
    strategy,
    sticky,
    healthCheck,
    passiveHealthCheck,
    passHostHeader,
    serversTransport,
    responseForwarding,
  });
}

function readServer(s: FieldReader, ids: Map<string, string>): ServerConfig | undefined {
  const url = s.string('url', { required: true, nonEmpty: true });
  if (url !== undefined && !SERVER_URL.test(url)) {
    s.sink.add(`${s.path}.url`, `must be an absolute http(s) URL such as http://10.0.0.2:3000, got '${url}'`);
  }
  const weight = s.int('weight', { min: 0 }) ?? 1;
  const id = s.string('id', { nonEmpty: true }) ?? url;
  const preservePath = s.bool('preservePath');
  // Junction's provider-reported state: only the non-default value is kept (see ServerConfig).
  const available = s.bool('available') === false ? (false as const) : undefined;
  const draining = s.bool('draining') === true ? (true as const) : undefined;
  if (url === undefined || id === undefined) return undefined;
  const previous = ids.get(id);
  if (previous === undefined) ids.set(id, s.path);
  else s.sink.add(`${s.path}.id`, `duplicate server id '${id}' (also at ${previous}); give each server a distinct id`);
  return compact({ id, url, weight, preservePath, available, draining });
}

function readStrategy(r: FieldReader): LoadBalancerConfig['strategy'] {
  const name = r.string('strategy');
  if (name === undefined || name.trim() === '') return undefined;
  const strategy = resolveStrategy(name);
  if (strategy === undefined) {
    const expected = STRATEGY_NAMES.join(', ');
    r.sink.add(
      `${r.path}.strategy`,
      `unknown strategy '${name}'; expected one of ${expected} (or wrr, p2c, hrw, leasttime)`,
      'LB_CONFIG_UNKNOWN_STRATEGY',
    );
  }
  return strategy;
}

/** Reads a `sticky` block. `cookie: true` (or an empty `cookie:`) enables a cookie with defaults. */
export function readSticky(r: FieldReader): StickyConfig | undefined {
  const taken = r.take('cookie', true);
  if (taken === undefined) return {};
  const flag = typeof taken.value === 'string' ? taken.value.trim().toLowerCase() : taken.value;
  if (flag === null || flag === true || flag === 'true') return { cookie: {} };
  if (flag === false || flag === 'false') return {};
  const cookie = readObject(taken.value, taken.path, r.sink, readCookie);
  return cookie === undefined ? undefined : { cookie };
}

function readCookie(c: FieldReader): StickyCookieConfig {
  return compact({
    name: c.string('name', { nonEmpty: true }),
    secure: c.bool('secure'),
    httpOnly: c.bool('httpOnly'),
    sameSite: c.choice('sameSite', SAME_SITE),
    maxAge: c.int('maxAge'),
    path: c.string('path', { nonEmpty: true }),
    domain: c.string('domain', { nonEmpty: true }),
  });
}

function readHealthCheck(h: FieldReader): HealthCheckConfig | undefined {
  const path = h.string('path', { required: true, nonEmpty: true });
  if (path !== undefined && !path.startsWith('/')) h.sink.add(`${h.path}.path`, `must start with '/', got '${path}'`);
  const config = compact({
    path,
    intervalMs: h.durationMs(['interval'], 'intervalMs', { min: 1 }) ?? DEFAULT_HEALTH_CHECK_INTERVAL_MS,
    timeoutMs: h.durationMs(['timeout'], 'timeoutMs', { min: 1 }) ?? DEFAULT_HEALTH_CHECK_TIMEOUT_MS,
    unhealthyIntervalMs: h.durationMs(['unhealthyInterval'], 'unhealthyIntervalMs', { min: 1 }),
    scheme: h.choice('scheme', ['http', 'https'] as const),
    mode: h.choice('mode', ['http', 'grpc'] as const),
    hostname: h.string('hostname', { nonEmpty: true }),
    port: h.int('port', { min: 1, max: 65_535 }),
    method: h.string('method', { nonEmpty: true, fold: 'upper' }) ?? 'GET',
    status: h.int('status', { min: 100, max: 599 }),
    headers: h.stringMap('headers'),
    followRedirects: h.bool('followRedirects') ?? true,
    rise: h.int('rise', { min: 1 }) ?? 1,
    fall: h.int('fall', { min: 1 }) ?? 1,
  });
  return path === undefined ? undefined : { ...config, path };
}

function readPassiveHealthCheck(p: FieldReader): PassiveHealthCheckConfig {
  return {
    failures: p.int(['failures', 'maxFailedAttempts'], { min: 1 }) ?? DEFAULT_PASSIVE_FAILURES,
    windowMs: p.durationMs(['window', 'failureWindow'], 'windowMs', { min: 1 }) ?? DEFAULT_PASSIVE_WINDOW_MS,
    cooldownMs: p.durationMs(['cooldown'], 'cooldownMs', { min: 0 }) ?? DEFAULT_PASSIVE_COOLDOWN_MS,
  };
}
