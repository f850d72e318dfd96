/**
 * The settings of the file provider ({@link FileProvider}): which file or directory, watching and
 * polling, the validator that turns a raw tree into a typed configuration, and the logger slice
 * it writes to.
 */
import type { ValidationErrorLike } from './locate-error';

/** Turns a raw tree into a typed configuration plus element-level errors (lb-core's validator). */
export type ValidateConfig<C> = (raw: unknown) => {
  readonly config: C;
  readonly errors: readonly ValidationErrorLike[];
};

/** The slice of a pino logger the provider uses. */
export interface LoggerLike {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

/** Settings of {@link FileProvider}; exactly one of `filename` and `directory`. */
export interface FileProviderSettings<C> {
  readonly filename?: string;
  readonly directory?: string;
  /** Reload on change. Default true. */
  readonly watch?: boolean;
  readonly validate: ValidateConfig<C>;
  /** Provider name. Default `file`. */
  readonly name?: string;
  /** Quiet time after the last file event before re-reading. Default 50 ms. */
  readonly debounceMs?: number;
  /** Also re-read this often, for file systems that send no events. Default 0 (off). */
  readonly pollIntervalMs?: number;
  readonly logger?: LoggerLike;
  readonly now?: () => number;
}

/** A logger that drops everything (the default). */
export const silentLogger: LoggerLike = { error() {}, warn() {}, info() {}, debug() {} };
