/**
 * The immutable runtime one published configuration compiles into (Traefik
 * `pkg/config/runtime`): a route table for the entry points, one balancer per service, compiled
 * middlewares, and every element's status with its coded errors. The proxy reads the current
 * runtime once per request, so a reload never changes a request already in flight; the API and
 * dashboard read the same object to show what is live and what is disabled, and why.
 *
 * Everything here is built once per configuration (`buildRuntime`); nothing in it is parsed or
 * compiled per request. Balancers and health state are *carried over* from the previous runtime
 * for services whose settings did not change, so a reload keeps the rotation and the verdicts.
 */
import type {
  Balancer,
  DynamicConfig,
  TlsConfig,
  PathModifier,
  PathRewriter,
  RequestFacts,
  StickyBalancer,
} from '@junction/lb-core';
import type { ActiveServerStatus } from '../health/active-checker';
import type { PassiveHealth } from '../health/passive';
import type { Middleware } from '../middlewares/middleware';
import type { RetryPolicy } from '../middlewares/retry';
import type { ConfigErrorLike } from '../providers/provider';

/** Traefik's element status: `enabled`, `warning` (serving, with errors), `disabled`. */
export type ElementStatus = 'enabled' | 'warning' | 'disabled';

/** A configuration error attached to an element (or to none, see {@link Runtime.errors}). */
export interface ElementError extends ConfigErrorLike {
  readonly code: string;
  /** The provider that reported it; absent for errors found after merging. */
  readonly provider?: string;
}

/** What every runtime element carries for the API. */
export interface RuntimeElement {
  /** Qualified name, `name@provider`. */
  readonly name: string;
  readonly provider: string;
  readonly status: ElementStatus;
  readonly errors: readonly ElementError[];
}

/** A router. Disabled routers are listed (for the API) but are not in the route table. */
export interface RuntimeRouter extends RuntimeElement {
  readonly rule: string;
  /** The dialect the rule was parsed as (or would have been, for a disabled router). */
  readonly ruleSyntax: 'v1' | 'v2' | 'v3';
  readonly priority: number;
  /** Entry points it listens on (the defaults when the configuration names none). */
  readonly entryPoints: readonly string[];
  /** Qualified service name. */
  readonly serviceName: string;
  /** The service, when the router is live. */
  readonly service: RuntimeService | undefined;
  /** Qualified middleware names, in order. */
  readonly middlewareNames: readonly string[];
  /** Compiled middlewares, in order. */
  readonly middlewares: readonly Middleware[];
  /** Path modifiers carried by a v1 rule (PathPrefixStrip, AddPrefix, …), applied first. */
  readonly modifiers: readonly PathModifier[];
  /** `modifiers` compiled once; `undefined` when there are none. */
  readonly rewrite: PathRewriter | undefined;
  /** Whether any middleware (chains included) adjusts upstream response headers (`onResponse`); absent means no. */
  readonly responseHooks?: boolean;
  /** Retry policy from a `retry` middleware on this router (chains included), if any. */
  readonly retry: RetryPolicy | undefined;
  /**
   * The router's effective TLS (its own `tls` block, else its entry points' `http.tls`); `false`
   * for a plain router. A TLS router matches only requests that arrived over TLS, a plain one only
   * plain requests (Traefik).
   */
  readonly tls: false | RuntimeRouterTls;
}

/** A TLS router's settings: options name (`default` when none), ACME resolver, domains to obtain. */
export interface RuntimeRouterTls {
  /** Qualified TLS options name (`default` when the router names none). */
  readonly options: string;
  readonly certResolver?: string;
  /** `tls.domains` when set, else one `{ main: host }` per exact Host() name of the rule. */
  readonly domains: readonly { readonly main: string; readonly sans: readonly string[] }[];
}

/** A live TLS router with what TLS termination (SNI → options) and ACME (domains) need. */
export interface TlsRouterInfo {
  readonly router: string;
  readonly entryPoints: readonly string[];
  /** Host()/v1 `Host:` names of the rule: exact, or `*.x`. */
  readonly hosts: readonly string[];
  readonly options: string;
  readonly certResolver?: string;
  readonly domains: readonly { readonly main: string; readonly sans: readonly string[] }[];
}

/** One upstream server, with everything the forwarder needs precomputed. */
export interface RuntimeServer {
  readonly id: string;
  readonly url: string;
  readonly weight: number;
  /** `scheme://host:port`, the key of the keep-alive pool. */
  readonly origin: string;
  /** Path prefix from the URL, kept only with `preservePath` (Traefik v3); otherwise `''`. */
  readonly basePath: string;
  /**
   * The URL's host name (brackets off an IPv6 literal): the name a TLS connection to the server
   * is for, whatever Host the request carries, as Traefik (`proxy/dispatcher.ts` sends no SNI for
   * an IP address).
   */
  readonly hostname: string;
}

