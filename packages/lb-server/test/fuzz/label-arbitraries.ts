/**
 * Fuzz-only generators of Docker containers for the label translation fuzz test: label sets in
 * Traefik v1 and v2/v3 form (known keys in any case, typos, unsupported and malformed keys,
 * prototype names such as `__proto__` and `constructor` in every position), values shaped for
 * each key or hostile (out-of-range numbers, bad durations, broken rules, huge and Unicode text),
 * compose replicas that pool or conflict, odd networks and ports, and provider options.
 */
import fc from 'fast-check';
import type { DockerContainer } from '../../src/providers/docker/container';
import type { DockerTranslateOptions } from '../../src/providers/docker/containers-to-config';

const PROTO = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];
const name = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('web', 'api', 'a', 'A', 'x-y', 'x_y', '1', 'é') },
  { weight: 2, arbitrary: fc.constantFrom(...PROTO) },
  { weight: 1, arbitrary: fc.constantFrom('', 'a b', 'a@b') },
);
const either = (...parts: string[]) => fc.constantFrom(...parts);

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

const RULES = [
  'Host:a',
  'Host:a,b;PathPrefixStrip:/x',
  'Host',
  'Host:é',
  'Host(`a`)',
  'Host(`a`) && PathPrefix(`/x`)',
  'Host(`a`',
  'PathRegexp(`(a+)+$`)',
  'HostRegexp(`{s:[a-z]+}.x`)',
  'Path(`/{id:[0-9]+}`)',
  '!',
  'Query(`a`, `1`)',
  'ClientIP(`10.0.0.0/33`)',
  'Header(`X`)',
];
const value = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...RULES) },
  {
    weight: 4,
    arbitrary: either(
      '80',
      '3000',
      '0',
      '65535',
      '65536',
      '-1',
      '1e3',
      '0x50',
      ' 80 ',
      '99999999999999999999',
      'NaN',
      '8080.5',
      '+443',
      '',
    ),
  },
  { weight: 2, arbitrary: either('true', 'false', 'TRUE', '1', 't', 'yes', 'maybe') },
  { weight: 2, arbitrary: either('10s', '1m30s', '-1s', 'soon', '0', '100ms', '5') },
  { weight: 3, arbitrary: either('web', 'a,b', 'web@docker', 'x@file', 'api@internal', 'websecure', ...PROTO) },
  {
    weight: 2,
    arbitrary: either(
      'http://10.0.0.1:80',
      'http://[::1]:80',
      'ftp://x',
      'not a url',
      'http',
      'https',
      'h2c',
      'wrr',
      'drr',
      'p2c',
      'fastest',
    ),
  },
  {
    weight: 2,
    arbitrary: either(
      'X-A:1||X-B:2',
      '__proto__:x',
      'constructor:y',
      'bad',
      '10.0.0.0/8,::1',
      'x',
      '/a,/b',
      'user:$apr1$x$y',
      'Lax',
      'none',
    ),
  },
  { weight: 2, arbitrary: fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('a', 'Host(`a`) || ', 'é', '😀', '{'), fc.integer({ min: 1_000, max: 70_000 }))
      .map(([u, n]) => u.repeat(Math.ceil(n / u.length))),
  },
);

const labelEntry = fc
  .oneof(
    { weight: 5, arbitrary: cased(v2Key) },
    { weight: 4, arbitrary: cased(v1Key) },
    { weight: 1, arbitrary: providerKey },
  )
  .chain((k) => fc.tuple(fc.constant(k), value));
/** A label set (as Docker's JSON gives it: `__proto__` is an own key like any other). */
export const labelSet = fc
  .array(labelEntry, { maxLength: 8 })
  .map((entries) => Object.fromEntries(entries) as Record<string, string>);

const NETWORKS = [
  { name: 'net', ip: '172.20.0.2' },
  { name: 'other', ip: '10.0.0.3' },
  { name: 'v6', ip: 'fd00::2' },
  { name: 'noip', ip: '' },
];
const PORTS = [
  { privatePort: 3000, type: 'tcp' as const },
  { privatePort: 80, type: 'tcp' as const, hostIp: '0.0.0.0', hostPort: 8080 },
  { privatePort: 53, type: 'udp' as const },
  { privatePort: 443, type: 'tcp' as const, hostIp: '::', hostPort: 8443 },
];

/** Containers with generated labels; compose identities make replicas that pool or conflict. */
export const containers: fc.Arbitrary<DockerContainer[]> = fc
  .array(
    fc.record({
      base: fc.constantFrom('web', 'api', 'db', '__proto__', 'constructor', 'x y'),
      labels: labelSet,
      compose: fc.option(
        fc.tuple(fc.constantFrom('lab', '__proto__'), fc.constantFrom('dynamic', 'static', 'constructor'), fc.nat(3)),
      ),
      state: fc.constantFrom('running', 'running', 'running', 'exited', 'paused'),
      health: fc.constantFrom('none' as const, 'healthy' as const, 'starting' as const, 'unhealthy' as const),
      created: fc.integer({ min: 0, max: 2_000_000_000 }),
      networkMode: fc.constantFrom('default', 'net', 'host', 'none', 'container:c0', 'container:gone'),
      networks: fc.subarray(NETWORKS),
      ports: fc.subarray(PORTS),
      draining: fc.boolean(),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((records) =>
    records.map((r, i): DockerContainer => {
      const compose: Record<string, string> =
        r.compose === null
          ? {}
          : {
              'com.docker.compose.project': r.compose[0],
              'com.docker.compose.service': r.compose[1],
              'com.docker.compose.container-number': String(r.compose[2]),
            };
      return {
        id: `c${i}${'0'.repeat(63)}`.slice(0, 64),
        name: i === 0 ? r.base : `${r.base}_${i}`,
        labels: { ...compose, ...r.labels },
        state: r.state,
        health: r.health,
        created: r.created,
        networkMode: r.networkMode,
        networks: r.networks,
        ports: r.ports,
        ...(r.draining ? { draining: true } : {}),
      };
    }),
  );

/** Provider options: Traefik's defaults, or odd networks, default rules and constraints. */
export const translateOptions: fc.Arbitrary<DockerTranslateOptions> = fc.record({
  exposedByDefault: fc.boolean(),
  network: fc.constantFrom(undefined, undefined, 'net', 'missing', ''),
  useBindPortIP: fc.boolean(),
  defaultRule: fc.constantFrom(
    'Host(`{{ normalize .Name }}`)',
    'Host(`{{ normalize .Name }}`)',
    'Host(`{{ index .Labels "__proto__" }}x`)',
    'Host(`{{ .Labels.constructor }}`)',
    'Host(`{{ .Nme }}`)',
    '{{ "\\x41" }}',
    'Host(`{{',
    '',
    '{{ .Labels }}',
  ),
  constraints: fc.oneof(
    { weight: 12, arbitrary: fc.constant(undefined) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('Label(`a`, `b`)', '!LabelRegex(`traefik.enable`, `(a+)+$`)', 'Label(`a`', 'Foo()'),
    },
  ),
});
