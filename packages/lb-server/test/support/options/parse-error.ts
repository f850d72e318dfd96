/**
 * Test support for the static options parser: parse expecting failure, and a reader for which
 * every file is missing (the default when a test names no configuration file).
 */
import { isOptionsError, type OptionsError } from '../../../src/options/options-error';
import { parseStaticOptions } from '../../../src/options/parse-static-options';

/** A `readFile` for which no file exists (throws ENOENT). */
export const noFile = (path: string): string => {
  throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
};

/** Parses, expecting an {@link OptionsError}; throws when parsing succeeds or fails otherwise. */
export function parseError(argv: string[], env: Record<string, string> = {}, readFile = noFile): OptionsError {
  try {
    parseStaticOptions(argv, env, readFile);
  } catch (error) {
    if (isOptionsError(error)) return error;
    throw error;
  }
  throw new Error('expected an OptionsError');
}
