/**
 * Coded errors of the harness. Commands print `code: message` and exit non-zero, so a CI log
 * says which step failed (a process that did not start, a reload that never applied…).
 */

/** The catalogue of harness error codes. */
export const HARNESS_ERROR_CODES = {
  /** A command-line option is invalid. */
  HARNESS_BAD_OPTION: 'a command-line option is invalid',
  /** A child process (Junction, a backend, a proxy) exited or never became ready. */
  HARNESS_START_FAILED: 'a child process did not start',
  /** Junction did not apply a rewritten configuration in time. */
  HARNESS_RELOAD_TIMEOUT: 'a configuration reload was not applied',
  /** Something the run needs is missing (lb-server's main, a binary). */
  HARNESS_MISSING: 'something the run needs is missing',
  /** A load run produced nothing (every request failed). */
  HARNESS_NO_TRAFFIC: 'no request succeeded',
} as const;

/** A stable harness error code. */
export type HarnessErrorCode = keyof typeof HARNESS_ERROR_CODES;

/** An error with a stable code and optional details. */
export class HarnessError extends Error {
  readonly code: HarnessErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: HarnessErrorCode, message: string, details: Readonly<Record<string, unknown>> = {}) {
    super(`${code}: ${message}`);
    this.name = 'HarnessError';
    this.code = code;
    this.details = details;
  }
}
