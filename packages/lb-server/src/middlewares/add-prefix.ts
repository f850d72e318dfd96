/** `addPrefix` (Traefik): prepends `prefix` (required, non-empty) to the upstream path. */
import type { ConfigReader } from './config-reader';
import type { Middleware } from './middleware';
import { addPrefix } from './path-ops';

/** Builds an `addPrefix` middleware. */
export function createAddPrefix(name: string, options: ConfigReader): Middleware {
  const prefix = options.string('prefix', true) ?? '';
  options.done();
  return {
    name,
    type: 'addPrefix',
    handle(ctx) {
      ctx.path = addPrefix(ctx.path, prefix);
      return undefined;
    },
  };
}
