/**
 * Where configuration errors go while a configuration is read: one shared list, with each
 * error tagged by the element (router, service, middleware) it disables.
 */
import type { LbErrorCode } from '../errors';
import type { ConfigElementKind, ConfigError } from './types';

/** Collects {@link ConfigError}s, tagging them with the element being read. */
export class ErrorSink {
  readonly #errors: ConfigError[];
  readonly #element: ConfigError['element'];

  constructor(errors: ConfigError[], element?: ConfigError['element']) {
    this.#errors = errors;
    this.#element = element;
  }

  /** Records an error at `path`. */
  add(path: string, message: string, code: LbErrorCode = 'LB_CONFIG_INVALID'): void {
    this.#errors.push(
      this.#element === undefined ? { path, code, message } : { path, code, message, element: this.#element },
    );
  }

  /** How many errors have been recorded so far (in the shared list). */
  get count(): number {
    return this.#errors.length;
  }

  /** A sink writing to the same list, tagging errors with an element. */
  forElement(kind: ConfigElementKind, name: string): ErrorSink {
    return new ErrorSink(this.#errors, { kind, name });
  }
}
