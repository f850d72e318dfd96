/**
 * Conformance table for v3 host matching (issue #13, "Hosts"): exact names, ports, case, trailing
 * dots, `*.` wildcards and the bare `*`, the rules v3 rejects, and wildcard routes found through the
 * route index. Each row names the Traefik source it reproduces (file + test name and case).
 */
import { describe, expect, it } from 'vitest';
import { compileRoutes } from '../routing/route-table';
import { compileRule } from './compile';
import { parseRule } from './parse';
import { facts } from '../../test/support/rule-helpers';
import { V3_TEST, V3_RE_TEST, DOCS } from '../../test/support/host-conformance';
import type { HostRow } from '../../test/support/host-conformance';

const rows: readonly HostRow[] = [
  // v3 Host
  {
    src: `${V3_TEST} "valid Host matcher"`,
    syntax: 'v3',
    rule: 'Host(`example.com`)',
    host: 'example.com:8080',
    expected: true,
  },
  {
    src: `${V3_TEST} "valid Host matcher"`,
    syntax: 'v3',
    rule: 'Host(`example.com`)',
    host: 'EXAMPLE.COM',
    expected: true,
  },
  {
    src: `${V3_TEST} "valid Host matcher"`,
    syntax: 'v3',
    rule: 'Host(`example.com`)',
    host: 'example.org',
    expected: false,
  },
  {
    src: `${V3_TEST} "matcher ending with a dot"`,
    syntax: 'v3',
    rule: 'Host(`example.com.`)',
    host: 'example.com',
    expected: true,
  },
  {
    src: `${V3_TEST} "matcher ending with a dot"`,
    syntax: 'v3',
    rule: 'Host(`example.com.`)',
    host: 'example.com.',
    expected: true,
  },
  {
    src: `${V3_TEST} "matcher ending with a dot"`,
    syntax: 'v3',
    rule: 'Host(`example.com.`)',
    host: 'example.org.',
    expected: false,
  },
  {
    src: `${V3_TEST} "URL ending with a dot"`,
    syntax: 'v3',
    rule: 'Host(`example.com`)',
    host: 'example.com.',
    expected: true,
  },
  {
    src: `${V3_TEST} "matcher with UPPER case"`,
    syntax: 'v3',
    rule: 'Host(`EXAMPLE.COM`)',
    host: 'example.com',
    expected: true,
  },
  {
    src: `${V3_TEST} "puny-coded emoji"`,
    syntax: 'v3',
    rule: 'Host(`xn--9t9h.com`)',
    host: 'xn--9t9h.com',
    expected: true,
  },
  {
    src: `${V3_TEST} "wildcard matcher"`,
    syntax: 'v3',
    rule: 'Host(`*.example.com`)',
    host: 'test.example.com',
    expected: true,
  },
  {
    src: `${V3_TEST} "wildcard matcher"`,
    syntax: 'v3',
    rule: 'Host(`*.example.com`)',
    host: 'other.example.com',
    expected: true,
  },
  {
    src: `${V3_TEST} "wildcard matcher"`,
    syntax: 'v3',
    rule: 'Host(`*.example.com`)',
    host: 'example.com',
    expected: false,
  },
  {
    src: `${V3_TEST} "wildcard matcher"`,
    syntax: 'v3',
    rule: 'Host(`*.example.com`)',
    host: 'test.otherexample.com',
    expected: false,
  },
  {
    src: `${DOCS} "A wildcard matches exactly one subdomain label"`,
    syntax: 'v3',
    rule: 'Host(`*.example.com`)',
    host: 'foo.bar.example.com',
    expected: false,
  },
  {
    src: 'pkg/muxer/muxer.go DomainMatchHostExpression (strings.EqualFold) on the canonical host',
    syntax: 'v3',
    rule: 'Host(`*.Example.com`)',
    host: 'API.example.COM:8443',
    expected: true,
  },
  {
    src: 'pkg/muxer/http/matcher.go host(): "Check for match on trailing period on request"',
    syntax: 'v3',
    rule: 'Host(`*.example.com`)',
    host: 'a.example.com.',
    expected: true,
  },
  {
    src: 'pkg/muxer/http/matcher.go host(): "Check for match on trailing period on host"',
    syntax: 'v3',
    rule: 'Host(`*.example.com.`)',
    host: 'a.example.com',
    expected: true,
  },
  {
    src: `${V3_TEST} "* match everything"`,
    syntax: 'v3',
    rule: 'Host(`*`)',
    host: 'test.otherexample.com',
    expected: true,
  },
  { src: `${V3_TEST} "* match everything"`, syntax: 'v3', rule: 'Host(`*`)', host: 'localhost', expected: true },
  {
    src: `${DOCS} "Exception: a bare wildcard … including requests with no host at all"`,
    syntax: 'v3',
    rule: 'Host(`*`)',
    host: '',
    expected: true,
  },
  {
    src: 'pkg/muxer/http/matcher.go host(): len(reqHost) == 0 → false',
    syntax: 'v3',
    rule: 'Host(`*.example.com`)',
    host: '',
    expected: false,
  },
];

describe('host conformance (Traefik v1.7, v2.11, v3.7)', () => {
  it.each(rows)('$syntax $rule on "$host" → $expected ($src)', ({ syntax, rule, host, expected }) => {
    expect(compileRule(parseRule(rule, { syntax }))(facts({ host }))).toBe(expected);
  });

  it.each([
    { src: `${V3_TEST} "invalid Host matcher (empty parameter)"`, rule: 'Host(``)' },
    { src: `${V3_TEST} "invalid Host matcher (non-ASCII)"`, rule: 'Host(`🦭.com`)' },
    { src: `${V3_TEST} "invalid Host matcher (too many parameters)"`, rule: 'Host(`example.com`, `example.org`)' },
    { src: `${V3_RE_TEST} "invalid HostRegexp matcher (invalid regexp)"`, rule: 'HostRegexp(`(example.com`)' },
  ])('rejects $rule ($src)', ({ rule }) => {
    expect(() => parseRule(rule)).toThrow();
  });

  // The route index must find wildcard and catch-all routers, and priorities stay the rule length
  // (docs rules-and-priority.md "Priority Calculation": the longest rule wins).
  it.each([
    { host: 'aa.example.com', expected: 'exact' },
    { host: 'b.example.com', expected: 'wildcard' },
    { host: 'B.Example.com:80', expected: 'wildcard' },
    { host: 'a.b.example.com', expected: 'catch-all' },
    { host: 'example.com', expected: 'catch-all' },
    { host: '', expected: 'catch-all' },
  ])('routes $host to $expected through the index', ({ host, expected }) => {
    const { table, errors } = compileRoutes([
      { name: 'catch-all', rule: 'Host(`*`)', data: 0 },
      { name: 'wildcard', rule: 'Host(`*.example.com`)', data: 0 },
      { name: 'exact', rule: 'Host(`aa.example.com`)', data: 0 },
    ]);
    expect(errors).toEqual([]);
    expect(table.routes.map((r) => [r.name, r.priority])).toEqual([
      ['exact', 22],
      ['wildcard', 21],
      ['catch-all', 9],
    ]);
    expect(table.match(facts({ host }))?.name).toBe(expected);
  });
});
