/**
 * Middleware validation, normalisation: each middleware type in its accepted spellings comes out in
 * canonical form, and its type is recognised.
 */
import { describe, expect, it } from 'vitest';
import { middlewareType } from './middleware-types';
import { validateMiddleware } from '../../test/support/middleware-validation';

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
