/**
 * The runtime builder, routers and middlewares: default entry points, routers compiled into a
 * table matched per entry point, a router disabled by its own error while the others serve, an
 * unknown entry point as a warning, middlewares that fail to compile or compile from the
 * normalised configuration, and provider errors attached to the element their path names.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { build, closeRegistries, facts, lb } from '../../test/support/runtime/build-runtime';
import { defaultEntryPoints } from './build-runtime';

afterEach(closeRegistries);

describe('defaultEntryPoints', () => {
  it.each([
    {
      desc: 'all but internal ones',
      eps: [
        { name: 'web', asDefault: false, internal: false },
        { name: 'traefik', asDefault: false, internal: true },
      ],
      defaults: ['web'],
    },
    {
      desc: 'only asDefault ones when any is marked',
      eps: [
        { name: 'a', asDefault: true, internal: false },
        { name: 'b', asDefault: false, internal: false },
      ],
      defaults: ['a'],
    },
    {
      desc: 'all when every one is internal',
      eps: [{ name: 'traefik', asDefault: false, internal: true }],
      defaults: ['traefik'],
    },
  ])('$desc', ({ eps, defaults }) => {
    expect(defaultEntryPoints(eps).defaults).toEqual(defaults);
  });
});

describe('buildRuntime', () => {
  it('compiles routers into a table that matches on their entry points', () => {
    const rt = build({
      http: {
        routers: {
          web: { rule: 'Host(`a.local`)', service: 's' },
          admin: { rule: 'Host(`a.local`)', service: 's', entryPoints: ['traefik'], priority: 1000 },
        },
        services: { s: lb('http://10.0.0.1:80') },
      },
    });
    expect(rt.match(facts('a.local'), 'web', false)?.name).toBe('web@file');
    expect(rt.match(facts('a.local'), 'traefik', false)?.name).toBe('admin@file');
    expect(rt.routers.get('web@file')?.entryPoints).toEqual(['web', 'websecure']);
    expect(rt.match(facts('b.local'), 'web', false)).toBeUndefined();
  });

  it.each([
    { desc: 'a rule that does not parse', router: { rule: 'Host(`a`', service: 's' }, code: 'LB_RULE_SYNTAX' },
    {
      desc: 'an unknown service',
      router: { rule: 'Host(`a`)', service: 'missing' },
      code: 'LB_CONFIG_UNKNOWN_SERVICE',
    },
    {
      desc: 'an unknown middleware',
      router: { rule: 'Host(`a`)', service: 's', middlewares: ['nope'] },
      code: 'LB_CONFIG_UNKNOWN_MIDDLEWARE',
    },
    {
      desc: 'only unknown entry points',
      router: { rule: 'Host(`a`)', service: 's', entryPoints: ['nowhere'] },
      code: 'LB_CONFIG_INVALID',
    },
    {
      desc: 'a v1 modifier with a bad regexp',
      router: { rule: 'Host:a;ReplacePathRegex: ^/(( /x', service: 's', ruleSyntax: 'v1' },
      code: 'LB_RULE',
    },
  ])('disables a router with $desc and keeps the others', ({ router, code }) => {
    const rt = build({
      http: {
        routers: { bad: router, good: { rule: 'Host(`good`)', service: 's' } },
        services: { s: lb('http://10.0.0.1') },
      },
    });
    const bad = rt.routers.get('bad@file');
    expect(bad?.status).toBe('disabled');
    expect(bad?.errors.map((e) => e.code).join()).toContain(code);
    expect(rt.routers.get('good@file')?.status).toBe('enabled');
    expect(rt.match(facts('good'), 'web', false)?.name).toBe('good@file');
    expect(rt.match(facts('a'), 'web', false)).toBeUndefined();
  });

  it('serves a router with one unknown entry point among known ones, as a warning', () => {
    const rt = build({
      http: {
        routers: { r: { rule: 'Host(`a`)', service: 's', entryPoints: ['web', 'gone'] } },
        services: { s: lb('http://10.0.0.1') },
      },
    });
    expect(rt.routers.get('r@file')).toMatchObject({ status: 'warning', entryPoints: ['web'] });
    expect(rt.match(facts('a'), 'web', false)?.name).toBe('r@file');
  });

  it('lists a middleware that fails to compile as disabled, with the routers it disables', () => {
    const rt = build({
      http: {
        routers: { r: { rule: 'Host(`a`)', service: 's', middlewares: ['auth'] } },
        services: { s: lb('http://10.0.0.1') },
        middlewares: { auth: { basicAuth: { users: ['alice:plain-text-password'] } } },
      },
    });
    expect(rt.middlewares.get('auth@file')).toMatchObject({
      status: 'disabled',
      type: 'basicAuth',
      usedBy: ['r@file'],
    });
    expect(rt.routers.get('r@file')).toMatchObject({
      status: 'disabled',
      errors: [expect.objectContaining({ code: 'LB_CONFIG_UNKNOWN_MIDDLEWARE' })],
    });
    expect(rt.services.get('s@file')).toMatchObject({ status: 'enabled', usedBy: ['r@file'] });
  });

  it('compiles middlewares from the normalised configuration (durations back to Traefik form)', () => {
    const rt = build({
      http: {
        routers: { r: { rule: 'Host(`a`)', service: 's', middlewares: ['retry', 'limit'] } },
        services: { s: lb('http://10.0.0.1') },
        middlewares: {
          retry: { retry: { attempts: 3, initialInterval: '50ms' } },
          limit: { rateLimit: { average: 10, period: '1s' } },
        },
      },
    });
    const router = rt.routers.get('r@file');
    expect(router?.status).toBe('enabled');
    expect(router?.retry).toMatchObject({ attempts: 3, initialIntervalMs: 50 });
    expect(rt.middlewares.get('limit@file')?.type).toBe('rateLimit');
  });

  it('attaches provider errors to the element their path names', () => {
    const rt = build({ http: { routers: { r: { rule: 'Host(`a`)' } }, services: {} } });
    expect(rt.routers.get('r@file')).toMatchObject({
      status: 'disabled',
      errors: [expect.objectContaining({ provider: 'file' })],
    });
  });
});
