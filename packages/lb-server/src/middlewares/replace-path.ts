/**
 * `replacePath` (Traefik): replaces the whole upstream path with `path` and keeps the original
 * in `X-Replaced-Path`. `replacePathRegex` does the same only when its expression matches, with
 * a Go replacement template (`$1`, `${name}`).
 */
import type { ConfigReader } from './config-reader';
import { invalid } from './errors';
import { compileGoRegExp, GoTemplate } from './go-regexp';
import type { Middleware, ProxyContext } from './middleware';
import { replacePathRegex } from './path-ops';

/** The header carrying the path before replacement. */
export const REPLACED_PATH_HEADER = 'x-replaced-path';

function replace(ctx: ProxyContext, path: string): void {
  if (ctx.upstreamHeaders[REPLACED_PATH_HEADER] === undefined) ctx.upstreamHeaders[REPLACED_PATH_HEADER] = ctx.path;
  ctx.path = path;
}

/** Builds a `replacePath` middleware. */
export function createReplacePath(name: string, options: ConfigReader): Middleware {
  const path = options.string('path', true) ?? '/';
  options.done();
  return {
    name,
    type: 'replacePath',
    handle(ctx) {
      replace(ctx, path);
      return undefined;
    },
  };
}

/** Builds a `replacePathRegex` middleware. */
export function createReplacePathRegex(name: string, options: ConfigReader): Middleware {
  const source = (options.string('regex', true) ?? '').trim();
  const template = new GoTemplate((options.string('replacement') ?? '').trim());
  options.done();
  let re: RegExp;
  try {
    re = compileGoRegExp(source, true);
  } catch (err) {
    throw invalid(options.at('regex'), `invalid regular expression: ${(err as Error).message}`);
  }
  return {
    name,
    type: 'replacePathRegex',
    handle(ctx) {
      const next = replacePathRegex(ctx.path, re, template);
      if (next !== undefined) replace(ctx, next);
      return undefined;
    },
  };
}
