/**
 * @junction/lb-core — the pure core of Junction, a dynamic reverse proxy and load balancer.
 *
 * - Rules: Traefik's rule dialects (v1 `Host:a;PathPrefixStrip:/x`, v2, v3
 *   ``Host(`a`) && PathPrefix(`/x`)``) parse into one AST, compile once into matchers, and a
 *   route table returns the highest-priority router for a request.
 * - Balancers: round-robin, smooth weighted (nginx), P2C, least-connections, consistent hashing,
 *   with slow start and sticky sessions as decorators over any of them.
 * - Configuration: Traefik's dynamic configuration as typed data, a validator that returns the
 *   usable part with path-qualified errors, and a merge of per-provider snapshots (`name@provider`).
 *
 * No I/O: everything here is plain data and functions, usable in any JavaScript runtime.
 */

// Errors
export { LbError, LB_ERROR_CODES, createError, isLbError } from './errors';
export type { LbErrorCode, LbErrorDetails } from './errors';

// Rules: parse (v1, v2, v3 into one AST), compile once, rewrite paths
export type { PathModifier, RequestFacts, RuleNode, RuleSyntax } from './rules/ast';
export { parseRule, detectSyntax, MAX_RULE_LENGTH, MAX_RULE_DEPTH } from './rules/parse';
export type { ParsedRule, ParseRuleOptions } from './rules/parse';
export { compileRule } from './rules/compile';
export type { RuleMatcher } from './rules/compile';
export {
  applyPathModifiers,
  compilePathModifiers,
  stripPrefix,
  stripPrefixRegex,
  addPrefix,
  replacePath,
  replacePathRegex,
  FORWARDED_PREFIX_HEADER,
  REPLACED_PATH_HEADER,
} from './rules/path-modifiers';
export type { PathRewrite, PathRewriter } from './rules/path-modifiers';
export { compileGoRegExp, GoRegExp } from './rules/go-regexp';
export { compileIpChecker, parseAddr, parseIpNet } from './rules/ip';
export type { IpAddr, IpChecker, IpNet } from './rules/ip';
export { toRoutingPath } from './rules/routing-path';
export { cleanPath, cleaningChanges, entryPointPath } from './rules/request-path';
export { canonicalHost } from './rules/host';

// Routing: the route table
export { compileRoutes } from './routing/route-table';
export type { RouteInput, CompiledRoute, RouteTable, RouteError } from './routing/route-table';
export { effectivePriority, rulePriority } from './routing/priority';

// Balancers
export type { Balancer, PickContext, Server, ServerSpec, ServerStatus, StrategyName } from './balancers/balancer';
export {
  createBalancer,
  resolveStrategy,
  DEFAULT_STRATEGY,
  STRATEGY_NAMES,
  STRATEGY_ALIASES,
} from './balancers/registry';
export type { BalancerOptions } from './balancers/registry';
export { roundRobin, RoundRobinBalancer } from './balancers/round-robin';
export { smoothWeighted, SmoothWeightedBalancer } from './balancers/smooth-weighted';
export { p2c, P2CBalancer } from './balancers/p2c';
export type { P2COptions } from './balancers/p2c';
export { leastConnections, LeastConnectionsBalancer } from './balancers/least-connections';
export { consistentHash, ConsistentHashBalancer } from './balancers/consistent-hash';
export type { ConsistentHashOptions } from './balancers/consistent-hash';
export { withSlowStart } from './balancers/slow-start';
export type { SlowStartOptions } from './balancers/slow-start';
export { withSticky, isStickyBalancer, stickyCookieValue } from './balancers/sticky';
export type { StickyBalancer, StickyOptions, StickyPick } from './balancers/sticky';
export { defaultCookieName, sanitizeCookieName } from './balancers/cookie';
export type { CookieAttributes, SameSite } from './balancers/cookie';

// Dynamic configuration
export type {
  DynamicConfig,
  HttpConfig,
  RouterConfig,
  RouterTlsConfig,
  TlsConfig,
  TlsCertificateConfig,
  TlsStoreConfig,
  TlsOptionsConfig,
  ServiceConfig,
  LoadBalancerConfig,
  ServerConfig,
  StickyConfig,
  StickyCookieConfig,
  HealthCheckConfig,
  PassiveHealthCheckConfig,
  WeightedConfig,
  MirroringConfig,
  FailoverConfig,
  ConfigElementKind,
  ConfigError,
  ConfigValidationResult,
} from './config/types';
export { ruleHosts, defaultTlsDomains } from './config/rule-hosts';
export {
  readTlsSection,
  TLS_VERSIONS,
  CLIENT_AUTH_TYPES,
  CURVE_NAMES,
  CIPHER_SUITE_NAMES,
  DEFAULT_TLS_STORE,
  DEFAULT_TLS_OPTIONS,
} from './config/validate-tls';
export { middlewareType } from './config/middleware-types';
export type {
  MiddlewareConfig,
  MiddlewareType,
  MiddlewareTypes,
  StripPrefixConfig,
  StripPrefixRegexConfig,
  AddPrefixConfig,
  ReplacePathConfig,
  ReplacePathRegexConfig,
  HeadersConfig,
  RetryConfig,
  BasicAuthConfig,
  InFlightReqConfig,
  RateLimitConfig,
  RedirectRegexConfig,
  RedirectSchemeConfig,
  IpAllowListConfig,
  ChainConfig,
  SourceCriterionConfig,
  IpStrategyConfig,
} from './config/middleware-types';
export { validateDynamicConfig, checkReferences, pruneBrokenReferences, formatConfigError } from './config/validate';
export type { ValidateOptions, CheckReferencesOptions } from './config/validate';
export { checkStructure, isStructuralError, describeFound, STRUCTURE_ERROR_CODE } from './config/structure';
export { mergeConfigs } from './config/merge';
export type { MergeOptions } from './config/merge';
export { qualifyName, parseQualifiedName, isQualifiedName, PROVIDER_SEPARATOR } from './config/qualified-name';
export type { QualifiedName } from './config/qualified-name';
export { formatDuration, parseDuration } from './config/duration';
export { closest, editDistance, FIELD_TYPO_TOLERANCE } from './config/suggest';
export type { TypoTolerance } from './config/suggest';
export { configEquals, stableStringify } from './config/equals';
export {
  DEFAULT_HEALTH_CHECK_INTERVAL_MS,
  DEFAULT_HEALTH_CHECK_TIMEOUT_MS,
  DEFAULT_PASSIVE_FAILURES,
  DEFAULT_PASSIVE_WINDOW_MS,
  DEFAULT_PASSIVE_COOLDOWN_MS,
} from './config/validate-load-balancer';
export { DEFAULT_RATE_LIMIT_PERIOD_MS } from './config/validate-middleware';
