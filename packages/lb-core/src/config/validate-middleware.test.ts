import { describe, expect, it } from 'vitest';
import { middlewareType } from './middleware-types';
import { validateDynamicConfig } from './validate';

/** Validates one middleware `m` (and a `headers` middleware `h` a chain may name). */
function validateMiddleware(middleware: unknown) {
  return validateDynamicConfig({ http: { middlewares: { m: middleware, h: { headers: {} } } } });
}

describe('middlewares: normalisation', () => {
  it.each([
    { input: { stripPrefix: { prefixes: ['/api', '/v1'] } }, expected: { stripPrefix: { prefixes: ['/api', '/v1'] } } },
    {
      input: { StripPrefix: { Prefixes: '/api/jokes/', forceSlash: 'false' } },
      expected: { stripPrefix: { prefixes: ['/api/jokes/'], forceSlash: false } },
    },
    {
      input: { stripPrefixRegex: { regex: ['/foo/[a-z0-9]+/'] } },
      expected: { stripPrefixRegex: { regex: ['/foo/[a-z0-9]+/'] } },
    },
    { input: { addPrefix: { prefix: '/foo' } }, expected: { addPrefix: { prefix: '/foo' } } },
    { input: { replacePath: { path: '/foo' } }, expected: { replacePath: { path: '/foo' } } },
    {
      input: { replacePathRegex: { regex: '^/foo/(.*)', replacement: '/bar/$1' } },
      expected: { replacePathRegex: { regex: '^/foo/(.*)', replacement: '/bar/$1' } },
    },
    {
      input: { replacePathRegex: { regex: '^/foo', replacement: '' } },
      expected: { replacePathRegex: { regex: '^/foo', replacement: '' } },
    },
    {
      input: { replacePathRegex: { regex: '^/foo' } },
      expected: { replacePathRegex: { regex: '^/foo', replacement: '' } },
    }, // Traefik: replacement is optional
    {
      input: {
        headers: {
          customRequestHeaders: { 'X-Script-Name': 'test', 'X-Remove': '' },
          customresponseheaders: { 'X-Custom': 1 },
          accessControlAllowMethods: 'GET,OPTIONS',
          accessControlMaxAge: '100',
          frameDeny: true,
        },
      },
      expected: {
        headers: {
          customRequestHeaders: { 'X-Script-Name': 'test', 'X-Remove': '' },
          customResponseHeaders: { 'X-Custom': '1' },
          accessControlAllowMethods: ['GET', 'OPTIONS'],
          accessControlMaxAge: 100,
          frameDeny: true,
        },
      },
    },
    {
      input: { retry: { attempts: 4, initialInterval: '100ms' } },
      expected: { retry: { attempts: 4, initialIntervalMs: 100 } },
    },
    { input: { retry: { attempts: '3' } }, expected: { retry: { attempts: 3 } } },
    {
      input: {
        basicAuth: {
          users: 'test:$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/, test2:$apr1$d9hr9HBB$4HxwgUir3HP4EsggP/QNo0',
          realm: 'junction',
          removeHeader: true,
        },
      },
      expected: {
        basicAuth: {
          users: ['test:$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/', 'test2:$apr1$d9hr9HBB$4HxwgUir3HP4EsggP/QNo0'],
          realm: 'junction',
          removeHeader: true,
        },
      },
    },
    { input: { basicAuth: { usersFile: '/etc/users' } }, expected: { basicAuth: { usersFile: '/etc/users' } } },
    {
      input: { inFlightReq: { amount: 10, sourceCriterion: { requestHost: true } } },
      expected: { inFlightReq: { amount: 10, sourceCriterion: { requestHost: true } } },
    },
    { input: { rateLimit: { average: 100 } }, expected: { rateLimit: { average: 100, periodMs: 1_000, burst: 1 } } },
    {
      input: { rateLimit: { average: 6, period: '1m', burst: 12, sourceCriterion: { ipStrategy: { depth: 2 } } } },
      expected: {
        rateLimit: { average: 6, periodMs: 60_000, burst: 12, sourceCriterion: { ipStrategy: { depth: 2 } } },
      },
    },
    {
      input: { redirectScheme: { scheme: 'https', port: 443, permanent: true } },
      expected: { redirectScheme: { scheme: 'https', port: '443', permanent: true } },
    },
    {
      input: {
        redirectregex: { regex: '^http://localhost/(.*)', replacement: 'http://mydomain/${1}', permanent: 'true' },
      },
      expected: {
        redirectRegex: { regex: '^http://localhost/(.*)', replacement: 'http://mydomain/${1}', permanent: true },
      },
    },
    {
      input: {
        ipAllowList: {
          sourceRange: ['127.0.0.1/32', '192.168.1.7', '::1', '2001:db8::/32'],
          ipStrategy: { excludedIPs: '10.0.0.1, fe80::1' },
          rejectStatusCode: 404,
        },
      },
      expected: {
        ipAllowList: {
          sourceRange: ['127.0.0.1/32', '192.168.1.7', '::1', '2001:db8::/32'],
          ipStrategy: { excludedIPs: ['10.0.0.1', 'fe80::1'] },
          rejectStatusCode: 404,
        },
      },
    },
    {
      input: { ipWhiteList: { sourceRange: '10.0.0.0/8' } },
      expected: { ipAllowList: { sourceRange: ['10.0.0.0/8'] } },
    },
    { input: { chain: { middlewares: 'h' } }, expected: { chain: { middlewares: ['h'] } } },
  ])('$expected', ({ input, expected }) => {
    const { config, errors } = validateMiddleware(input);
    expect(errors).toEqual([]);
    expect(config.http.middlewares?.m).toStrictEqual(expected);
    const middleware = config.http.middlewares?.m;
    expect(middleware && middlewareType(middleware)).toBe(Object.keys(expected)[0]);
  });
});