/** Health state of a load-balanced service, shared by every runtime the service lives in. */
export interface ServiceHealth {
  /** Passive tracker: the proxy reports connection failures and responses here. */
  readonly passive: PassiveHealth;
  /** Active checker status, when a `healthCheck` is configured. */
  activeStatus(): readonly ActiveServerStatus[] | undefined;
  /** The combined verdict (active AND passive, and not held down by the provider) for a server id. */
  isUp(serverId: string): boolean;
  /**
   * Drains a server at once because its provider says it is going away (Docker `kill`), ahead of
   * the snapshot that will say so; lifted like any provider drain when a snapshot no longer has it.
   */
  drainFromProvider(serverId: string): void;
}

/** Any service. */
export type RuntimeService = LoadBalancedService | WeightedService | FailoverService | MirroringService;

/** What every service carries. */
export interface RuntimeServiceBase extends RuntimeElement {
  /** Routers that use this service, directly or through a composite service (qualified names). */
  readonly usedBy: readonly string[];
}

/** A `loadBalancer` service. */
export interface LoadBalancedService extends RuntimeServiceBase {
  readonly kind: 'loadBalancer';
  /** The balancer (sticky-wrapped when sticky cookies are configured). */
  readonly balancer: Balancer | StickyBalancer;
  /** Set when sticky: the same object as `balancer`. */
  readonly sticky: StickyBalancer | undefined;
  readonly passHostHeader: boolean;
  readonly servers: readonly RuntimeServer[];
  readonly serverById: ReadonlyMap<string, RuntimeServer>;
  readonly health: ServiceHealth;
}

/** A `weighted` service: picks a child service by smooth weighted round-robin. */
export interface WeightedService extends RuntimeServiceBase {
  readonly kind: 'weighted';
  /** Balancer whose server ids are the child service names. */
  readonly balancer: Balancer | StickyBalancer;
  readonly sticky: StickyBalancer | undefined;
  /** Live children by qualified name (a disabled child is left out and reported). */
  readonly children: ReadonlyMap<string, RuntimeService>;
}

/** A `failover` service: the main service, or the fallback when the main has no server available. */
export interface FailoverService extends RuntimeServiceBase {
  readonly kind: 'failover';
  readonly main: RuntimeService;
  readonly fallback: RuntimeService;
}

/** A `mirroring` service: Junction forwards to the main service only (status `warning`). */
export interface MirroringService extends RuntimeServiceBase {
  readonly kind: 'mirroring';
  readonly main: RuntimeService;
}

/** A service that could not be built; listed for the API only. */
export interface DisabledService extends RuntimeServiceBase {
  readonly kind: 'disabled';
  readonly status: 'disabled';
}

/** A middleware with its status. */
export interface RuntimeMiddleware extends RuntimeElement {
  /** The Traefik type, e.g. `basicAuth` (`''` when the configuration is gone). */
  readonly type: string;
  readonly middleware: Middleware | undefined;
  readonly usedBy: readonly string[];
}

/** Everything one configuration compiled into. Never mutated after it is published. */
export interface Runtime {
  /** Increments on every published configuration (0: the empty runtime before the first). */
  readonly generation: number;
  /** When it was built (epoch ms). */
  readonly createdAt: number;
  /** The merged configuration it was built from (elements rejected by providers are absent). */
  readonly config: DynamicConfig;
  /** Every router, live or disabled, by qualified name. */
  readonly routers: ReadonlyMap<string, RuntimeRouter>;
  /** Every service: live ones, and disabled ones as {@link DisabledService}. */
  readonly services: ReadonlyMap<string, RuntimeService | DisabledService>;
  readonly middlewares: ReadonlyMap<string, RuntimeMiddleware>;
  /** Every error of this configuration: providers', merge's and the build's, attached or not. */
  readonly errors: readonly ElementError[];
  /** The entry points routers may name, and those routers without entry points get. */
  readonly entryPoints: { readonly all: readonly string[]; readonly defaults: readonly string[] };
  /** The validated dynamic `tls` section (empty object when none). */
  readonly tls: TlsConfig;
  /** Live TLS routers with what B (SNI → options) and C (domains to obtain) need. */
  readonly tlsRouters: readonly TlsRouterInfo[];
  /**
   * Finds the live router for a request on an entry point; `tls` says whether the request arrived
   * over TLS (TLS routers match only then, plain ones only otherwise); `undefined` → 404.
   */
  match(facts: RequestFacts, entryPoint: string, tls: boolean): RuntimeRouter | undefined;
}
