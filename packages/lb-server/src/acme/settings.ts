/**
 * The ACME manager's settings besides the resolvers: the slice of Junction's logger it writes to,
 * and its timings (production defaults; tests shorten them).
 */

/** The slice of a pino logger the manager uses. */
export interface AcmeLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Timings; the defaults are production's, tests shorten them. */
export interface AcmeTiming {
  readonly concurrency: number;
  readonly checkIntervalMs: number;
  readonly backoffInitialMs: number;
  readonly backoffMaxMs: number;
  readonly poll?: { readonly minMs: number; readonly maxMs: number };
  /** Wait after publishing a challenge (a cluster's workers must all have it); 0 alone. */
  readonly challengeDelayMs?: number;
}

/** Two orders at once, renewal checked hourly, retries from 2 min doubling up to 4 h. */
export const DEFAULT_TIMING: AcmeTiming = {
  concurrency: 2,
  checkIntervalMs: 3_600_000,
  backoffInitialMs: 120_000,
  backoffMaxMs: 4 * 3_600_000,
};
