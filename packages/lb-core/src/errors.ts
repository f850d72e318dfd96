/**
 * Coded errors of lb-core. Every failure lb-core reports is an {@link LbError} with a stable
 * `code` from {@link LB_ERROR_CODES}, an HTTP status where one applies, and structured details
 * (for rules: the character offset `position` and what was `expected`).
 *
 * Branded with `Symbol.for` so {@link isLbError} works across duplicate installs of this package.
 */

const kLbError = Symbol.for('junction.lb-core.error');

/** The catalogue of error codes, with the HTTP status the proxy answers with where one applies. */
export const LB_ERROR_CODES = {
  /** A rule does not parse: details carry `position` (0-based offset) and `expected`. */
  LB_RULE_SYNTAX: undefined,
  /** A rule names a matcher this syntax does not know. */
  LB_RULE_UNKNOWN_MATCHER: undefined,
  /** A matcher got the wrong number of arguments. */
  LB_RULE_ARITY: undefined,
  /** A matcher argument is not valid (bad regular expression, bad CIDR, empty host…). */
  LB_RULE_ARGUMENT: undefined,
  /** A rule is longer than the parser accepts. */
  LB_RULE_TOO_LONG: undefined,
  /** A configuration element is invalid; details carry the dotted `path`. */
  LB_CONFIG_INVALID: undefined,
  /**
   * A configuration's skeleton is wrong (a section or element map of the wrong type, an unknown
   * section): the whole snapshot is refused and the last good one keeps serving.
   */
  LB_CONFIG_STRUCTURE: undefined,
  /** A router names a service that does not exist. */
  LB_CONFIG_UNKNOWN_SERVICE: undefined,
  /** A router names a middleware that does not exist. */
  LB_CONFIG_UNKNOWN_MIDDLEWARE: undefined,
  /** A service names a balancing strategy that does not exist. */
  LB_CONFIG_UNKNOWN_STRATEGY: undefined,
  /** No router matched the request. */
  LB_NO_ROUTE: 404,
  /** The service has no server able to take the request (empty, all down, all draining, weights ≤ 0). */
  LB_NO_AVAILABLE_SERVER: 503,
} as const satisfies Record<string, number | undefined>;

/** A stable error code. */
export type LbErrorCode = keyof typeof LB_ERROR_CODES;

/** Structured details attached to an error. */
export interface LbErrorDetails {
  /** 0-based character offset in a rule, for rule errors. */
  readonly position?: number;
  /** What the parser expected at `position`. */
  readonly expected?: string;
  /** Dotted configuration path, e.g. `http.routers.api.rule`. */
  readonly path?: string;
  readonly [key: string]: unknown;
}

/** An error with a stable code, an optional HTTP status and structured details. */
export class LbError extends Error {
  readonly code: LbErrorCode;
  readonly statusCode: number | undefined;
  readonly details: LbErrorDetails;

  constructor(code: LbErrorCode, message: string, details: LbErrorDetails = {}) {
    super(message);
    this.name = 'LbError';
    this.code = code;
    this.statusCode = LB_ERROR_CODES[code];
    this.details = details;
    Object.defineProperty(this, kLbError, { value: true });
  }

  /** A plain, serialisable form: `{ code, message, ...details }`. */
  toJSON(): { code: LbErrorCode; message: string } & LbErrorDetails {
    return { code: this.code, message: this.message, ...this.details };
  }
}

/** True for an {@link LbError}, even one created by another copy of lb-core. */
export function isLbError(value: unknown): value is LbError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[kLbError] === true;
}

/**
 * Builds an {@link LbError}. The message is prefixed with the code, and with the position for
 * rule errors: `LB_RULE_SYNTAX at 17: expected ')'`.
 */
export function createError(code: LbErrorCode, message: string, details: LbErrorDetails = {}): LbError {
  const where = details.position === undefined ? '' : ` at ${details.position}`;
  return new LbError(code, `${code}${where}: ${message}`, details);
}
