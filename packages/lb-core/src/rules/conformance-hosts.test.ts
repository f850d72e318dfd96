/**
 * Conformance tables for host matching (issue #13, "Hosts"): v3 wildcards and the bare `*`, IPv6
 * literals with and without ports, trailing dots and case per matcher and dialect. Each row names
 * the Traefik source it reproduces (file + test name and case, or documentation page).
 */
import { describe, expect, it } from 'vitest';
import { compileRoutes } from '../routing/route-table';
import type { RuleSyntax } from './ast';
import { compileRule } from './compile';
import { parseRule } from './parse';
import { facts } from '../../test/support/rule-helpers';

interface Row {
  readonly src: string;
  readonly syntax: RuleSyntax;
  readonly rule: string;
  readonly host: string;
  readonly expected: boolean;
}

const V3_TEST = 'pkg/muxer/http/matcher_test.go TestHostMatcher';
const V3_RE_TEST = 'pkg/muxer/http/matcher_test.go TestHostRegexpMatcher';
const V2_TEST = 'pkg/muxer/http/matcher_v2_test.go TestHostV2Matcher';
const V2_RE_TEST = 'pkg/muxer/http/matcher_v2_test.go TestHostRegexp';
const V2_RE_TEST2 = 'pkg/muxer/http/matcher_v2_test.go TestHostRegexpV2Matcher';
const V1_RE_TEST = 'v1.7 rules/rules_test.go TestHostRegexp';
const DECORATOR = 'pkg/middlewares/requestdecorator/request_decorator_test.go TestRequestHost_parseHost';
const DOCS = 'docs reference/routing-configuration/http/routing/rules-and-priority.md "Host and HostRegexp"';
const FE80 = 'fe80::215:5dff:fe20:cd6a';

