/** `addPrefix` (Traefik): prepends `prefix` (required, non-empty) to the upstream path. */
import { addPrefix } from '@junction/lb-core';
import type { ConfigReader } from './config-reader';
import type { Middleware } from './middleware';
import { applyRewrite, currentPath } from './upstream-path';

/** Builds an `addPrefix` middleware. */
export function createAddPrefix(name: string, options: ConfigReader): Middleware {
  const prefix = options.string('prefix', true) ?? '';
  options.done();
  return {
    name,
    type: 'addPrefix',
    handle(ctx) {
      applyRewrite(ctx, addPrefix(currentPath(ctx), prefix));
      return undefined;
    },
  };
}
