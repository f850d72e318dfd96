/**
 * Generators of configuration-shaped input for the validation property tests
 * (src/config/validate.property.test.ts): servers, load balancers, composite services, middlewares
 * and routers whose fields are usually valid, sometimes junk, typo'd or spelled in another case.
 */
import fc from 'fast-check';
import {
  junk,
  mostly,
  pick,
  field,
  typo,
  object,
  map,
  name,
  names,
  duration,
  int,
  bool,
} from './config-field-arbitraries';

/** A dynamic configuration, mostly shaped like one. */
const server = object(
  field(
    'url',
    pick(
      [
        'http://10.0.0.2:3000',
        'https://a.example/x',
        'http://10.0.0.3:80',
        'http://web-1:8080',
        'http://[::1]:81',
        'h2c://grpc:50051',
      ],
      ['ftp://x', 'nope'],
    ),
    30,
  ),
  field('weight', int),
  fc.oneof(
    { weight: 1, arbitrary: field('id', pick(['s1', 's2', 's3'], [''])) },
    { weight: 4, arbitrary: fc.constant(null) },
  ),
  field('preservePath', bool),
  typo('urll'),
);
const loadBalancer = object(
  field('servers', mostly(fc.array(server, { maxLength: 3 })), 9),
  field('strategy', pick(['wrr', 'p2c', 'hrw', 'leasttime', 'ROUND_ROBIN', 'weighted'], ['fastest'])),
  field(
    'sticky',
    object(
      field(
        'cookie',
        mostly(
          fc.oneof(
            fc.boolean(),
            object(
              field('name', pick(['lb', 'sid'], [''])),
              field('sameSite', pick(['Lax', 'none', 'STRICT'], ['x'])),
              field('maxAge', int),
            ),
          ),
        ),
      ),
    ),
  ),
  field(
    'healthCheck',
    object(
      field('path', pick(['/health', '/'], ['health', '']), 9),
      field('interval', duration),
      field('timeout', duration),
      field('port', int),
      field('rise', int),
      field('method', pick(['get', 'HEAD'], [''])),
    ),
    1,
  ),
  field(
    'passiveHealthCheck',
    object(field('failures', int), field('failureWindow', duration), field('cooldown', duration)),
  ),
  field('passHostHeader', bool),
  field('responseForwarding', object(field('flushInterval', duration, 9))),
  typo('serverz'),
);
const service = fc.oneof(
  { weight: 6, arbitrary: object(field('loadBalancer', loadBalancer, 20)) },
  {
    weight: 2,
    arbitrary: object(
      field(
        'weighted',
        object(
          field(
            'services',
            mostly(fc.array(object(field('name', mostly(name), 9), field('weight', int)), { maxLength: 3 })),
            9,
          ),
          field('sticky', object(field('cookie', bool))),
        ),
        20,
      ),
    ),
  },
  {
    weight: 1,
    arbitrary: object(
      field(
        'mirroring',
        object(
          field('service', mostly(name), 9),
          field('mirrors', mostly(fc.array(object(field('name', mostly(name), 9), field('percent', int))))),
        ),
        20,
      ),
    ),
  },
  {
    weight: 1,
    arbitrary: object(
      field('failover', object(field('service', mostly(name), 9), field('fallback', mostly(name), 9)), 20),
    ),
  },
  { weight: 1, arbitrary: junk },
);
const middleware = fc.oneof(
  object(
    field(
      'stripPrefix',
      object(field('prefixes', pick([['/a'], '/a, /b', ['/b', '/c']], [[], ['']]), 9), field('forceSlash', bool)),
      20,
    ),
  ),
  object(field('chain', object(field('middlewares', names, 9)), 20)),
  object(
    field(
      'ipWhiteList',
      object(
        field('sourceRange', pick(['10.0.0.0/8', '::1, 1.2.3.4', ['fe80::/10']], ['300.1.1.1', '']), 9),
        field('ipStrategy', object(field('depth', int))),
      ),
      20,
    ),
  ),
  object(
    field(
      'rateLimit',
      object(
        field('average', int, 9),
        field('period', duration),
        field('burst', int),
        field('sourceCriterion', object(field('requestHost', bool))),
      ),
      20,
    ),
  ),
  object(
    field(
      'headers',
      object(
        field('customRequestHeaders', mostly(fc.dictionary(fc.string(), mostly(fc.string())))),
        field('frameDeny', bool),
        typo('frameDenyy'),
      ),
      20,
    ),
  ),
  object(field('retry', object(field('attempts', int, 9), field('initialInterval', duration)), 20)),
  object(
    field(
      'basicAuth',
      object(field('users', pick(['u:h', 'u:h,v:w', ['a:b']], ['nohash']), 9), field('realm', mostly(fc.string()))),
      20,
    ),
  ),
  object(field('addPrefix', object(field('prefix', pick(['/p'], ['']), 9)), 20), typo('forwardAuth')),
  junk,
);
const router = object(
  field('rule', pick(['Host(`a`)', 'Host:a;PathPrefixStrip:/x', 'PathPrefix(`/api`)'], ['', '  ']), 9),
  field('service', mostly(name), 9),
  field('middlewares', names),
  field('priority', int),
  field('entryPoints', names),
  field('ruleSyntax', pick(['v1', 'V3'], ['v9'])),
  field('tls', mostly(fc.oneof(fc.boolean(), object(field('certResolver', mostly(fc.string())))))),
  typo('servce'),
);
export const configShaped = mostly(
  object(
    field(
      'http',
      mostly(
        object(
          field('routers', map(router), 3),
          field('services', map(service), 3),
          field('middlewares', map(middleware), 3),
          typo('models'),
        ),
      ),
      20,
    ),
    typo('tcp'),
  ),
);
