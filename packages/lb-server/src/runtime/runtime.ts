/**
 * The immutable runtime one published configuration compiles into (Traefik
 * `pkg/config/runtime`): a route table per entry point, one balancer per service, compiled
 * middlewares, and every element's status with its coded errors. The proxy reads the current
 * runtime once per request, so a reload never changes a request already in flight; the API and
 * dashboard read the same object to show what is live and what is disabled, and why.
 */
import type { Balancer, DynamicConfig, PathModifier, StickyBalancer } from '@junction/lb-core';
import type { Middleware } from '../middlewares/middleware';
import type { RetryPolicy } from '../middlewares/retry';
import type { ConfigErrorLike } from '../providers/provider';

/** Traefik's element status: `enabled`, `warning` (serving, with errors), `disabled`. */
export type ElementStatus = 'enabled' | 'warning' | 'disabled';

/** A configuration error attached to an element. */
export interface ElementError extends ConfigErrorLike {
  readonly code: string;
}

/** What every runtime element carries for the API. */
export interface RuntimeElement {
  /** Qualified name, `name@provider`. */
  readonly name: string;
  readonly provider: string;
  readonly status: ElementStatus;
  readonly errors: readonly ElementError[];
}

/** A router, compiled: matching is done by the route table; the rest is applied per request. */
export interface RuntimeRouter extends RuntimeElement {
  readonly rule: string;
  readonly ruleSyntax: 'v1' | 'v2' | 'v3';
  readonly priority: number;
  readonly entryPoints: readonly string[];
  /** Qualified service name. */
  readonly serviceName: string;
  readonly service: RuntimeService | undefined;
  /** Qualified middleware names, in order. */
  readonly middlewareNames: readonly string[];
  /** Compiled middlewares, in order (chains flattened or nested as built). */
  readonly middlewares: readonly Middleware[];
  /** Path modifiers carried by a v1 rule (PathPrefixStrip, AddPrefix, …), applied first. */
  readonly modifiers: readonly PathModifier[];
  /** Retry policy from a `retry` middleware on this router, if any. */
  readonly retry: RetryPolicy | undefined;
}

/** A load-balanced service over servers, or a weighted service over other services. */
export type RuntimeService = LoadBalancedService | WeightedService;

/** A `loadBalancer` service. */
export interface LoadBalancedService extends RuntimeElement {
  readonly kind: 'loadBalancer';
  /** The balancer (sticky-wrapped when sticky cookies are configured). */
  readonly balancer: Balancer | StickyBalancer;
  readonly sticky: boolean;
  readonly passHostHeader: boolean;
  /** Routers that use this service (qualified names), for the API's `usedBy`. */
  readonly usedBy: readonly string[];
}

/** A `weighted` service: picks a child service by smooth weighted round-robin. */
export interface WeightedService extends RuntimeElement {
  readonly kind: 'weighted';
  /** Balancer whose server ids are the child service names. */
  readonly balancer: Balancer | StickyBalancer;
  readonly children: ReadonlyMap<string, RuntimeService>;
  readonly usedBy: readonly string[];
}

/** A compiled middleware with its status. */
export interface RuntimeMiddleware extends RuntimeElement {
  readonly type: string;
  readonly middleware: Middleware | undefined;
  readonly usedBy: readonly string[];
}

/** Everything one configuration compiled into. Never mutated after it is published. */
export interface Runtime {
  /** Increments on every published configuration. */
  readonly generation: number;
  /** When it was built (epoch ms). */
  readonly createdAt: number;
  /** The merged configuration it was built from. */
  readonly config: DynamicConfig;
  readonly routers: ReadonlyMap<string, RuntimeRouter>;
  readonly services: ReadonlyMap<string, RuntimeService>;
  readonly middlewares: ReadonlyMap<string, RuntimeMiddleware>;
  /** Finds the router for a request on an entry point; `undefined` → 404. */
  match(facts: import('@junction/lb-core').RequestFacts, entryPoint: string): RuntimeRouter | undefined;
}
