/**
 * One active health probe: build the probe URL from the server URL and the options, send one
 * request through undici, drain the body, and turn the outcome into a short reason. Mirrors
 * Traefik v3's `newRequest` / `checkHealthHTTP` (`pkg/healthcheck/healthcheck.go`).
 */
import type { Dispatcher } from 'undici';
import { tlsServerName } from '../runtime/runtime-server';
import type { ActiveHealthConfig } from './active-config';

/** The outcome of one probe; `detail` is e.g. `status 200`, `status 500`, `ECONNREFUSED`, `timeout after 5000ms`. */
export interface ProbeResult {
  readonly ok: boolean;
  readonly detail: string;
}

/** The most response body a probe reads before closing the connection. */
const DRAIN_LIMIT_BYTES = 64 * 1024;

/**
 * The URL a probe hits: `path` resolved against the server URL (RFC 3986, as Go's
 * `url.Parse`), then `scheme` and `port` replaced when set.
 */
export function probeUrl(serverUrl: string, config: Pick<ActiveHealthConfig, 'path' | 'scheme' | 'port'>): URL {
  const url = new URL(config.path, serverUrl);
  url.hash = '';
  if (config.scheme !== undefined) url.protocol = `${config.scheme}:`;
  if (config.port !== undefined) url.port = String(config.port);
  return url;
}

/** True when `status` counts as healthy: the expected code if one is set, else 2xx and 3xx (Traefik). */
export function isHealthyStatus(status: number, expected: number | undefined): boolean {
  return expected === undefined ? status >= 200 && status < 400 : status === expected;
}

class ProbeTimeout extends Error {
  constructor(ms: number) {
    super(`timeout after ${ms}ms`);
    this.name = 'ProbeTimeout';
  }
}

/** A short, stable reason for a failed request: the errno or undici code, plus undici's message. */
export function describeProbeError(error: unknown): string {
  if (error instanceof ProbeTimeout) return error.message;
  if (typeof error !== 'object' || error === null) return String(error);
  const { code, message, errors } = error as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof code === 'string' && code !== '') {
    return code.startsWith('UND_ERR') && typeof message === 'string' ? `${code}: ${message}` : code;
  }
  // Happy-eyeballs connects fail with an AggregateError whose parts carry the code.
  if (Array.isArray(errors) && errors.length > 0) return describeProbeError(errors[0]);
  return typeof message === 'string' && message !== '' ? message : 'probe failed';
}

/**
 * Sends one probe. Never throws: failures come back as `{ ok: false, detail }`. The whole probe
 * (connect, headers, draining up to 64 KiB of body) is bounded by `config.timeoutMs`; `signal`
 * aborts it early (checker stopped or server removed).
 */
export async function runProbe(
  target: URL,
  config: ActiveHealthConfig,
  dispatcher: Dispatcher,
  signal: AbortSignal,
): Promise<ProbeResult> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new ProbeTimeout(config.timeoutMs)), config.timeoutMs);
  timer.unref();
  const both = AbortSignal.any([signal, timeout.signal]);
  const headers: Record<string, string> = { ...config.headers };
  if (config.hostname !== undefined) headers.host = config.hostname;
  try {
    // An `h2c://` server is probed over HTTP/2 as it is served (the upstream agent's h2c origin).
    const origin = target.protocol === 'h2c:' ? `h2c://${target.host}` : target.origin;
    const options: Dispatcher.RequestOptions & { servername: string } = {
      origin,
      path: `${target.pathname}${target.search}`,
      method: config.method as Dispatcher.HttpMethod,
      headers,
      signal: both,
      // TLS for the server's name, not `hostname`'s Host header (see `proxy/dispatcher.ts`).
      servername: tlsServerName(target),
    };
    const res = await dispatcher.request(options);
    await res.body.dump({ limit: DRAIN_LIMIT_BYTES, signal: both }).catch(() => undefined);
    if (both.aborted) return { ok: false, detail: describeProbeError(both.reason) };
    const ok = isHealthyStatus(res.statusCode, config.status);
    const expected = ok || config.status === undefined ? '' : `, expected ${config.status}`;
    return { ok, detail: `status ${res.statusCode}${expected}` };
  } catch (error) {
    return { ok: false, detail: describeProbeError(both.aborted ? both.reason : error) };
  } finally {
    clearTimeout(timer);
  }
}
