/**
 * Junction's HTTP middlewares (Traefik's middleware types): the contract the proxy pipeline
 * calls, the registry that compiles Traefik middleware objects, and the helpers to run them.
 */
export type {
  Middleware,
  MiddlewareDeps,
  MiddlewareResponse,
  MiddlewareResult,
  ProxyContext,
  ResponseHeaderBag,
} from './middleware';
export { requestHeader } from './middleware';
export { isMiddlewareConfigError, MiddlewareConfigError, type MiddlewareErrorCode } from './errors';
export { createMiddleware, MIDDLEWARE_FACTORIES, type MiddlewareType } from './registry';
export { buildMiddlewares, qualifyName, type BuiltMiddlewares } from './build';
export { runMiddlewares, runResponseHooks } from './pipeline';
export { findRetryPolicy, retryPolicy, type RetryMiddleware, type RetryPolicy } from './retry';
export type { ChainMiddleware } from './chain';
