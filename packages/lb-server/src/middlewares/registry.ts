/**
 * The middleware registry: Traefik type name → factory. {@link createMiddleware} takes one
 * Traefik middleware object (`{ basicAuth: { … } }`), validates it and returns a compiled
 * {@link Middleware}; anything wrong is a `MiddlewareConfigError` whose `path` starts with the
 * type (`basicAuth.users[1]`). Type names match case-insensitively, as labels are lower-cased.
 */
import { createAddPrefix } from './add-prefix';
import { createBasicAuth } from './basic-auth';
import { createChain } from './chain';
import { ConfigReader } from './config-reader';
import { invalid } from './errors';
import { createHeaders } from './headers';
import { createInFlightReq } from './in-flight-req';
import { createIpAllowList } from './ip-allow-list';
import type { Middleware, MiddlewareDeps } from './middleware';
import { createRateLimit } from './rate-limit';
import { createRedirectRegex } from './redirect-regex';
import { createRedirectScheme } from './redirect-scheme';
import { createReplacePath, createReplacePathRegex } from './replace-path';
import { createRetry } from './retry';
import { createStripPrefix } from './strip-prefix';
import { createStripPrefixRegex } from './strip-prefix-regex';

/** Builds one middleware from its validated options. */
export type MiddlewareFactory = (name: string, options: ConfigReader, deps: MiddlewareDeps) => Middleware;

/** Every supported type, keyed by Traefik's spelling. */
export const MIDDLEWARE_FACTORIES = {
  addPrefix: createAddPrefix,
  basicAuth: createBasicAuth,
  chain: createChain,
  headers: createHeaders,
  inFlightReq: createInFlightReq,
  ipAllowList: (name, options) => createIpAllowList(name, options),
  ipWhiteList: (name, options) => createIpAllowList(name, options, 'ipWhiteList'),
  rateLimit: createRateLimit,
  redirectRegex: createRedirectRegex,
  redirectScheme: createRedirectScheme,
  replacePath: createReplacePath,
  replacePathRegex: createReplacePathRegex,
  retry: createRetry,
  stripPrefix: createStripPrefix,
  stripPrefixRegex: createStripPrefixRegex,
} as const satisfies Record<string, MiddlewareFactory>;

/** A supported middleware type name. */
export type MiddlewareType = keyof typeof MIDDLEWARE_FACTORIES;

const BY_LOWER = new Map<string, [MiddlewareType, MiddlewareFactory]>(
  Object.entries(MIDDLEWARE_FACTORIES).map(([type, factory]) => [
    type.toLowerCase(),
    [type as MiddlewareType, factory],
  ]),
);

/**
 * Compiles one Traefik middleware object, e.g. `{ stripPrefix: { prefixes: ['/api'] } }`, named
 * `name`. Throws a `MiddlewareConfigError` when the object is not exactly one known type with
 * valid options.
 */
export function createMiddleware(name: string, config: unknown, deps: MiddlewareDeps = {}): Middleware {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw invalid('', 'expected an object with one middleware type, e.g. { stripPrefix: { … } }');
  }
  const keys = Object.keys(config);
  if (keys.length !== 1) {
    throw invalid('', `expected exactly one middleware type, found ${keys.length === 0 ? 'none' : keys.join(', ')}`);
  }
  const key = keys[0] as string;
  const known = BY_LOWER.get(key.toLowerCase());
  if (known === undefined) throw invalid(key, `unknown or unsupported middleware type ${JSON.stringify(key)}`);
  const [type, factory] = known;
  return factory(name, new ConfigReader((config as Record<string, unknown>)[key], type), deps);
}