const rows: readonly Row[] = [
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
  // IPv6 literals (the canonical host of the request decorator)
  {
    src: `${DECORATOR} "IPv6 host with : and with port"`,
    syntax: 'v3',
    rule: `Host(\`${FE80}\`)`,
    host: `[${FE80}]:123`,
    expected: true,
  },
  {
    src: `${DECORATOR} "IPv6 host with : and without port"`,
    syntax: 'v3',
    rule: `Host(\`${FE80}\`)`,
    host: `[${FE80}]:`,
    expected: true,
  },
  {
    src: `${DECORATOR} "IPv6 host without : and without port"`,
    syntax: 'v3',
    rule: `Host(\`${FE80}\`)`,
    host: `[${FE80}]`,
    expected: true,
  },
  {
    src: `${DECORATOR} "host with : and without port" (bare IPv6)`,
    syntax: 'v3',
    rule: `Host(\`${FE80}\`)`,
    host: FE80,
    expected: true,
  },
  {
    src: `${DECORATOR} "invalid IPv6: missing ]"`,
    syntax: 'v3',
    rule: `Host(\`${FE80}\`)`,
    host: `[${FE80}`,
    expected: false,
  },
  {
    src: `${DECORATOR}: the canonical host never keeps brackets, so a bracketed rule never matches`,
    syntax: 'v3',
    rule: 'Host(`[::1]`)',
    host: '[::1]:8080',
    expected: false,
  },
  {
    src: `${DECORATOR} (v2 Host reads the same canonical host)`,
    syntax: 'v2',
    rule: 'Host(`::1`)',
    host: '[::1]',
    expected: true,
  },
  {
    src: `${DECORATOR} (HostRegexp reads the canonical host)`,
    syntax: 'v3',
    rule: 'HostRegexp(`^::1$`)',
    host: '[::1]:8080',
    expected: true,
  },
  {
    src: 'v1.7 middlewares/request_host.go parseHost (no bracket rule): [::1] stays bracketed',
    syntax: 'v1',
    rule: 'HostRegexp:{h:\\[[0-9a-f]+\\]}',
    host: '[12]',
    expected: true,
  },
  // v2 Host: no wildcard, trailing dots
  {
    src: 'pkg/muxer/http/matcher_v2.go hostV2 (reqHost == host: no wildcard in v2)',
    syntax: 'v2',
    rule: 'Host(`*.example.com`)',
    host: 'a.example.com',
    expected: false,
  },
  {
    src: `${DOCS} "This is only available with the v3 rule syntax"`,
    syntax: 'v2',
    rule: 'Host(`*`)',
    host: 'localhost',
    expected: false,
  },
  {
    src: `${V2_TEST} "matcher ending with a dot"`,
    syntax: 'v2',
    rule: 'Host(`example.com.`)',
    host: 'example.com',
    expected: true,
  },
  {
    src: `${V2_TEST} "URL ending with a dot"`,
    syntax: 'v2',
    rule: 'Host(`example.com`)',
    host: 'example.com.',
    expected: true,
  },
  {
    src: `${V2_TEST} "many parameters"`,
    syntax: 'v2',
    rule: 'Host(`example.com`, `example.org`)',
    host: 'EXAMPLE.COM',
    expected: true,
  },
  // v1 Host: exact, case-insensitive, no trailing-dot tolerance
  {
    src: 'v1.7 rules/rules_test.go TestParseTwoRules ("Host: Foo.Bar")',
    syntax: 'v1',
    rule: 'Host: Foo.Bar ',
    host: 'foo.bar',
    expected: true,
  },
  {
    src: 'v1.7 rules/rules.go host(): reqHost == host (no trailing-dot rule)',
    syntax: 'v1',
    rule: 'Host:example.com',
    host: 'example.com.',
    expected: false,
  },
  {
    src: 'v1.7 rules/rules.go host(): reqHost == host (no trailing-dot rule)',
    syntax: 'v1',
    rule: 'Host:example.com.',
    host: 'example.com',
    expected: false,
  },
  {
    src: 'v1.7 rules/rules.go host() on middlewares.GetCanonizedHost (port split off)',
    syntax: 'v1',
    rule: 'Host:example.com',
    host: 'Example.com:80',
    expected: true,
  },
  {
    src: 'v1.7 rules/rules.go host(): no wildcard',
    syntax: 'v1',
    rule: 'Host:*.example.com',
    host: 'a.example.com',
    expected: false,
  },
  // HostRegexp, v3: Go regexp on the lower-cased canonical host
  {
    src: `${V3_RE_TEST} "valid HostRegexp matcher"`,
    syntax: 'v3',
    rule: 'HostRegexp(`^[a-zA-Z-]+\\.com$`)',
    host: 'example.com:8080',
    expected: true,
  },
  {
    src: `${V3_RE_TEST} "with case sensitive regexp"`,
    syntax: 'v3',
    rule: 'HostRegexp(`^[A-Z]+\\.com$`)',
    host: 'EXAMPLE.com',
    expected: false,
  },
  {
    src: `${V3_RE_TEST} "with Traefik v2 syntax"`,
    syntax: 'v3',
    rule: 'HostRegexp(`{domain:[a-zA-Z-]+\\.com}`)',
    host: 'example.com',
    expected: false,
  },
  // HostRegexp, v2: containous/mux templates, case-insensitive, port split off
  {
    src: `${V2_RE_TEST} "capturing group"`,
    syntax: 'v2',
    rule: 'HostRegexp(`{subdomain:(foo\\.)?bar\\.com}`)',
    host: 'foo.bar.com',
    expected: true,
  },
  {
    src: `${V2_RE_TEST} "capturing group"`,
    syntax: 'v2',
    rule: 'HostRegexp(`{subdomain:(foo\\.)?bar\\.com}`)',
    host: 'fooubar.com',
    expected: false,
  },
  {
    src: `${V2_RE_TEST} "non capturing group"`,
    syntax: 'v2',
    rule: 'HostRegexp(`{subdomain:(?:foo\\.)?bar\\.com}`)',
    host: 'bar.com',
    expected: true,
  },
  {
    src: `${V2_RE_TEST} "regex insensitive"`,
    syntax: 'v2',
    rule: 'HostRegexp(`{dummy:[A-Za-z-]+\\.bar\\.com}`)',
    host: 'FOO.bar.com',
    expected: true,
  },
  {
    src: `${V2_RE_TEST} "insensitive host"`,
    syntax: 'v2',
    rule: 'HostRegexp(`{dummy:[a-z-]+\\.bar\\.com}`)',
    host: 'FOO.bar.com',
    expected: true,
  },
  {
    src: `${V2_RE_TEST} "insensitive host simple"`,
    syntax: 'v2',
    rule: 'HostRegexp(`foo.bar.com`)',
    host: 'FOO.bar.com',
    expected: true,
  },
  {
    src: `${V2_RE_TEST} "insensitive host simple"`,
    syntax: 'v2',
    rule: 'HostRegexp(`foo.bar.com`)',
    host: 'barcom',
    expected: false,
  },
  {
    src: `${V2_RE_TEST2} "many parameters"`,
    syntax: 'v2',
    rule: 'HostRegexp(`example.com`, `example.org`)',
    host: 'example.com:8080',
    expected: true,
  },
  {
    src: `${V2_RE_TEST2} "invalid regexp" (accepted, quoted literally)`,
    syntax: 'v2',
    rule: 'HostRegexp(`(example.com`)',
    host: 'example.com',
    expected: false,
  },
  {
    src: `${V2_RE_TEST2} "with case sensitive regexp" (no braces: literal text)`,
    syntax: 'v2',
    rule: 'HostRegexp(`^[A-Z]+\\.com$`)',
    host: 'EXAMPLE.com',
    expected: false,
  },
  {
    src: `${V2_RE_TEST2} "with Traefik v2 syntax"`,
    syntax: 'v2',
    rule: 'HostRegexp(`{domain:[a-zA-Z-]+\\.com}`)',
    host: 'example.org',
    expected: false,
  },
  {
    src: 'containous/mux regexp.go parseHost (SplitHostPort fails: [::1] kept)',
    syntax: 'v2',
    rule: 'HostRegexp(`{h:\\[::1\\]}`)',
    host: '[::1]',
    expected: true,
  },
  // HostRegexp, v1: the same templates on the host cut at its first ':'
  {
    src: `${V1_RE_TEST} "capturing group"`,
    syntax: 'v1',
    rule: 'HostRegexp:{subdomain:(foo\\.)?bar\\.com}',
    host: 'bar.com',
    expected: true,
  },
  {
    src: `${V1_RE_TEST} "insensitive host"`,
    syntax: 'v1',
    rule: 'HostRegexp:{dummy:[a-z-]+\\.bar\\.com}',
    host: 'FOO.bar.com',
    expected: true,
  },
  {
    src: `${V1_RE_TEST} "insensitive host simple"`,
    syntax: 'v1',
    rule: 'HostRegexp:foo.bar.com',
    host: 'FOO.bar.com',
    expected: true,
  },
  {
    src: `${V1_RE_TEST} "regex insensitive"`,
    syntax: 'v1',
    rule: 'HostRegexp:{dummy:[A-Za-z-]+\\.bar\\.com}',
    host: 'barucom',
    expected: false,
  },
  {
    src: 'containous/mux@c33f32e (Traefik 1.7) regexp.go getHost: port cut at the first ":"',
    syntax: 'v1',
    rule: 'HostRegexp:foo.bar.com',
    host: 'foo.bar.com:8080',
    expected: true,
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
