/**
 * The one retry policy of the proxy, shared by HTTP requests (`forward.ts`) and WebSocket
 * upgrades (`websocket.ts`): what an upstream failure was, whether it counts against the server's
 * passive health, and whether the exchange goes to another server or is answered.
 *
 * - `connect`: no connection could be made (refused, unreachable, connect timeout, name not
 *   found). Counts against passive health; retried, a request with a body too as long as not one
 *   byte of it was read (undici reads it only once connected), so the same stream can be sent.
 * - `gone`: the upstream gate refused the connection (the server's container is stopping or
 *   gone; nothing was sent). Retried like `connect`, not counted against passive health.
 * - `reset`: the connection broke before a response. Counts; retried only for a request without
 *   a body (part of one may have been sent and cannot be taken back).
 * - `timeout`: no response head in time. Counts; never retried → 504.
 * - `other` (a malformed answer, a refused request): → 502.
 *
 * A retry goes to a server not tried yet, never the same one. With a `retry` middleware the
 * attempts and backoff are its own; without one every other server gets one try at once (Traefik
 * answers 502 at once there; Junction is kinder to clients when a container has just died).
 */
import type { Metrics } from '../metrics/metrics';
import type { Exchange } from './exchange';
import { pickTarget } from './pick';
import { UPSTREAM_GONE } from './upstream-gate';

/** What went wrong with an upstream attempt (see module comment). */
export type FailureKind = 'connect' | 'gone' | 'reset' | 'timeout' | 'other';

const KINDS: ReadonlyMap<string, FailureKind> = new Map<string, FailureKind>([
  [UPSTREAM_GONE, 'gone'],
  ...[
    'ECONNREFUSED',
    'UND_ERR_CONNECT_TIMEOUT',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'EHOSTDOWN',
    'ENOTFOUND',
    'EAI_AGAIN',
    'ETIMEDOUT',
    'EADDRNOTAVAIL',
  ].map((code) => [code, 'connect'] as const),
  ...['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE', 'UND_ERR_CLOSED'].map((code) => [code, 'reset'] as const),
  ...['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'].map((code) => [code, 'timeout'] as const),
]);

/** The error's code, or its cause's (undici wraps connector errors). */
export function errorCode(error: unknown): string {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null | undefined;
  const code = typeof e?.cause?.code === 'string' ? e.cause.code : e?.code;
  return typeof code === 'string' ? code : '';
}

/** Classifies an upstream error by its code. */
export function classifyFailure(error: unknown): FailureKind {
  return KINDS.get(errorCode(error)) ?? 'other';
}

/** Reports the failure to the current server's passive health when it counts against it. */
export function reportFailure(ex: Exchange, kind: FailureKind, error: unknown): void {
  const target = ex.target;
  if (target === undefined || kind === 'gone' || kind === 'other') return;
  target.service.health.passive.recordFailure(target.server.id, errorCode(error));
}

/** Whether a failure of this kind may be retried at all, given what happened to the body. */
export function retryable(kind: FailureKind, hasBody: boolean, bodyUnread: boolean): boolean {
  if (kind === 'connect' || kind === 'gone') return !hasBody || bodyUnread;
  if (kind === 'reset') return !hasBody;
  return false;
}

/**
 * Moves the exchange to the next server when the router's policy allows another attempt and an
 * untried server is available; returns the delay before that attempt (ms, 0 = now), or
 * `undefined` when the caller answers (502).
 */
export function nextAttempt(
  ex: Exchange,
  metrics: Pick<Metrics, 'recordRetry'> | undefined,
  random: () => number = Math.random,
): number | undefined {
  const router = ex.router;
  const current = ex.target;
  if (router?.service === undefined || current === undefined) return undefined;
  const policy = router.retry;
  if (policy !== undefined && ex.retries + 1 >= policy.attempts) return undefined;
  (ex.tried ??= []).push(current.server.url);
  ex.setCookies = undefined;
  const next = pickTarget(router.service, ex, ex.tried);
  if (next === undefined) return undefined;
  ex.use(next);
  ex.retries += 1;
  metrics?.recordRetry(router.serviceName);
  return policy === undefined ? 0 : policy.delayMs(ex.retries, random);
}
