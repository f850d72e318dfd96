/**
 * Middleware validation errors: each names the path of the bad field, carries its code, and disables
 * the middleware it is in while the others keep serving.
 */
import { describe, expect, it } from 'vitest';
import { validateMiddleware } from '../../test/support/middleware-validation';

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
