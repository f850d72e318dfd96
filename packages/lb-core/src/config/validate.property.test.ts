import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LB_ERROR_CODES } from '../errors';
import { configEquals } from './equals';
import { isRecord } from './field-reader';
import { checkStructure, isStructuralError } from './structure';
import { mergeConfigs } from './merge';
import type { ConfigValidationResult } from './types';
import { checkReferences, pruneBrokenReferences, validateDynamicConfig } from './validate';

const junk = fc.jsonValue({ maxDepth: 2 });
/** Usually `good`, sometimes arbitrary JSON. */
const mostly = (good: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 40, arbitrary: good }, { weight: 1, arbitrary: junk });
/** Usually one of `valid`, sometimes one of `invalid`. */
const pick = (valid: readonly unknown[], invalid: readonly unknown[]): fc.Arbitrary<unknown> =>
  mostly(
    fc.oneof(
      { weight: 20, arbitrary: fc.constantFrom(...valid) },
      { weight: 1, arbitrary: fc.constantFrom(...invalid) },
    ),
  );

type Field = fc.Arbitrary<readonly [string, unknown] | null>;
/** A key in a random spelling (`loadBalancer`, `loadbalancer`, `LoadBalancer`), present with weight `present` to 1. */
const field = (key: string, value: fc.Arbitrary<unknown>, present = 1): Field =>
  fc.oneof(
    {
      weight: present,
      arbitrary: fc.tuple(
        fc.constantFrom(key, key.toLowerCase(), `${key.charAt(0).toUpperCase()}${key.slice(1)}`),
        value,
      ),
    },
    { weight: 1, arbitrary: fc.constant(null) },
  );
/** A typo'd key, rarely present. */
const typo = (key: string): Field =>
  fc.oneof({ weight: 40, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.tuple(fc.constant(key), junk) });
const object = (...fields: Field[]): fc.Arbitrary<Record<string, unknown>> =>
  fc.tuple(...fields).map((entries) => Object.fromEntries(entries.filter((entry) => entry !== null)));
const map = (value: fc.Arbitrary<unknown>) => mostly(fc.dictionary(elementName, value, { maxKeys: 4 }));

const elementName = pick(['a', 'b', 'web', 'c1', 'c2', '__proto__', 'constructor'], ['', 'x@y']).map(String);
/** References: local names, qualified with the snapshot's provider or another one. */
const name = pick(['a', 'b', 'web', 'c1', 'c2', 'constructor', 'a@docker', 'web@file', 'api@internal'], ['', 'gone']);
const names = mostly(fc.oneof(fc.array(name, { maxLength: 3 }), fc.constantFrom('a,b', 'web', 'c1,web@file')));
const duration = pick(['10s', '100ms', '1m30s', '5', 7, '250ms'], ['0', '-1s', 'soon', '']);
const int = pick([1, 2, 3, 10, '2', 443], [0, -1, 'x', 1.5, 70_000]);
const bool = pick([true, false, 'true', 'False'], ['yes']);

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
const configShaped = mostly(
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

/** The invariants every validation result keeps, whatever the input. */
function expectWellFormed({ config, errors }: ConfigValidationResult): void {
  for (const error of errors) {
    expect(typeof error.path).toBe('string');
    expect(Object.keys(LB_ERROR_CODES)).toContain(error.code);
    if (error.element === undefined) continue;
    const section = config.http[`${error.element.kind}s`] ?? {};
    expect(Object.hasOwn(section, error.element.name)).toBe(false);
  }
}

/** Validating a validated configuration reports nothing and changes nothing. */
function expectIdempotent(result: ConfigValidationResult, provider?: string): void {
  const again = validateDynamicConfig(JSON.parse(JSON.stringify(result.config)), { provider });
  expect(again.errors).toEqual([]);
  expect(configEquals(again.config, result.config)).toBe(true);
}

describe('validateDynamicConfig: properties', () => {
  it('never throws on arbitrary JSON, and its output re-validates unchanged', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (input) => {
        const result = validateDynamicConfig(input);
        expectWellFormed(result);
        expectIdempotent(result);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on configuration-shaped junk; output is well formed and idempotent', () => {
    fc.assert(
      fc.property(configShaped, fc.constantFrom(undefined, 'docker', 'file'), (input, provider) => {
        const result = validateDynamicConfig(input, { provider });
        expectWellFormed(result);
        expectIdempotent(result, provider);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses the whole snapshot on a structural error, and otherwise drops no element without an error naming it', () => {
    const field = (object: Record<string, unknown>, key: string): unknown =>
      object[Object.keys(object).find((k) => k.toLowerCase() === key) ?? ''];
    fc.assert(
      fc.property(configShaped, (input) => {
        const { config, errors } = validateDynamicConfig(input);
        if (checkStructure(input).length > 0) {
          expect(errors.every(isStructuralError)).toBe(true);
          expect(config).toStrictEqual({ http: { routers: {}, services: {}, middlewares: {} } });
          return;
        }
        expect(errors.some(isStructuralError)).toBe(false);
        const http = isRecord(input) ? field(input, 'http') : undefined;
        for (const kind of ['router', 'service', 'middleware'] as const) {
          const given = isRecord(http) ? field(http, `${kind}s`) : undefined;
          for (const name of Object.keys(isRecord(given) ? given : {})) {
            const kept = Object.hasOwn(config.http[`${kind}s`] ?? {}, name);
            const named = errors.some((e) => e.element?.kind === kind && e.element.name === name);
            expect(kept || named, `${kind} ${name}`).toBe(true);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('after merging, pruning broken cross-provider references leaves a configuration that checks clean', () => {
    fc.assert(
      fc.property(configShaped, configShaped, (docker, file) => {
        const merged = mergeConfigs({
          docker: validateDynamicConfig(docker, { provider: 'docker' }).config,
          file: validateDynamicConfig(file, { provider: 'file' }).config,
        });
        const pruned = pruneBrokenReferences(merged);
        expect(checkReferences(pruned.config)).toEqual([]);
        expect(pruned.errors).toEqual(checkReferences(merged));
      }),
      { numRuns: 200 },
    );
  });
});
