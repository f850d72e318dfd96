/**
 * Fuzz-only generators of Docker label keys for the label translation fuzz test: Traefik v2/v3
 * keys (routers, services, middlewares, odd sections) and v1 keys, known ones in any case, typos,
 * unsupported and malformed keys, prototype names such as `__proto__` and `constructor` in every
 * position, and the provider's own keys. Values: `label-values.ts`.
 */
import fc from 'fast-check';

/** Names that are properties of every object: they must stay plain names through translation. */
export const PROTO = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];
const name = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('web', 'api', 'a', 'A', 'x-y', 'x_y', '1', 'é') },
  { weight: 2, arbitrary: fc.constantFrom(...PROTO) },
  { weight: 1, arbitrary: fc.constantFrom('', 'a b', 'a@b') },
);

const ROUTER_KEYS = [
  'rule',
  'rule',
  'service',
  'priority',
  'entrypoints',
  'middlewares',
  'rulesyntax',
  'tls',
  'tls.certresolver',
  'Rule',
  'RULE',
  'rul',
  'rule.x',
];
const SERVICE_KEYS = [
  'server.port',
  'server.port',
  'server.scheme',
  'server.weight',
  'server.url',
  'server.preservepath',
  'server.prot',
  'servers.0.url',
  'passhostheader',
  'sticky.cookie',
  'sticky.cookie.name',
  'sticky.cookie.samesite',
  'healthcheck.path',
  'healthcheck.interval',
  'strategy',
  'responseforwarding.flushinterval',
];
const MIDDLEWARE_KEYS = [
  'stripprefix.prefixes',
  'addprefix.prefix',
  'headers.customrequestheaders.X-A',
  'ipallowlist.sourcerange',
  'basicauth.users',
  'redirectscheme.scheme',
  'ratelimit.average',
  'chain.middlewares',
  'retry.attempts',
  'stripprefx.prefixes',
  'replacepathregex.regex',
  'compress',
  'buffering.maxrequestbodybytes',
];
const ODD_V2 = [
  'traefik.tcp.routers.x.rule',
  'traefik.udp.services.x.loadbalancer.server.port',
  'traefik.tls.options.x.minversion',
  'traefik.http.routers',
  'traefik.http.routers.a',
  'traefik.http.',
  'traefik.http..a',
  'traefik.http.routers.a..rule',
  'traefik.http.__proto__.x',
  'traefik.http.routers.a.__proto__',
  'traefik.http.services.s.__proto__.x',
  'traefik.http.middlewares.m.__proto__.x',
  'traefik.http.services.s.loadbalancer.server.__proto__',
  'traefik.http.services.s.weighted.services',
];
const v2Key = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .tuple(name, fc.constantFrom(...ROUTER_KEYS, ...PROTO))
      .map(([n, k]) => `traefik.http.routers.${n}.${k}`),
  },
  {
    weight: 5,
    arbitrary: fc
      .tuple(name, fc.constantFrom(...SERVICE_KEYS))
      .map(([n, k]) => `traefik.http.services.${n}.loadbalancer.${k}`),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(name, fc.constantFrom(...MIDDLEWARE_KEYS))
      .map(([n, k]) => `traefik.http.middlewares.${n}.${k}`),
  },
  { weight: 1, arbitrary: fc.constantFrom(...ODD_V2) },
);

const V1_KEYS = [
  'frontend.rule',
  'frontend.rule',
  'port',
  'port',
  'backend',
  'weight',
  'protocol',
  'frontend.priority',
  'frontend.entryPoints',
  'frontend.passHostHeader',
  'frontend.auth.basic.users',
  'frontend.auth.basic',
  'frontend.auth.basic.usersFile',
  'frontend.whitelist.sourceRange',
  'frontend.whiteListSourceRange',
  'frontend.headers.customRequestHeaders',
  'frontend.headers.STSSeconds',
  'frontend.headers.allowedHosts',
  'backend.loadbalancer.method',
  'backend.loadbalancer.stickiness',
  'backend.loadbalancer.sticky',
  'backend.loadbalancer.stickiness.cookieName',
  'backend.healthcheck.path',
  'backend.healthcheck.interval',
  'backend.healthcheck.headers',
  'frontend.redirect.entryPoint',
  'frontend.auth.forward.address',
  'backend.maxconn.amount',
  'frontend.rul',
  'prot',
  'fronted.rule',
  'frontend.headers.__proto__',
  'frontend.headers.constructor',
  'backend.loadbalancer.constructor',
];
const v1Key = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...V1_KEYS).map((k) => `traefik.${k}`) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.constantFrom('api', 'web', 'static', 'frontend', 'backend', 'docker', ...PROTO),
        fc.constantFrom(
          'port',
          'frontend.rule',
          'backend',
          'weight',
          'protocol',
          'frontend.redirect.regex',
          'frontend.headers.customResponseHeaders',
        ),
      )
      .map(([s, k]) => `traefik.${s}.${k}`),
  },
);
const PROVIDER_KEYS = [
  'traefik.enable',
  'traefik.docker.network',
  'traefik.docker.lbswarm',
  'traefik.docker.netwrok',
  'traefik.',
  'traefik',
  'other.label',
  'TRAEFIK.ENABLE',
];
const providerKey = fc.constantFrom(...PROVIDER_KEYS);

/** A key in a random case: Traefik reads label keys case-insensitively after `traefik.`. */
const cased = (key: fc.Arbitrary<string>) =>
  fc
    .tuple(key, fc.nat(5))
    .map(([k, c]) =>
      c === 0 ? k.toUpperCase() : c === 1 ? k.replace(/\.(\w)/g, (_, x: string) => `.${x.toUpperCase()}`) : k,
    );

/** A label key: v2/v3 or v1 in a random case, or a provider key. */
export const labelKey = fc.oneof(
  { weight: 5, arbitrary: cased(v2Key) },
  { weight: 4, arbitrary: cased(v1Key) },
  { weight: 1, arbitrary: providerKey },
);
