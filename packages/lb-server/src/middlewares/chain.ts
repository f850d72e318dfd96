/**
 * `chain` (Traefik): runs the named `middlewares` in order as one. Members are resolved once, at
 * construction, through `deps.lookup`; an unknown name is an `LB_MIDDLEWARE_UNKNOWN` error, and
 * an error the lookup throws for a member (invalid, cycle) is re-thrown at the member's path.
 */
import type { ConfigReader } from './config-reader';
import { invalid, isMiddlewareConfigError, MiddlewareConfigError } from './errors';
import type { Middleware, MiddlewareDeps } from './middleware';
import { runMiddlewares, runResponseHooks } from './pipeline';

/** A chain exposes its resolved members (for `findRetryPolicy` and diagnostics). */
export interface ChainMiddleware extends Middleware {
  readonly type: 'chain';
  readonly members: readonly Middleware[];
}

/** Builds a `chain` middleware over already-built members. */
export function createChain(name: string, options: ConfigReader, deps: MiddlewareDeps): ChainMiddleware {
  const names = options.list('middlewares') ?? [];
  options.done();
  const { lookup } = deps;
  if (lookup === undefined && names.length > 0)
    throw invalid(options.at('middlewares'), 'no middleware lookup available');
  const members = names.map((ref, i) => {
    let mw: Middleware | undefined;
    try {
      mw = lookup?.(ref);
    } catch (err) {
      if (!isMiddlewareConfigError(err)) throw err;
      throw new MiddlewareConfigError(
        err.code,
        options.at('middlewares', i),
        `middleware ${JSON.stringify(ref)}: ${err.message}`,
      );
    }
    if (mw === undefined) {
      throw new MiddlewareConfigError(
        'LB_MIDDLEWARE_UNKNOWN',
        options.at('middlewares', i),
        `unknown middleware ${JSON.stringify(ref)}`,
      );
    }
    return mw;
  });
  const hasHooks = members.some((m) => m.onResponse !== undefined);
  return {
    name,
    type: 'chain',
    members,
    handle: (ctx) => runMiddlewares(members, ctx),
    ...(hasHooks ? { onResponse: (ctx, headers) => runResponseHooks(members, ctx, headers) } : {}),
  };
}
