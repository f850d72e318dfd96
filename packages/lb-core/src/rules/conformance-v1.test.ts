/**
 * Conformance tables for v1 details (issue #13, "v1 details"): v1 modifiers alone and combined
 * (PathPrefixStrip with ReplacePath, AddPrefix, ReplacePathRegex, and the regex variants) give the
 * path and the `X-Forwarded-Prefix` / `X-Replaced-Path` headers Traefik 1.7 gives, and v1
 * priorities ≤ 0 fall back to the rule length. Each row names the Traefik 1.7 source.
 */
import { describe, expect, it } from 'vitest';
import { compileRoutes } from '../routing/route-table';
import { parseRule } from './parse';
import { applyPathModifiers } from './path-modifiers';
import { facts } from '../../test/support/rule-helpers';

const STRIP = 'v1.7 middlewares/stripPrefix_test.go TestStripPrefix';
const STRIP_RE = 'v1.7 middlewares/stripPrefixRegex_test.go TestStripPrefixRegex';
const REPLACE_RE = 'v1.7 middlewares/replace_path_regex_test.go TestReplacePathRegex';
const CHAIN = 'v1.7 server/server_configuration.go buildMatcherMiddlewares (order) with';

interface Row {
  readonly src: string;
  readonly rule: string;
  readonly path: string;
  readonly expected: string;
  readonly prefix?: string;
  readonly replaced?: string;
}

const rows: readonly Row[] = [
  {
    src: `${STRIP} "prefix and path matching"`,
    rule: 'PathPrefixStrip:/stat',
    path: '/stat',
    expected: '/',
    prefix: '/stat',
  },
  {
    src: `${STRIP} "path prefix on exactly matching path"`,
    rule: 'PathPrefixStrip:/stat/',
    path: '/stat/',
    expected: '/',
    prefix: '/stat/',
  },
  {
    src: `${STRIP} "path prefix on matching longer path"`,
    rule: 'PathPrefixStrip:/stat/',
    path: '/stat/us',
    expected: '/us',
    prefix: '/stat/',
  },
  {
    src: `${STRIP} "general prefix on matching path"`,
    rule: 'PathPrefixStrip:/stat',
    path: '/stat/',
    expected: '/',
    prefix: '/stat',
  },
  {
    src: `${STRIP} "prefix matching within slash boundaries"`,
    rule: 'PathPrefixStrip:/stat',
    path: '/status',
    expected: '/us',
    prefix: '/stat',
  },
  {
    src: 'v1.7 rules/rules.go pathPrefixStrip: sort.Sort(bySize(paths)), longest first',
    rule: 'PathPrefixStrip:/stat,/stat/us',
    path: '/stat/us',
    expected: '/',
    prefix: '/stat/us',
  },
  {
    src: `${STRIP_RE} "/a/api/test" (path "test", request URI "/test")`,
    rule: 'PathPrefixStripRegex:/a/api/',
    path: '/a/api/test',
    expected: '/test',
    prefix: '/a/api/',
  },
  {
    src: `${STRIP_RE} "/b/api2/test2"`,
    rule: 'PathPrefixStripRegex:/b/{regex}/',
    path: '/b/api2/test2',
    expected: '/test2',
    prefix: '/b/api2/',
  },
  {
    src: `${STRIP_RE} "/b/api/" (empty path)`,
    rule: 'PathPrefixStripRegex:/b/{regex}/',
    path: '/b/api/',
    expected: '/',
    prefix: '/b/api/',
  },
  {
    src: `${STRIP_RE} "/c/api/123/test3"`,
    rule: 'PathPrefixStripRegex:/c/{category}/{id:[0-9]+}/',
    path: '/c/api/123/test3',
    expected: '/test3',
    prefix: '/c/api/123/',
  },
  {
    src: `${REPLACE_RE} "simple regex"`,
    rule: 'Path:/whoami/and/whoami;ReplacePathRegex:^/whoami/(.*) /who-am-i/$1',
    path: '/whoami/and/whoami',
    expected: '/who-am-i/and/whoami',
    replaced: '/whoami/and/whoami',
  },
  {
    src: `${REPLACE_RE} "multiple replacement"`,
    rule: 'PathPrefix:/downloads;ReplacePathRegex:^(?i)/downloads/([^/]+)/([^/]+)$ /downloads/$1-$2',
    path: '/downloads/src/source.go',
    expected: '/downloads/src-source.go',
    replaced: '/downloads/src/source.go',
  },
  {
    src: `${CHAIN} stripPrefix.go ensureLeadingSlash + replace_path.go Header.Add(r.URL.Path)`,
    rule: 'PathPrefixStrip:/api;ReplacePath:/foo',
    path: '/api',
    expected: '/foo',
    prefix: '/api',
    replaced: '/',
  },
  {
    src: `${CHAIN} stripPrefix.go + replace_path.go`,
    rule: 'PathPrefixStrip:/api;ReplacePath:/foo',
    path: '/api/x',
    expected: '/foo',
    prefix: '/api',
    replaced: '/x',
  },
  {
    src: `${CHAIN} stripPrefixRegex.go (no leading slash put back) + replace_path.go`,
    rule: 'PathPrefixStripRegex:/api/{id:[0-9]+}/;ReplacePath:/foo',
    path: '/api/1/x',
    expected: '/foo',
    prefix: '/api/1/',
    replaced: 'x',
  },
  {
    src: `${CHAIN} stripPrefixRegex.go + replace_path.go`,
    rule: 'PathPrefixStripRegex:/api/{id:[0-9]+};ReplacePath:/foo',
    path: '/api/1/x',
    expected: '/foo',
    prefix: '/api/1',
    replaced: '/x',
  },
  {
    src: `${CHAIN} stripPrefix.go + addPrefix.go (Prefix + Path)`,
    rule: 'PathPrefixStrip:/api;AddPrefix:/v2',
    path: '/api',
    expected: '/v2/',
    prefix: '/api',
  },
  {
    src: `${CHAIN} stripPrefix.go + addPrefix.go`,
    rule: 'PathPrefixStrip:/api;AddPrefix:/v2',
    path: '/api/x',
    expected: '/v2/x',
    prefix: '/api',
  },
  {
    src: `${CHAIN} stripPrefixRegex.go + addPrefix.go`,
    rule: 'PathPrefixStripRegex:/api/{v}/;AddPrefix:/p',
    path: '/api/1/x',
    expected: '/px',
    prefix: '/api/1/',
  },
  {
    src: `${CHAIN} stripPrefix.go + replace_path_regex.go`,
    rule: 'PathPrefixStrip:/api;ReplacePathRegex:^/(.*) /new/$1',
    path: '/api/users',
    expected: '/new/users',
    prefix: '/api',
    replaced: '/users',
  },
  {
    src: `${CHAIN} stripPrefix.go + replace_path_regex.go + replace_path.go (Header.Add twice)`,
    rule: 'PathPrefixStrip:/api;ReplacePathRegex:^/(.*) /new/$1;ReplacePath:/final',
    path: '/api/users',
    expected: '/final',
    prefix: '/api',
    replaced: '/users, /new/users',
  },
  {
    src: `${CHAIN} stripPrefix.go (PathStrip) + replace_path.go`,
    rule: 'PathStrip:/health;ReplacePath:/status',
    path: '/health',
    expected: '/status',
    prefix: '/health',
    replaced: '/',
  },
  {
    src: `${CHAIN} addPrefix.go + replace_path.go`,
    rule: 'Path:/x;AddPrefix:/p;ReplacePath:/y',
    path: '/x',
    expected: '/y',
    replaced: '/p/x',
  },
];

