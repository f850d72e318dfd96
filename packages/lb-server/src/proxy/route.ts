/**
 * The decision half of the proxy pipeline, shared by HTTP requests and WebSocket upgrades:
 * match a router on the runtime read for this request → apply the v1 rule's path modifiers →
 * run the router's middlewares (a middleware answer ends it) → pick a server. What is left is
 * forwarding, which differs between the two. Synchronous unless a middleware must wait.
 */
import { toRoutingPath, type RequestFacts } from '@junction/lb-core';
import type { MiddlewareResponse, MiddlewareResult } from '../middlewares/middleware';
import { runMiddlewares } from '../middlewares/pipeline';
import type { Runtime, RuntimeRouter } from '../runtime/runtime';
import type { ProxyErrorCode } from './errors';
import type { Exchange } from './exchange';
import { pickTarget } from './pick';

/** What to do with an exchange. */
export type Decision =
  | { readonly kind: 'error'; readonly code: ProxyErrorCode }
  | { readonly kind: 'answer'; readonly response: MiddlewareResponse }
  | { readonly kind: 'forward' };

const FORWARD: Decision = Object.freeze({ kind: 'forward' });
const ERRORS = new Map<ProxyErrorCode, Decision>();

/** The (shared, frozen) error decision for `code`. */
export function errorDecision(code: ProxyErrorCode): Decision {
  let decision = ERRORS.get(code);
  if (decision === undefined) ERRORS.set(code, (decision = Object.freeze({ kind: 'error', code })));
  return decision;
}

/** Request facts with settable fields (a {@link RequestFacts} the engine fills in). */
type Facts = { -readonly [K in keyof RequestFacts]: RequestFacts[K] };

const NO_HEADERS: RequestFacts['headers'] = Object.freeze({});

/**
 * The facts every match reads, one object reused: matching is synchronous and keeps nothing of
 * them, so the request's fields are written in before and its header objects let go after.
 */
const FACTS: Facts = {
  method: '',
  host: '',
  path: '',
  query: '',
  headers: NO_HEADERS,
  rawHeaders: undefined,
  clientIp: '',
};

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as Promise<T> | undefined)?.then === 'function';
}

/** After the middlewares: answer, or pick a target. */
function afterMiddlewares(ex: Exchange, result: MiddlewareResult): Decision {
  if (result !== undefined) return { kind: 'answer', response: result };
  const service = ex.router?.service;
  const target = service === undefined ? undefined : pickTarget(service, ex);
  if (target === undefined) return errorDecision('LB_NO_AVAILABLE_SERVER');
  ex.use(target);
  return FORWARD;
}

/** Matches, rewrites, runs middlewares and picks, on `runtime` (read once by the caller). */
export function decide(ex: Exchange, runtime: Runtime): Decision | Promise<Decision> {
  const routingPath = toRoutingPath(ex.path);
  if (routingPath === undefined) return errorDecision('LB_BAD_REQUEST');
  const facts = FACTS;
  facts.method = ex.method;
  facts.host = ex.host;
  facts.path = routingPath;
  facts.query = ex.query;
  facts.headers = ex.req.headers;
  facts.rawHeaders = ex.req.rawHeaders;
  facts.clientIp = ex.clientIp;
  let router: RuntimeRouter | undefined;
  try {
    // Over TLS is a property of the connection (Traefik's HTTPS handler), not of X-Forwarded-Proto.
    router = runtime.match(facts, ex.entryPoint, (ex.req.socket as { encrypted?: boolean } | null)?.encrypted === true);
  } finally {
    facts.headers = NO_HEADERS;
    facts.rawHeaders = undefined;
  }
  if (router === undefined) return errorDecision('LB_NO_ROUTE');
  ex.router = router;
  if (router.rewrite !== undefined) {
    const rewritten = router.rewrite(ex.path);
    ex.path = rewritten.path;
    for (const name in rewritten.headers) ex.upstreamHeaders[name.toLowerCase()] = rewritten.headers[name] as string;
  }
  if (router.middlewares.length === 0) return afterMiddlewares(ex, undefined);
  let result: MiddlewareResult | Promise<MiddlewareResult>;
  try {
    result = runMiddlewares(router.middlewares, ex);
  } catch {
    return errorDecision('LB_INTERNAL_ERROR');
  }
  if (isPromise(result)) {
    return result.then(
      (r) => afterMiddlewares(ex, r),
      () => errorDecision('LB_INTERNAL_ERROR'),
    );
  }
  return afterMiddlewares(ex, result);
}
