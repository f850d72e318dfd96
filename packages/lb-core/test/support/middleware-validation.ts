/**
 * Shared set-up of the middleware validation tests (src/config/validate-middleware.*.test.ts):
 * validation of one middleware `m` beside a `headers` middleware `h` a chain may name.
 */
import { validateDynamicConfig } from '../../src/config/validate';

/** Validates one middleware `m` (and a `headers` middleware `h` a chain may name). */
export function validateMiddleware(middleware: unknown) {
  return validateDynamicConfig({ http: { middlewares: { m: middleware, h: { headers: {} } } } });
}
