/**
 * Static options of the static-site process, read once from the environment, validated,
 * defaulted and frozen. A bad value is a coded `STATIC_BAD_ENV` error naming the variable.
 */
import { defaultNodeName } from './node-name';

/** Port used when `PORT` is unset. */
export const DEFAULT_PORT = 8080;
/** Interface used when `HOST` is unset: all IPv4 interfaces, as containers need. */
export const DEFAULT_HOST = '0.0.0.0';
/** How long a graceful shutdown may wait for in-flight requests (below Docker's 10 s grace). */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 8_000;

/** A configuration error with a stable code. */
export class StaticConfigError extends Error {
  readonly code = 'STATIC_BAD_ENV';

  constructor(message: string) {
    super(message);
    this.name = 'StaticConfigError';
  }
}

/** Validated process options. */
export interface ServerOptions {
  readonly port: number;
  readonly host: string;
  readonly nodeName: string;
  readonly shutdownTimeoutMs: number;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Node names must be safe in an HTTP header: visible ASCII and spaces, at most 128 chars. */
const NODE_NAME = /^[\x21-\x7e](?:[\x20-\x7e]{0,126}[\x21-\x7e])?$/;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= min && value <= max)) {
    throw new StaticConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function nodeName(env: Env): string {
  const raw = env['NODE_NAME']?.trim();
  if (raw === undefined || raw === '') return defaultNodeName();
  if (!NODE_NAME.test(raw)) {
    throw new StaticConfigError('NODE_NAME must be 1–128 visible ASCII characters (spaces allowed inside)');
  }
  return raw;
}

/**
 * Reads `PORT`, `HOST`, `NODE_NAME` and `SHUTDOWN_TIMEOUT_MS`. Empty strings count as unset
 * (compose files often pass `VAR=`).
 */
export function readOptions(env: Env): ServerOptions {
  return Object.freeze({
    port: integer(env, 'PORT', DEFAULT_PORT, 0, 65_535),
    host: env['HOST']?.trim() || DEFAULT_HOST,
    nodeName: nodeName(env),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', DEFAULT_SHUTDOWN_TIMEOUT_MS, 1, 600_000),
  });
}
