/**
 * Reads one middleware: exactly one type key, among the Traefik middlewares Junction implements.
 * Traefik types Junction does not implement are named as such; other keys get `unknown key`
 * with a suggestion. `ipWhiteList` (deprecated in Traefik v3) is read as `ipAllowList`.
 */
import { compact, type FieldReader } from './field-reader';
import { ipRangeProblem } from './ip-text';
import type {
  BasicAuthConfig,
  HeadersConfig,
  IpAllowListConfig,
  IpStrategyConfig,
  MiddlewareConfig,
  RateLimitConfig,
  SourceCriterionConfig,
} from './middleware-types';
import { nonBlank } from './validate-router';

/** Traefik middleware types that Junction recognises but does not implement. */
export const UNSUPPORTED_MIDDLEWARES: readonly string[] = Object.freeze([
  'buffering',
  'circuitBreaker',
  'compress',
  'contentType',
  'digestAuth',
  'errors',
  'forwardAuth',
  'grpcWeb',
  'passTLSClientCert',
  'plugin',
]);

/** The type keys Junction implements (lower case), including the `ipWhiteList` alias. */
const MIDDLEWARE_KEYS: readonly string[] = [
  'stripPrefix',
  'stripPrefixRegex',
  'addPrefix',
  'replacePath',
  'replacePathRegex',
  'headers',
  'retry',
  'basicAuth',
  'inFlightReq',
  'rateLimit',
  'redirectRegex',
  'redirectScheme',
  'ipAllowList',
  'ipWhiteList',
  'chain',
].map((key) => key.toLowerCase());

/** Default `rateLimit.period` (Traefik: one second). */
export const DEFAULT_RATE_LIMIT_PERIOD_MS = 1_000;

/** Reads a middleware element. */
export function readMiddleware(r: FieldReader): MiddlewareConfig | undefined {
  const before = r.sink.count;
  const types = r.keys().filter((key) => MIDDLEWARE_KEYS.includes(key.toLowerCase()));
  if (types.length > 1) r.sink.add(r.path, `defines ${types.join(' and ')}; a middleware has exactly one type`);
  for (const name of UNSUPPORTED_MIDDLEWARES) {
    const taken = r.take(name, true);
    if (taken !== undefined) r.sink.add(taken.path, `the Traefik middleware '${name}' is not supported by Junction`);
  }
  const stripPrefix = r.object('stripPrefix', (m) => {
    const prefixes = m.strings('prefixes', { required: true, nonEmpty: true, check: nonBlank });
    return prefixes === undefined ? undefined : compact({ prefixes, forceSlash: m.bool('forceSlash') });
  });
  const stripPrefixRegex = r.object('stripPrefixRegex', (m) => {
    const regex = m.strings('regex', { required: true, nonEmpty: true, check: nonBlank });
    return regex === undefined ? undefined : { regex };
  });
  const addPrefix = r.object('addPrefix', (m) => {
    const prefix = m.string('prefix', { required: true, nonEmpty: true });
    return prefix === undefined ? undefined : { prefix };
  });
  const replacePath = r.object('replacePath', (m) => {
    const path = m.string('path', { required: true, nonEmpty: true });
    return path === undefined ? undefined : { path };
  });
  const replacePathRegex = r.object('replacePathRegex', (m) => {
    const regex = m.string('regex', { required: true, nonEmpty: true });
    const replacement = m.string('replacement') ?? ''; // optional in Traefik: absent is empty, which removes the matches
    return regex === undefined ? undefined : { regex, replacement };
  });
  const headers = r.object('headers', readHeaders);
  const retry = r.object('retry', (m) => {
    const attempts = m.int('attempts', { required: true, min: 1 });
    const initialIntervalMs = m.durationMs(['initialInterval'], 'initialIntervalMs', { min: 0 });
    return attempts === undefined ? undefined : compact({ attempts, initialIntervalMs });
  });
  const basicAuth = r.object('basicAuth', readBasicAuth);
  const inFlightReq = r.object('inFlightReq', (m) => {
    const amount = m.int('amount', { required: true, min: 1 });
    const sourceCriterion = m.object('sourceCriterion', readSourceCriterion);
    return amount === undefined ? undefined : compact({ amount, sourceCriterion });
  });
  const rateLimit = r.object('rateLimit', readRateLimit);
  const redirectRegex = r.object('redirectRegex', (m) => {
    const regex = m.string('regex', { required: true, nonEmpty: true });
    const rest = { replacement: m.string('replacement'), permanent: m.bool('permanent') };
    return regex === undefined ? undefined : compact({ regex, ...rest });
  });
  const redirectScheme = r.object('redirectScheme', (m) => {
    const scheme = m.string('scheme', { required: true, nonEmpty: true });
    const port = m.string('port', { nonEmpty: true });
    return scheme === undefined ? undefined : compact({ scheme, port, permanent: m.bool('permanent') });
  });
  const ipAllowList = r.object(['ipAllowList', 'ipWhiteList'], readIpAllowList);
  const chain = r.object('chain', (m) => {
    const middlewares = m.strings('middlewares', { required: true, nonEmpty: true, check: nonBlank });
    return middlewares === undefined ? undefined : { middlewares };
  });

  if (stripPrefix) return { stripPrefix };
  if (stripPrefixRegex) return { stripPrefixRegex };
  if (addPrefix) return { addPrefix };
  if (replacePath) return { replacePath };
  if (replacePathRegex) return { replacePathRegex };
  if (headers) return { headers };
  if (retry) return { retry };
  if (basicAuth) return { basicAuth };
  if (inFlightReq) return { inFlightReq };
  if (rateLimit) return { rateLimit };
  if (redirectRegex) return { redirectRegex };
  if (redirectScheme) return { redirectScheme };
  if (ipAllowList) return { ipAllowList };
  if (chain) return { chain };
  if (r.sink.count === before) r.sink.add(r.path, 'must define a middleware type such as stripPrefix or headers');
  return undefined;
}

