/**
 * Static options of the jokes-api process, read once from the environment, validated,
 * defaulted and frozen. A bad value is a coded `JOKES_BAD_ENV` error naming the variable.
 */
import { JokesError } from './errors';

/** Port used when `PORT` is unset. */
export const DEFAULT_PORT = 3000;
/** Interface used when `HOST` is unset: all IPv4 interfaces, as containers need. */
export const DEFAULT_HOST = '0.0.0.0';
/** How long a graceful shutdown may wait for in-flight requests (below Docker's 10 s grace). */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 8_000;

/** Validated process options. */
export interface ServerOptions {
  readonly port: number;
  readonly host: string;
  readonly delayMs: number;
  readonly failRate: number;
  readonly shutdownTimeoutMs: number;
}

type Env = Readonly<Record<string, string | undefined>>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= min && value <= max)) {
    throw new JokesError('JOKES_BAD_ENV', `${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function rate(env: Env, name: string): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return 0;
  const value = /^(\d+(\.\d*)?|\.\d+)$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= 0 && value <= 1)) {
    throw new JokesError('JOKES_BAD_ENV', `${name} must be a number from 0 to 1, got "${raw}"`);
  }
  return value;
}

/**
 * Reads `PORT`, `HOST`, `JOKES_DELAY_MS`, `JOKES_FAIL_RATE` and `SHUTDOWN_TIMEOUT_MS`.
 * Empty strings count as unset (compose files often pass `VAR=`).
 */
export function readOptions(env: Env): ServerOptions {
  return Object.freeze({
    port: integer(env, 'PORT', DEFAULT_PORT, 0, 65_535),
    host: env['HOST']?.trim() || DEFAULT_HOST,
    delayMs: integer(env, 'JOKES_DELAY_MS', 0, 0, 600_000),
    failRate: rate(env, 'JOKES_FAIL_RATE'),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', DEFAULT_SHUTDOWN_TIMEOUT_MS, 1, 600_000),
  });
}