describe('v1 modifiers (Traefik 1.7)', () => {
  it.each(rows)('$rule on $path → $expected ($src)', ({ rule, path, expected, prefix, replaced }) => {
    const parsed = parseRule(rule);
    expect(parsed.syntax).toBe('v1');
    const out = applyPathModifiers(path, parsed.modifiers);
    expect(out.path).toBe(expected);
    expect(out.headers['X-Forwarded-Prefix']).toBe(prefix);
    expect(out.headers['X-Replaced-Path']).toBe(replaced);
  });
});

describe('v1 priorities (Traefik 1.7 server_configuration.go buildServerRoute: only priority > 0 overrides len(rule))', () => {
  it.each([
    { src: 'buildServerRoute: frontend.Priority > 0 wins', priority: 5, expected: 5 },
    { src: 'buildServerRoute: 0 → len(rule)', priority: 0, expected: 'PathPrefix:/a'.length },
    { src: 'buildServerRoute: negative → len(rule)', priority: -5, expected: 'PathPrefix:/a'.length },
  ])('v1 priority $priority → $expected ($src)', ({ priority, expected }) => {
    const { table } = compileRoutes([{ name: 'r', rule: 'PathPrefix:/a', priority, data: 0 }]);
    expect(table.routes[0]?.priority).toBe(expected);
  });

  it('a v1 router with a negative priority still beats a shorter v3 one; a v3 negative priority stays (docs rules-and-priority.md "Negative priority values are supported")', () => {
    const { table } = compileRoutes([
      { name: 'v1', rule: 'PathPrefix:/a', priority: -1, data: 0 },
      { name: 'v3-negative', rule: 'PathPrefix(`/a`)', priority: -1, data: 0 },
      { name: 'v3', rule: 'PathPrefix(`/`)', priority: 1, data: 0 },
    ]);
    expect(table.routes.map((r) => [r.name, r.priority])).toEqual([
      ['v1', 13],
      ['v3', 1],
      ['v3-negative', -1],
    ]);
    expect(table.match(facts({ path: '/a/x' }))?.name).toBe('v1');
  });
});
