/**
 * Runs a list of middlewares over one request, as the proxy does for a router and `chain` does
 * for its members: in order, stopping at the first response. It stays synchronous until a
 * middleware returns a Promise, so the common path allocates no Promise at all.
 */
import type { Middleware, MiddlewareResult, ProxyContext, ResponseHeaderBag } from './middleware';

function isPromise(value: MiddlewareResult | Promise<MiddlewareResult>): value is Promise<MiddlewareResult> {
  return typeof (value as Promise<MiddlewareResult> | undefined)?.then === 'function';
}

/** Runs `list` from index `start`; `undefined` means every middleware let the request pass. */
export function runMiddlewares(
  list: readonly Middleware[],
  ctx: ProxyContext,
  start = 0,
): MiddlewareResult | Promise<MiddlewareResult> {
  for (let i = start; i < list.length; i++) {
    const result = (list[i] as Middleware).handle(ctx);
    if (result === undefined) continue;
    if (isPromise(result)) {
      return result.then((res) => (res === undefined ? runMiddlewares(list, ctx, i + 1) : res));
    }
    return result;
  }
  return undefined;
}

/** Calls the `onResponse` hooks of `list` in reverse order (innermost first, as Traefik wraps them). */
export function runResponseHooks(list: readonly Middleware[], ctx: ProxyContext, headers: ResponseHeaderBag): void {
  for (let i = list.length - 1; i >= 0; i--) list[i]?.onResponse?.(ctx, headers);
}