describe('middlewares: errors carry the path and disable the middleware', () => {
  it.each([
    { desc: 'no type', input: {}, path: 'http.middlewares.m', message: 'must define a middleware type' },
    {
      desc: 'null type',
      input: { stripPrefix: null },
      path: 'http.middlewares.m',
      message: 'must define a middleware type',
    },
    {
      desc: 'typo in the type',
      input: { stripPrefx: { prefixes: ['/a'] } },
      path: 'http.middlewares.m.stripPrefx',
      message: "unknown key (did you mean 'stripPrefix'?)",
    },
    {
      desc: 'two types',
      input: { addPrefix: { prefix: '/a' }, replacePath: { path: '/b' } },
      path: 'http.middlewares.m',
      message: 'defines addPrefix and replacePath',
    },
    {
      desc: 'both allow-list spellings',
      input: { ipAllowList: { sourceRange: ['::1'] }, ipWhiteList: { sourceRange: ['::1'] } },
      path: 'http.middlewares.m.ipWhiteList',
      message: 'not both',
    },
    {
      desc: 'Traefik type Junction lacks',
      input: { forwardAuth: { address: 'http://auth' } },
      path: 'http.middlewares.m.forwardAuth',
      message: "the Traefik middleware 'forwardAuth' is not supported",
    },
    {
      desc: 'stripPrefix without prefixes',
      input: { stripPrefix: {} },
      path: 'http.middlewares.m.stripPrefix.prefixes',
      message: 'is required',
    },
    {
      desc: 'stripPrefix with no prefix',
      input: { stripPrefix: { prefixes: [] } },
      path: 'http.middlewares.m.stripPrefix.prefixes',
      message: 'must not be empty',
    },
    {
      desc: 'addPrefix blank',
      input: { addPrefix: { prefix: '' } },
      path: 'http.middlewares.m.addPrefix.prefix',
      message: 'must not be empty',
    },
    {
      desc: 'replacePathRegex with a replacement that is no text',
      input: { replacePathRegex: { regex: '^/a', replacement: ['x'] } },
      path: 'http.middlewares.m.replacePathRegex.replacement',
      message: 'must be a string',
    },
    {
      desc: 'header value not text',
      input: { headers: { customRequestHeaders: { 'X-A': ['x'] } } },
      path: 'http.middlewares.m.headers.customRequestHeaders.X-A',
      message: 'must be a string',
    },
    {
      desc: 'unknown header option',
      input: { headers: { sslRedirectt: true } },
      path: 'http.middlewares.m.headers.sslRedirectt',
      message: 'unknown key',
    },
    {
      desc: 'retry without attempts',
      input: { retry: { initialInterval: '1s' } },
      path: 'http.middlewares.m.retry.attempts',
      message: 'is required',
    },
    {
      desc: 'retry zero attempts',
      input: { retry: { attempts: 0 } },
      path: 'http.middlewares.m.retry.attempts',
      message: 'must be at least 1',
    },
    {
      desc: 'basicAuth without users',
      input: { basicAuth: { realm: 'x' } },
      path: 'http.middlewares.m.basicAuth.users',
      message: 'give users or usersFile',
    },
    {
      desc: 'basicAuth user without hash',
      input: { basicAuth: { users: ['alice'] } },
      path: 'http.middlewares.m.basicAuth.users[0]',
      message: "'alice' is not a name:hash entry",
    },
    {
      desc: 'inFlightReq zero',
      input: { inFlightReq: { amount: 0 } },
      path: 'http.middlewares.m.inFlightReq.amount',
      message: 'must be at least 1',
    },
    {
      desc: 'rateLimit without average',
      input: { rateLimit: { burst: 5 } },
      path: 'http.middlewares.m.rateLimit.average',
      message: 'is required',
    },
    {
      desc: 'rateLimit bad period',
      input: { rateLimit: { average: 5, period: 'hourly' } },
      path: 'http.middlewares.m.rateLimit.period',
      message: 'invalid duration',
    },
    {
      desc: 'two source criteria',
      input: { rateLimit: { average: 5, sourceCriterion: { requestHost: true, requestHeaderName: 'X-User' } } },
      path: 'http.middlewares.m.rateLimit.sourceCriterion',
      message: 'set only one of requestHeaderName, requestHost',
    },
    {
      desc: 'redirectScheme without scheme',
      input: { redirectScheme: { port: '443' } },
      path: 'http.middlewares.m.redirectScheme.scheme',
      message: 'is required',
    },
    {
      desc: 'redirectRegex without regex',
      input: { redirectRegex: { replacement: 'http://x/' } },
      path: 'http.middlewares.m.redirectRegex.regex',
      message: 'is required',
    },
    {
      desc: 'bad IP range',
      input: { ipAllowList: { sourceRange: ['10.0.0.300'] } },
      path: 'http.middlewares.m.ipAllowList.sourceRange[0]',
      message: "'10.0.0.300' is not an IP address",
    },
    {
      desc: 'bad prefix length',
      input: { ipAllowList: { sourceRange: ['10.0.0.0/33'] } },
      path: 'http.middlewares.m.ipAllowList.sourceRange[0]',
      message: 'invalid prefix length',
    },
    {
      desc: 'bad excluded IP',
      input: { ipAllowList: { sourceRange: ['::1'], ipStrategy: { excludedIPs: ['1:2:3'] } } },
      path: 'http.middlewares.m.ipAllowList.ipStrategy.excludedIPs[0]',
      message: 'is not an IP address',
    },
    {
      desc: 'chain without middlewares',
      input: { chain: { middlewares: [] } },
      path: 'http.middlewares.m.chain.middlewares',
      message: 'must not be empty',
    },
  ])('$desc → $path', ({ input, path, message }) => {
    const { config, errors } = validateMiddleware(input);
    expect(config.http.middlewares?.m).toBeUndefined();
    expect(config.http.middlewares?.h).toEqual({ headers: {} });
    expect(errors).toContainEqual({
      path,
      code: 'LB_CONFIG_INVALID',
      message: expect.stringContaining(message),
      element: { kind: 'middleware', name: 'm' },
    });
  });
});
