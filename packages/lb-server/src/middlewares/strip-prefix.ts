/**
 * `stripPrefix` (Traefik): removes the first configured prefix the path starts with, and tells
 * the upstream what was removed in `X-Forwarded-Prefix`. Options: `prefixes` (required),
 * `forceSlash` (deprecated in Traefik, still honoured).
 */
import type { ConfigReader } from './config-reader';
import { invalid } from './errors';
import type { Middleware, ProxyContext } from './middleware';
import { stripPrefix } from './path-ops';

/** The header carrying the stripped prefix. */
export const FORWARDED_PREFIX_HEADER = 'x-forwarded-prefix';

/**
 * Records the stripped prefix unless an earlier middleware already did (Traefik adds the header,
 * and upstreams read its first value).
 */
export function setForwardedPrefix(ctx: ProxyContext, prefix: string): void {
  if (ctx.upstreamHeaders[FORWARDED_PREFIX_HEADER] === undefined) ctx.upstreamHeaders[FORWARDED_PREFIX_HEADER] = prefix;
}

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
      const stripped = stripPrefix(ctx.path, prefixes, forceSlash);
      if (stripped === undefined) return undefined;
      ctx.path = stripped.path;
      setForwardedPrefix(ctx, stripped.prefix);
      return undefined;
    },
  };
}
