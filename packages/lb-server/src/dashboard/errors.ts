/**
 * Coded errors of the dashboard and its actions API (STYLE §14): each code has one HTTP status,
 * and every failure is answered as `{ "error": message, "code": code }`, so scripts and the UI
 * can tell cases apart without parsing messages.
 */

/** The dashboard's error codes and their HTTP status. */
export const DASHBOARD_ERRORS = {
  /** The request needs credentials and carried none, or wrong ones. */
  DASH_UNAUTHORIZED: 401,
  /** Actions are disabled: no users and no token are configured. */
  DASH_ACTIONS_DISABLED: 403,
  /** A cross-site request (Origin or Sec-Fetch-Site) was refused. */
  DASH_CROSS_SITE: 403,
  /** An action was sent without `Content-Type: application/json`. */
  DASH_UNSUPPORTED_MEDIA_TYPE: 415,
  /** The body or a parameter is malformed. */
  DASH_BAD_REQUEST: 400,
  /** No such service, server, container or compose service. */
  DASH_NOT_FOUND: 404,
  /** The element exists but the action does not apply (e.g. draining a server of a weighted service). */
  DASH_CONFLICT: 409,
  /** Container management is not configured (no Docker client). */
  DASH_DOCKER_UNAVAILABLE: 503,
  /** The Docker engine refused or failed the operation. */
  DASH_DOCKER_FAILED: 502,
} as const;

/** A dashboard error code. */
export type DashboardErrorCode = keyof typeof DASHBOARD_ERRORS;

const BRAND = Symbol.for('junction.DashboardError');

/** A failure of a dashboard action, with its code and HTTP status. */
export class DashboardError extends Error {
  readonly code: DashboardErrorCode;
  readonly statusCode: number;
  readonly [BRAND] = true;

  constructor(code: DashboardErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DashboardError';
    this.code = code;
    this.statusCode = DASHBOARD_ERRORS[code];
  }
}

/** Whether `value` is a {@link DashboardError} (branded, so duplicate installs still match). */
export function isDashboardError(value: unknown): value is DashboardError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/** Shorthand for `new DashboardError(code, message)`. */
export function dashboardError(code: DashboardErrorCode, message: string, cause?: unknown): DashboardError {
  return new DashboardError(code, message, cause === undefined ? undefined : { cause });
}

/** The JSON body of an error answer. */
export function errorBody(error: DashboardError): { error: string; code: DashboardErrorCode } {
  return { error: error.message, code: error.code };
}
