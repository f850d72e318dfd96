/**
 * `stripPrefixRegex` (Traefik): removes the text matched by the first expression whose match
 * starts the path, and sets `X-Forwarded-Prefix` to it. Options: `regex` (list, Go syntax). A
 * rest that cleaning would change (`.`, `..`, `//`) is answered 400, as Traefik v3.7 does.
 */
import { stripPrefixRegex } from '@junction/lb-core';
import type { ConfigReader } from './config-reader';
import { invalid } from './errors';
import type { Middleware } from './middleware';
import { compileRegexOption } from './regex-option';
import { currentPath, rewriteOrRefuse } from './upstream-path';

/** Builds a `stripPrefixRegex` middleware. */
export function createStripPrefixRegex(name: string, options: ConfigReader): Middleware {
  const sources = options.list('regex') ?? [];
  options.done();
  if (sources.length === 0) throw invalid(options.at('regex'), 'at least one regular expression is required');
  const expressions = sources.map((source, i) => compileRegexOption(source, options.at('regex', i)));
  return {
    name,
    type: 'stripPrefixRegex',
    handle(ctx) {
      return rewriteOrRefuse(ctx, stripPrefixRegex(currentPath(ctx), expressions));
    },
  };
}
