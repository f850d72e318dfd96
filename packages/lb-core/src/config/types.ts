/**
 * The dynamic configuration model: plain, serialisable data in Traefik's shape
 * (`http.routers`, `http.services`, `http.middlewares`), as {@link validateDynamicConfig} returns it.
 *
 * These types describe the *normalised* form: defaults filled in (weights 1, `passHostHeader`
 * true, server ids), strategy aliases resolved, and durations converted to milliseconds under
 * `…Ms` keys (Traefik's `interval: 10s` becomes `intervalMs: 10000`). A value of these types is
 * itself valid input, so validating a validated config changes nothing.
 * (traefik `pkg/config/dynamic/http_config.go`)
 */
import type { ServerSpec, StrategyName } from '../balancers/balancer';
import type { LbErrorCode } from '../errors';
import type { RuleSyntax } from '../rules/ast';
import type { MiddlewareConfig } from './middleware-types';

/** A whole dynamic configuration, as one provider emits it or as the watcher merges it. */
export interface DynamicConfig {
  readonly http: HttpConfig;
}

/** The HTTP part: three maps keyed by element name (`name@provider` once merged). */
export interface HttpConfig {
  readonly routers?: Readonly<Record<string, RouterConfig>>;
  readonly services?: Readonly<Record<string, ServiceConfig>>;
  readonly middlewares?: Readonly<Record<string, MiddlewareConfig>>;
}

/** A router: a rule, the service it forwards to, and middlewares applied in order. */
export interface RouterConfig {
  /** The rule text, e.g. ``Host(`a.example`) && PathPrefix(`/api`)``; parsed by the route table. */
  readonly rule: string;
  /** The rule dialect; absent means the route table's default. */
  readonly ruleSyntax?: RuleSyntax;
  /** Service name; unqualified names resolve within the router's provider. */
  readonly service: string;
  readonly middlewares?: readonly string[];
  /** Explicit priority; absent or 0 means "rule length" (Traefik's default). */
  readonly priority?: number;
  readonly entryPoints?: readonly string[];
  /** Traefik's router TLS block, kept as data; Junction does not terminate TLS itself. */
  readonly tls?: RouterTlsConfig;
}

/** Traefik's router `tls` options (accepted so labels that set them do not invalidate a router). */
export interface RouterTlsConfig {
  readonly options?: string;
  readonly certResolver?: string;
  readonly domains?: readonly { readonly main?: string; readonly sans?: readonly string[] }[];
}

/** A service: exactly one of a server load balancer, or a composition of other services. */
export type ServiceConfig =
  | { readonly loadBalancer: LoadBalancerConfig }
  | { readonly weighted: WeightedConfig }
  | { readonly mirroring: MirroringConfig }
  | { readonly failover: FailoverConfig };

/** A pool of servers behind one balancing strategy. */
export interface LoadBalancerConfig {
  readonly servers: readonly ServerConfig[];
  /** Canonical strategy name; absent means the registry's default. */
  readonly strategy?: StrategyName;
  readonly sticky?: StickyConfig;
  readonly healthCheck?: HealthCheckConfig;
  readonly passiveHealthCheck?: PassiveHealthCheckConfig;
  /** Forward the client's Host header (Traefik's default: true). */
  readonly passHostHeader: boolean;
  /** Name of a Traefik servers transport (kept as a reference; not interpreted by lb-core). */
  readonly serversTransport?: string;
  readonly responseForwarding?: { readonly flushIntervalMs: number };
}

/** One upstream server: its id defaults to its URL and its weight to 1. */
export interface ServerConfig extends ServerSpec {
  readonly weight: number;
  /** Traefik v3: keep the path of `url` in front of the request path. */
  readonly preservePath?: boolean;
  /**
   * Junction extension, set by providers that know a server's state (Docker HEALTHCHECK
   * `starting` or `unhealthy`): `false` keeps the server out of rotation whatever active or
   * passive checks say, while its service stays routable (503, not 404). Absent means available;
   * `true` normalises to absent.
   */
  readonly available?: false;
  /**
   * Junction extension: the server is going away (Docker sends `kill` before `die`). It gets no
   * new requests while requests in flight finish (`Balancer.setDraining`). Absent means not
   * draining; `false` normalises to absent.
   */
  readonly draining?: true;
}

/** Sticky sessions; today only Traefik's cookie flavour. */
export interface StickyConfig {
  readonly cookie?: StickyCookieConfig;
}

/** The sticky cookie's attributes; absent fields take the sticky decorator's defaults. */
export interface StickyCookieConfig {
  readonly name?: string;
  readonly secure?: boolean;
  readonly httpOnly?: boolean;
  readonly sameSite?: 'none' | 'lax' | 'strict' | '';
  /** Seconds; 0 means a session cookie, negative expires it at once (Traefik's semantics). */
  readonly maxAge?: number;
  readonly path?: string;
  readonly domain?: string;
}

/** Active health check: a periodic request to each server. Traefik's fields plus rise/fall. */
export interface HealthCheckConfig {
  readonly path: string;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  /** Traefik v3: the interval used while a server is down (defaults to `intervalMs` when absent). */
  readonly unhealthyIntervalMs?: number;
  readonly scheme?: 'http' | 'https';
  readonly mode?: 'http' | 'grpc';
  readonly hostname?: string;
  readonly port?: number;
  readonly method: string;
  /** Expected status; absent means any 2xx or 3xx. */
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly followRedirects: boolean;
  /** Consecutive successes before a down server is marked up (HAProxy's `rise`). */
  readonly rise: number;
  /** Consecutive failures before an up server is marked down (HAProxy's `fall`). */
  readonly fall: number;
}

/**
 * Passive health check: `failures` upstream errors within `windowMs` take a server out of
 * rotation for `cooldownMs`. Traefik v3 spells the first two `maxFailedAttempts` and `failureWindow`.
 */
export interface PassiveHealthCheckConfig {
  readonly failures: number;
  readonly windowMs: number;
  readonly cooldownMs: number;
}

/** Weighted round-robin over other services (Traefik's `weighted`). */
export interface WeightedConfig {
  readonly services: readonly { readonly name: string; readonly weight: number }[];
  readonly sticky?: StickyConfig;
  readonly healthCheck?: Readonly<Record<string, never>>;
}

/** Traffic mirroring (Traefik's `mirroring`): typed and reference-checked; runtime support is optional. */
export interface MirroringConfig {
  readonly service: string;
  readonly mirrors: readonly { readonly name: string; readonly percent: number }[];
  /** Bytes of body mirrored; -1 means no limit (Traefik's default). */
  readonly maxBodySize: number;
  readonly mirrorBody: boolean;
  readonly healthCheck?: Readonly<Record<string, never>>;
}

/** Failover (Traefik's `failover`): typed and reference-checked; runtime support is optional. */
export interface FailoverConfig {
  readonly service: string;
  readonly fallback: string;
  readonly healthCheck?: Readonly<Record<string, never>>;
}

/** The kinds of configuration element. */
export type ConfigElementKind = 'router' | 'service' | 'middleware';

/**
 * One configuration error, as data: where (`http.routers.api.rule`), what (a stable code and a
 * message), and which element it disables. Errors without `element` (an unknown top-level key)
 * disable nothing.
 */
export interface ConfigError {
  readonly path: string;
  readonly code: LbErrorCode;
  readonly message: string;
  readonly element?: { readonly kind: ConfigElementKind; readonly name: string };
}

/** The result of validation: the valid elements only, and the errors naming the rejected ones. */
export interface ConfigValidationResult {
  readonly config: DynamicConfig;
  readonly errors: readonly ConfigError[];
}
