import { describe, expect, it } from 'vitest';
import type { RequestFacts } from '../rules/ast';
import { facts } from '../../test/support/rule-helpers';
import { rulePriority } from './priority';
import { compileRoutes } from './route-table';
import type { RouteInput } from './route-table';

function route(name: string, rule: string, extra: Partial<RouteInput<string>> = {}): RouteInput<string> {
  return { name, rule, data: name, ...extra };
}

function winner(routes: RouteInput<string>[], request: Partial<RequestFacts>, entryPoint?: string): string | undefined {
  const { table, errors } = compileRoutes(routes);
  expect(errors).toEqual([]);
  return table.match(facts(request), entryPoint)?.data;
}

describe('compileRoutes / RouteTable.match', () => {
  it.each<{
    desc: string;
    routes: RouteInput<string>[];
    request: Partial<RequestFacts>;
    entryPoint?: string;
    expected: string | undefined;
  }>([
    {
      desc: 'longer rule wins by default (Traefik priority = rule length)',
      routes: [route('short', 'PathPrefix(`/`)'), route('long', 'PathPrefix(`/api`)')],
      request: { path: '/api/x' },
      expected: 'long',
    },
    {
      desc: 'the Traefik docs example: HostRegexp beats a shorter Host rule',
      routes: [
        route('Router-1', 'HostRegexp(`[a-z]+\\.traefik\\.com`)'),
        route('Router-2', 'Host(`foobar.traefik.com`)'),
      ],
      request: { host: 'foobar.traefik.com' },
      expected: 'Router-1',
    },
    {
      desc: 'explicit priority overrides the length',
      routes: [
        route('Router-1', 'HostRegexp(`[a-z]+\\.traefik\\.com`)', { priority: 2 }),
        route('Router-2', 'Host(`foobar.traefik.com`)'),
      ],
      request: { host: 'foobar.traefik.com' },
      expected: 'Router-2',
    },
    {
      desc: 'priority 0 means the default',
      routes: [route('zero', 'PathPrefix(`/a`)', { priority: 0 }), route('one', 'PathPrefix(`/`)', { priority: 1 })],
      request: { path: '/a' },
      expected: 'zero',
    },
    {
      desc: 'ties go to the earlier route',
      routes: [route('first', 'Path(`/a`)'), route('second', 'Path(`/a`)')],
      request: { path: '/a' },
      expected: 'first',
    },
    {
      desc: 'ties follow an explicit order',
      routes: [route('first', 'Path(`/a`)', { order: 2 }), route('second', 'Path(`/a`)', { order: 1 })],
      request: { path: '/a' },
      expected: 'second',
    },
    {
      desc: 'equal order breaks by name',
      routes: [route('b', 'Path(`/a`)', { order: 1 }), route('a', 'Path(`/a`)', { order: 1 })],
      request: { path: '/a' },
      expected: 'a',
    },
    {
      desc: 'entry points filter routes',
      routes: [route('secure', 'PathPrefix(`/api`)', { entryPoints: ['websecure'] }), route('any', 'PathPrefix(`/`)')],
      request: { path: '/api' },
      entryPoint: 'web',
      expected: 'any',
    },
    {
      desc: 'a route on the entry point wins',
      routes: [route('secure', 'PathPrefix(`/api`)', { entryPoints: ['websecure'] }), route('any', 'PathPrefix(`/`)')],
      request: { path: '/api' },
      entryPoint: 'websecure',
      expected: 'secure',
    },
    {
      desc: 'empty entry points mean all',
      routes: [route('all', 'PathPrefix(`/`)', { entryPoints: [] })],
      request: {},
      entryPoint: 'web',
      expected: 'all',
    },
    {
      desc: 'no entry point given: not filtered',
      routes: [route('secure', 'PathPrefix(`/`)', { entryPoints: ['websecure'] })],
      request: {},
      expected: 'secure',
    },
    { desc: 'no match', routes: [route('a', 'Host(`a`)')], request: { host: 'b' }, expected: undefined },
    {
      desc: 'host bucket and fallback merge in priority order',
      routes: [route('host', 'Host(`a.com`)'), route('regexp', 'HostRegexp(`^a\\.com$`) && PathPrefix(`/`)')],
      request: { host: 'a.com' },
      expected: 'regexp',
    },
    {
      desc: 'host bucket beats a shorter fallback',
      routes: [route('catch-all', 'PathPrefix(`/`)', { priority: 1 }), route('host', 'Host(`a.com`)')],
      request: { host: 'A.com:443' },
      expected: 'host',
    },
    {
      desc: 'host pins tolerate trailing dots',
      routes: [route('dotted', 'Host(`a.com.`)')],
      request: { host: 'a.com' },
      expected: 'dotted',
    },
    {
      desc: 'a negated host is not pinned',
      routes: [route('not-a', '!Host(`a.com`)')],
      request: { host: 'b.com' },
      expected: 'not-a',
    },
    {
      desc: 'path prefix index: longest literal rule first',
      routes: [
        route('svc-1', 'PathPrefix(`/svc-1`)'),
        route('svc-10', 'PathPrefix(`/svc-10`)'),
        route('root', 'PathPrefix(`/`)'),
      ],
      request: { path: '/svc-10/x' },
      expected: 'svc-10',
    },
    {
      desc: 'exact path index',
      routes: [route('prefix', 'PathPrefix(`/h`)', { priority: 1 }), route('exact', 'Path(`/health`)')],
      request: { path: '/health' },
      expected: 'exact',
    },
    {
      desc: 'v1 and v3 routes share a table',
      routes: [route('v1', 'Host:demo.res.ch;PathPrefixStrip:/api/jokes/'), route('v3', 'Host(`demo.res.ch`)')],
      request: { host: 'demo.res.ch', path: '/api/jokes/1' },
      expected: 'v1',
    },
  ])('$desc', ({ routes, request, entryPoint, expected }) => {
    expect(winner(routes, request, entryPoint)).toBe(expected);
  });

  it('reports bad routes and serves the others', () => {
    const { table, errors } = compileRoutes([
      route('bad-syntax', 'Host(`a`'),
      route('good', 'Host(`a`)'),
      route('bad-matcher', 'Hots(`a`)'),
      route('bad-priority', 'Host(`a`)', { priority: 1.5 }),
    ]);
    expect(errors.map((e) => [e.name, e.error.code])).toEqual([
      ['bad-syntax', 'LB_RULE_SYNTAX'],
      ['bad-matcher', 'LB_RULE_UNKNOWN_MATCHER'],
      ['bad-priority', 'LB_CONFIG_INVALID'],
    ]);
    expect(table.routes.map((r) => r.name)).toEqual(['good']);
    expect(table.match(facts({ host: 'a' }))?.name).toBe('good');
  });

  it('exposes compiled routes in the order they are tried, with modifiers', () => {
    const { table } = compileRoutes([
      route('a', 'PathPrefix(`/`)'),
      route('b', 'Host:x;PathPrefixStrip:/api', { syntax: 'v1' }),
    ]);
    expect(table.routes.map((r) => [r.name, r.priority, r.syntax])).toEqual([
      ['b', 'Host:x;PathPrefixStrip:/api'.length, 'v1'],
      ['a', 'PathPrefix(`/`)'.length, 'v3'],
    ]);
    expect(table.routes[0]?.modifiers).toEqual([{ kind: 'stripPrefix', prefixes: ['/api'], v1: true }]);
  });

  it('rule priority counts UTF-8 bytes, like Go len()', () => {
    expect(rulePriority('Path(`/é`)')).toBe(11);
    expect(rulePriority('Path(`/😀`)')).toBe(13);
  });

  it('honours an explicit syntax per route', () => {
    const { table, errors } = compileRoutes([route('v2', 'Host(`a`, `b`)', { syntax: 'v2' })]);
    expect(errors).toEqual([]);
    expect(table.match(facts({ host: 'b' }))?.name).toBe('v2');
  });
});
