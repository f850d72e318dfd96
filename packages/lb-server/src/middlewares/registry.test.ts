import { describe, expect, it } from 'vitest';
import { isMiddlewareConfigError, MiddlewareConfigError } from './errors';
import { createMiddleware, MIDDLEWARE_FACTORIES } from './registry';

describe('createMiddleware', () => {
  it.each([
    { config: { addPrefix: { prefix: '/a' } }, type: 'addPrefix' },
    { config: { ADDPREFIX: { prefix: '/a' } }, type: 'addPrefix' },
    { config: { ipwhitelist: { sourcerange: '10.0.0.0/8' } }, type: 'ipWhiteList' },
    { config: { retry: { attempts: 3 } }, type: 'retry' },
  ])('builds $type from %j', ({ config, type }) => {
    const mw = createMiddleware('name@file', config);
    expect(mw).toMatchObject({ name: 'name@file', type });
  });

  it.each([
    { desc: 'not an object', config: 'stripPrefix', path: '' },
    { desc: 'no type', config: {}, path: '' },
    { desc: 'two types', config: { addPrefix: { prefix: '/a' }, stripPrefix: { prefixes: ['/a'] } }, path: '' },
    { desc: 'unknown type', config: { compress: {} }, path: 'compress' },
    { desc: 'bad options', config: { basicAuth: { users: ['u:p', 'v'] } }, path: 'basicAuth.users[0]' },
  ])('throws a coded error for $desc', ({ config, path }) => {
    let caught: unknown;
    try {
      createMiddleware('m', config);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(MiddlewareConfigError);
    expect(isMiddlewareConfigError(caught)).toBe(true);
    expect((caught as MiddlewareConfigError).toJSON()).toMatchObject({ code: 'LB_MIDDLEWARE_INVALID', path });
  });

  it('knows every type the brief lists', () => {
    expect(Object.keys(MIDDLEWARE_FACTORIES).sort()).toEqual([
      'addPrefix',
      'basicAuth',
      'chain',
      'headers',
      'inFlightReq',
      'ipAllowList',
      'ipWhiteList',
      'rateLimit',
      'redirectRegex',
      'redirectScheme',
      'replacePath',
      'replacePathRegex',
      'retry',
      'stripPrefix',
      'stripPrefixRegex',
    ]);
  });
});
