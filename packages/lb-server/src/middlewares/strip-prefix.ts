/**
 * `stripPrefix` (Traefik): removes the first configured prefix the path starts with (in the
 * configured order, not the longest), and tells the upstream what was removed in
 * `X-Forwarded-Prefix`. Options: `prefixes` (required), `forceSlash` (deprecated in Traefik,
 * still honoured: a path emptied by the strip becomes `/` for the next middleware too). A rest
 * that cleaning would change (`/api../x` leaves `/../x`, `/api//x` leaves `//x`) is answered 400,
 * as Traefik v3.7 does.
 */
import { FORWARDED_PREFIX_HEADER, stripPrefix } from '@junction/lb-core';
import type { ConfigReader } from './config-reader';
import { invalid } from './errors';
import type { Middleware } from './middleware';
import { currentPath, rewriteOrRefuse } from './upstream-path';

/** Builds a `stripPrefix` middleware. */
export function createStripPrefix(name: string, options: ConfigReader): Middleware {
  const prefixes = options.list('prefixes') ?? [];
  const forceSlash = options.bool('forceSlash') ?? false;
  options.done();
  if (prefixes.length === 0) throw invalid(options.at('prefixes'), 'at least one prefix is required');
  return {
    name,
    type: 'stripPrefix',
    handle(ctx) {
      const rewrite = stripPrefix(currentPath(ctx), prefixes);
      if (!(FORWARDED_PREFIX_HEADER in rewrite.headers)) return undefined; // no prefix matched
      return rewriteOrRefuse(ctx, forceSlash && rewrite.path === '' ? { ...rewrite, path: '/' } : rewrite);
    },
  };
}
