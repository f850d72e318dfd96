/**
 * Coded errors for middleware configuration. A bad middleware is reported as data on that
 * element (its `path` says where), so the rest of the configuration keeps serving.
 * Branded with `Symbol.for` so {@link isMiddlewareConfigError} survives duplicate installs.
 */

const kMiddlewareError = Symbol.for('junction.lb-server.middleware-error');

/** Error codes of middleware configuration. */
export type MiddlewareErrorCode =
  /** A middleware's configuration is invalid; `path` points at the offending field. */
  | 'LB_MIDDLEWARE_INVALID'
  /** A chain (or router) names a middleware that does not exist. */
  | 'LB_MIDDLEWARE_UNKNOWN'
  /** Chains refer to each other in a cycle. */
  | 'LB_MIDDLEWARE_CYCLE';

/** A middleware configuration error with a stable code and a dotted `path` like `basicAuth.users[1]`. */
export class MiddlewareConfigError extends Error {
  readonly code: MiddlewareErrorCode;
  /** Where in the middleware object the problem is, e.g. `rateLimit.period`. */
  readonly path: string;

  constructor(code: MiddlewareErrorCode, path: string, message: string) {
    super(`${code}${path ? ` at ${path}` : ''}: ${message}`);
    this.name = 'MiddlewareConfigError';
    this.code = code;
    this.path = path;
    Object.defineProperty(this, kMiddlewareError, { value: true });
  }

  /** A plain, serialisable form: `{ code, message, path }`. */
  toJSON(): { code: MiddlewareErrorCode; message: string; path: string } {
    return { code: this.code, message: this.message, path: this.path };
  }
}

/** True for a {@link MiddlewareConfigError}, even one from another copy of this module. */
export function isMiddlewareConfigError(value: unknown): value is MiddlewareConfigError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[kMiddlewareError] === true;
}

/** Shorthand for an `LB_MIDDLEWARE_INVALID` error at `path`. */
export function invalid(path: string, message: string): MiddlewareConfigError {
  return new MiddlewareConfigError('LB_MIDDLEWARE_INVALID', path, message);
}
