/**
 * `stripPrefixRegex` (Traefik): removes the text matched by the first expression whose match
 * starts the path, and sets `X-Forwarded-Prefix` to it. Options: `regex` (list, Go syntax).
 */
import type { ConfigReader } from './config-reader';
import { invalid } from './errors';
import { compileGoRegExp } from './go-regexp';
import type { Middleware } from './middleware';
import { stripPrefixRegex } from './path-ops';
import { setForwardedPrefix } from './strip-prefix';

/** Builds a `stripPrefixRegex` middleware. */
export function createStripPrefixRegex(name: string, options: ConfigReader): Middleware {
  const sources = options.list('regex') ?? [];
  options.done();
  if (sources.length === 0) throw invalid(options.at('regex'), 'at least one regular expression is required');
  const expressions = sources.map((source, i) => {
    try {
      return compileGoRegExp(source);
    } catch (err) {
      throw invalid(options.at('regex', i), `invalid regular expression: ${(err as Error).message}`);
    }
  });
  return {
    name,
    type: 'stripPrefixRegex',
    handle(ctx) {
      const stripped = stripPrefixRegex(ctx.path, expressions);
      if (stripped === undefined) return undefined;
      ctx.path = stripped.path;
      setForwardedPrefix(ctx, stripped.prefix);
      return undefined;
    },
  };
}
