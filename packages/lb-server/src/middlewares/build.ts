/**
 * Builds every middleware of a configuration at once, with errors attached per element: a bad
 * middleware is reported and left out, the others are built. Chains may name members in any
 * order; members are built on demand, and cycles are reported as `LB_MIDDLEWARE_CYCLE`.
 *
 * Names follow Traefik's qualification: a chain member written without `@provider` refers to the
 * middleware of the chain's own provider (`auth` inside `secured@docker` means `auth@docker`),
 * falling back to the name as written.
 */
import { isMiddlewareConfigError, MiddlewareConfigError } from './errors';
import type { Middleware, MiddlewareDeps } from './middleware';
import { createMiddleware } from './registry';

/** The outcome of {@link buildMiddlewares}: built middlewares and errors, both by name. */
export interface BuiltMiddlewares {
  readonly middlewares: ReadonlyMap<string, Middleware>;
  readonly errors: ReadonlyMap<string, MiddlewareConfigError>;
}

/** Resolves a member reference `ref` written inside middleware `from` against the known names. */
export function qualifyName(ref: string, from: string, known: (name: string) => boolean): string {
  if (ref.includes('@')) return ref;
  const at = from.lastIndexOf('@');
  if (at !== -1) {
    const qualified = `${ref}${from.slice(at)}`;
    if (known(qualified)) return qualified;
  }
  return ref;
}

/**
 * Compiles `configs` (name → Traefik middleware object). `deps.lookup` is provided internally;
 * the other deps are passed to every factory.
 */
export function buildMiddlewares(
  configs: Readonly<Record<string, unknown>>,
  deps: Omit<MiddlewareDeps, 'lookup'> = {},
): BuiltMiddlewares {
  const middlewares = new Map<string, Middleware>();
  const errors = new Map<string, MiddlewareConfigError>();
  const building: string[] = [];
  const known = (name: string): boolean => Object.hasOwn(configs, name);

  const build = (name: string): Middleware | undefined => {
    const done = middlewares.get(name);
    if (done !== undefined) return done;
    const failed = errors.get(name);
    if (failed !== undefined) throw new MiddlewareConfigError(failed.code, '', failed.message);
    if (!known(name)) return undefined;
    if (building.includes(name)) {
      const cycle = [...building.slice(building.indexOf(name)), name].join(' → ');
      throw new MiddlewareConfigError('LB_MIDDLEWARE_CYCLE', '', `chains form a cycle: ${cycle}`);
    }
    building.push(name);
    try {
      const mw = createMiddleware(name, configs[name], {
        ...deps,
        lookup: (ref) => build(qualifyName(ref, name, known)),
      });
      middlewares.set(name, mw);
      return mw;
    } catch (err) {
      if (!isMiddlewareConfigError(err)) throw err;
      errors.set(name, err);
      throw err;
    } finally {
      building.pop();
    }
  };

  for (const name of Object.keys(configs)) {
    try {
      build(name);
    } catch (err) {
      if (!isMiddlewareConfigError(err)) throw err;
    }
  }
  return { middlewares, errors };
}
