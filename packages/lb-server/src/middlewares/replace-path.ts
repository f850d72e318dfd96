/**
 * `replacePath` (Traefik): replaces the whole upstream path with `path` and keeps the original
 * in `X-Replaced-Path`. `replacePathRegex` does the same only when its expression matches, with
 * a Go replacement template (`$1`, `${name}`); an empty replacement removes the matches (Traefik
 * ≥ 2.11.1), and a result that cleaning would change (`..`, `.`, `//`) is answered 400 (v3.7).
 * A new path with a malformed escape (`%zz`) is answered 500, as Traefik does for both.
 */
import { replacePath, replacePathRegex } from '@junction/lb-core';
import type { ConfigReader } from './config-reader';
import type { Middleware } from './middleware';
import { compileRegexOption } from './regex-option';
import { currentPath, rewriteOrRefuse } from './upstream-path';

/** Builds a `replacePath` middleware. */
export function createReplacePath(name: string, options: ConfigReader): Middleware {
  const path = options.string('path', true) ?? '/';
  options.done();
  return {
    name,
    type: 'replacePath',
    handle(ctx) {
      return rewriteOrRefuse(ctx, replacePath(currentPath(ctx), path));
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
      return rewriteOrRefuse(ctx, replacePathRegex(currentPath(ctx), re, replacement));
    },
  };
}
