/**
 * Middleware configuration: exactly one of Traefik's middleware types, keyed by its type name
 * (`{ stripPrefix: { prefixes: ['/api'] } }`). Field names follow Traefik v3's
 * `pkg/config/dynamic/middlewares.go`; durations are milliseconds under `…Ms` keys.
 * The deprecated `ipWhiteList` is accepted on input and normalised to `ipAllowList`.
 */

/** How a client is identified for rate limiting and in-flight limits; at most one field is set. */
export interface SourceCriterionConfig {
  readonly ipStrategy?: IpStrategyConfig;
  readonly requestHeaderName?: string;
  readonly requestHost?: boolean;
}

/** How the client IP is chosen from `X-Forwarded-For` (absent: the TCP peer address). */
export interface IpStrategyConfig {
  /** Take the n-th address from the right; takes precedence over `excludedIPs`. */
  readonly depth?: number;
  readonly excludedIPs?: readonly string[];
  readonly ipv6Subnet?: number;
}

/** Removes the first matching prefix from the path and sets `X-Forwarded-Prefix`. */
export interface StripPrefixConfig {
  readonly prefixes: readonly string[];
  /** Deprecated in Traefik v3; kept for v2 configurations. */
  readonly forceSlash?: boolean;
}

/** Removes the first prefix matching one of the regular expressions. */
export interface StripPrefixRegexConfig {
  readonly regex: readonly string[];
}

/** Prepends `prefix` to the path. */
export interface AddPrefixConfig {
  readonly prefix: string;
}

/** Replaces the whole path, keeping the original in `X-Replaced-Path`. */
export interface ReplacePathConfig {
  readonly path: string;
}

/** Rewrites the path with a regular expression and a replacement (`$1` groups). */
export interface ReplacePathRegexConfig {
  readonly regex: string;
  readonly replacement: string;
}

/** Custom request/response headers, CORS and security headers (an empty value removes a header). */
export interface HeadersConfig {
  readonly customRequestHeaders?: Readonly<Record<string, string>>;
  readonly customResponseHeaders?: Readonly<Record<string, string>>;
  readonly accessControlAllowCredentials?: boolean;
  readonly accessControlAllowHeaders?: readonly string[];
  readonly accessControlAllowMethods?: readonly string[];
  readonly accessControlAllowOriginList?: readonly string[];
  readonly accessControlAllowOriginListRegex?: readonly string[];
  readonly accessControlExposeHeaders?: readonly string[];
  readonly accessControlMaxAge?: number;
  readonly addVaryHeader?: boolean;
  readonly allowedHosts?: readonly string[];
  readonly hostsProxyHeaders?: readonly string[];
  readonly sslProxyHeaders?: Readonly<Record<string, string>>;
  readonly stsSeconds?: number;
  readonly stsIncludeSubdomains?: boolean;
  readonly stsPreload?: boolean;
  readonly forceSTSHeader?: boolean;
  readonly frameDeny?: boolean;
  readonly customFrameOptionsValue?: string;
  readonly contentTypeNosniff?: boolean;
  readonly browserXssFilter?: boolean;
  readonly customBrowserXSSValue?: string;
  readonly contentSecurityPolicy?: string;
  readonly contentSecurityPolicyReportOnly?: string;
  readonly publicKey?: string;
  readonly referrerPolicy?: string;
  readonly permissionsPolicy?: string;
  readonly isDevelopment?: boolean;
}

/** Retries a request that got no response, up to `attempts` times with exponential backoff. */
export interface RetryConfig {
  readonly attempts: number;
  /** First backoff wait; absent means retry at once. */
  readonly initialIntervalMs?: number;
}

/** HTTP basic authentication. `users` are `name:hash` (htpasswd) entries. */
export interface BasicAuthConfig {
  readonly users?: readonly string[];
  readonly usersFile?: string;
  readonly realm?: string;
  readonly removeHeader?: boolean;
  readonly headerField?: string;
}

/** Caps the number of requests in flight per source. */
export interface InFlightReqConfig {
  readonly amount: number;
  readonly sourceCriterion?: SourceCriterionConfig;
}

/** Token-bucket rate limit: `average` requests per `periodMs`, bursts up to `burst`. */
export interface RateLimitConfig {
  /** 0 disables the limit (Traefik's semantics). */
  readonly average: number;
  readonly periodMs: number;
  readonly burst: number;
  readonly sourceCriterion?: SourceCriterionConfig;
}

/** Redirects when `regex` (Go syntax) matches the request URL, to the URL with matches replaced. */
export interface RedirectRegexConfig {
  readonly regex: string;
  readonly replacement?: string;
  readonly permanent?: boolean;
}

/** Redirects to another scheme (and port). */
export interface RedirectSchemeConfig {
  readonly scheme: string;
  readonly port?: string;
  readonly permanent?: boolean;
}

/** Accepts only clients whose IP falls in `sourceRange` (IPs or CIDRs). */
export interface IpAllowListConfig {
  readonly sourceRange: readonly string[];
  readonly ipStrategy?: IpStrategyConfig;
  /** Status answered to refused clients (Traefik's default: 403). */
  readonly rejectStatusCode?: number;
}

/** Applies other middlewares in order. */
export interface ChainConfig {
  readonly middlewares: readonly string[];
}

/** Every middleware type Junction understands, by its (canonical) Traefik name. */
export interface MiddlewareTypes {
  readonly stripPrefix: StripPrefixConfig;
  readonly stripPrefixRegex: StripPrefixRegexConfig;
  readonly addPrefix: AddPrefixConfig;
  readonly replacePath: ReplacePathConfig;
  readonly replacePathRegex: ReplacePathRegexConfig;
  readonly headers: HeadersConfig;
  readonly retry: RetryConfig;
  readonly basicAuth: BasicAuthConfig;
  readonly inFlightReq: InFlightReqConfig;
  readonly rateLimit: RateLimitConfig;
  readonly redirectRegex: RedirectRegexConfig;
  readonly redirectScheme: RedirectSchemeConfig;
  readonly ipAllowList: IpAllowListConfig;
  readonly chain: ChainConfig;
}

/** A middleware type name. */
export type MiddlewareType = keyof MiddlewareTypes;

/** A middleware: an object with exactly one key, its type. */
export type MiddlewareConfig = {
  [K in MiddlewareType]: { readonly [P in K]: MiddlewareTypes[K] };
}[MiddlewareType];

/** The type of a (validated) middleware, e.g. `'stripPrefix'`. */
export function middlewareType(middleware: MiddlewareConfig): MiddlewareType {
  return Object.keys(middleware)[0] as MiddlewareType;
}
