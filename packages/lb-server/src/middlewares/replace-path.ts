/**
 * `replacePath` (Traefik): replaces the whole upstream path with `path` and keeps the original
 * in `X-Replaced-Path`. `replacePathRegex` does the same only when its expression matches, with
 * a Go replacement template (`$1`, `${name}`); as in Traefik, an empty replacement does nothing.
 */
import { replacePath, replacePathRegex } from '@junction/lb-core';
import type { ConfigReader } from './config-reader';
import type { Middleware } from './middleware';
import { compileRegexOption } from './regex-option';
import { applyRewrite, currentPath } from './upstream-path';

/** Builds a `replacePath` middleware. */
export function createReplacePath(name: string, options: ConfigReader): Middleware {
  const path = options.string('path', true) ?? '/';
  options.done();
  return {
    name,
    type: 'replacePath',
    handle(ctx) {
      applyRewrite(ctx, replacePath(currentPath(ctx), path));
      return undefined;
    },
  };
}

/** Builds a `replacePathRegex` middleware. */
export function createReplacePathRegex(name: string, options: ConfigReader): Middleware {
  const source = (options.string('regex', true) ?? '').trim();
  const replacement = (options.string('replacement') ?? '').trim();
  options.done();
  const re = compileRegexOption(source, options.at('regex'));
  return {
    name,
    type: 'replacePathRegex',
    handle(ctx) {
      applyRewrite(ctx, replacePathRegex(currentPath(ctx), re, replacement));
      return undefined;
    },
  };
}