function readHeaders(m: FieldReader): HeadersConfig {
  const list = (name: string): string[] | undefined => m.strings(name, { check: nonBlank });
  return compact({
    customRequestHeaders: m.stringMap('customRequestHeaders'),
    customResponseHeaders: m.stringMap('customResponseHeaders'),
    accessControlAllowCredentials: m.bool('accessControlAllowCredentials'),
    accessControlAllowHeaders: list('accessControlAllowHeaders'),
    accessControlAllowMethods: list('accessControlAllowMethods'),
    accessControlAllowOriginList: list('accessControlAllowOriginList'),
    accessControlAllowOriginListRegex: list('accessControlAllowOriginListRegex'),
    accessControlExposeHeaders: list('accessControlExposeHeaders'),
    accessControlMaxAge: m.int('accessControlMaxAge', { min: 0 }),
    addVaryHeader: m.bool('addVaryHeader'),
    allowedHosts: list('allowedHosts'),
    hostsProxyHeaders: list('hostsProxyHeaders'),
    sslProxyHeaders: m.stringMap('sslProxyHeaders'),
    stsSeconds: m.int('stsSeconds', { min: 0 }),
    stsIncludeSubdomains: m.bool('stsIncludeSubdomains'),
    stsPreload: m.bool('stsPreload'),
    forceSTSHeader: m.bool('forceSTSHeader'),
    frameDeny: m.bool('frameDeny'),
    customFrameOptionsValue: m.string('customFrameOptionsValue'),
    contentTypeNosniff: m.bool('contentTypeNosniff'),
    browserXssFilter: m.bool('browserXssFilter'),
    customBrowserXSSValue: m.string('customBrowserXSSValue'),
    contentSecurityPolicy: m.string('contentSecurityPolicy'),
    contentSecurityPolicyReportOnly: m.string('contentSecurityPolicyReportOnly'),
    publicKey: m.string('publicKey'),
    referrerPolicy: m.string('referrerPolicy'),
    permissionsPolicy: m.string('permissionsPolicy'),
    isDevelopment: m.bool('isDevelopment'),
  });
}

function readBasicAuth(m: FieldReader): BasicAuthConfig | undefined {
  const before = m.sink.count;
  const users = m.strings('users', {
    check: (user) => (user.includes(':') ? undefined : `'${user}' is not a name:hash entry`),
  });
  const usersFile = m.string('usersFile', { nonEmpty: true });
  if (users === undefined && usersFile === undefined && m.sink.count === before)
    m.sink.add(`${m.path}.users`, 'give users or usersFile');
  const config = compact({
    users,
    usersFile,
    realm: m.string('realm'),
    removeHeader: m.bool('removeHeader'),
    headerField: m.string('headerField', { nonEmpty: true }),
  });
  return users === undefined && usersFile === undefined ? undefined : config;
}

function readRateLimit(m: FieldReader): RateLimitConfig | undefined {
  const average = m.int('average', { required: true, min: 0 });
  const periodMs = m.durationMs(['period'], 'periodMs', { min: 1 }) ?? DEFAULT_RATE_LIMIT_PERIOD_MS;
  const burst = m.int('burst', { min: 1 }) ?? 1;
  const sourceCriterion = m.object('sourceCriterion', readSourceCriterion);
  return average === undefined ? undefined : compact({ average, periodMs, burst, sourceCriterion });
}

function readIpAllowList(m: FieldReader): IpAllowListConfig | undefined {
  const sourceRange = m.strings('sourceRange', { required: true, nonEmpty: true, check: ipRangeProblem });
  const ipStrategy = m.object('ipStrategy', readIpStrategy);
  const rejectStatusCode = m.int('rejectStatusCode', { min: 100, max: 599 });
  return sourceRange === undefined ? undefined : compact({ sourceRange, ipStrategy, rejectStatusCode });
}

function readSourceCriterion(m: FieldReader): SourceCriterionConfig {
  const config = compact({
    ipStrategy: m.object('ipStrategy', readIpStrategy),
    requestHeaderName: m.string('requestHeaderName', { nonEmpty: true }),
    requestHost: m.bool('requestHost'),
  });
  const set = Object.entries(config)
    .filter(([, value]) => value !== false)
    .map(([key]) => key);
  if (set.length > 1) m.sink.add(m.path, `set only one of ${set.join(', ')} (they are mutually exclusive)`);
  return config;
}

function readIpStrategy(m: FieldReader): IpStrategyConfig {
  return compact({
    depth: m.int('depth', { min: 0 }),
    excludedIPs: m.strings('excludedIPs', { check: ipRangeProblem }),
    ipv6Subnet: m.int('ipv6Subnet', { min: 0, max: 128 }),
  });
}
