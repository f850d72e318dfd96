import { describe, expect, it } from 'vitest';
import type { RequestFacts } from './ast';
import { compileRule } from './compile';
import { parseRule } from './parse';
import { facts } from '../../test/support/rule-helpers';

function matches(rule: string, request: Partial<RequestFacts>): boolean {
  return compileRule(parseRule(rule))(facts(request));
}

describe('compileRule (v3 semantics)', () => {
  it.each<{ desc: string; rule: string; request: Partial<RequestFacts>; expected: boolean }>([
    { desc: 'Host ignores case', rule: 'Host(`Example.COM`)', request: { host: 'eXample.com' }, expected: true },
    {
      desc: 'Host ignores the port',
      rule: 'Host(`example.com`)',
      request: { host: 'example.com:8443' },
      expected: true,
    },
    { desc: 'Host: other host', rule: 'Host(`example.com`)', request: { host: 'example.org' }, expected: false },
    {
      desc: 'Host: subdomain is another host',
      rule: 'Host(`example.com`)',
      request: { host: 'www.example.com' },
      expected: false,
    },
    {
      desc: 'Host: trailing dot on request',
      rule: 'Host(`example.com`)',
      request: { host: 'example.com.:80' },
      expected: true,
    },
    {
      desc: 'Host: trailing dot on rule',
      rule: 'Host(`example.com.`)',
      request: { host: 'example.com' },
      expected: true,
    },
    { desc: 'Host: IPv6 with port', rule: 'Host(`::1`)', request: { host: '[::1]:8080' }, expected: true },
    {
      desc: 'Host: IPv6 upper case with port',
      rule: 'Host(`fe80::a`)',
      request: { host: '[FE80::A]:80' },
      expected: true,
    },
    // traefik requestdecorator/request_decorator_test.go TestRequestHost_parseHost "IPv6 host without : and without port"
    {
      desc: 'Host: a bracketed IPv6 literal without port loses its brackets',
      rule: 'Host(`::1`)',
      request: { host: '[::1]' },
      expected: true,
    },
    {
      desc: 'Host: a bracketed rule never matches (the canonical host has no brackets)',
      rule: 'Host(`[::1]`)',
      request: { host: '[::1]' },
      expected: false,
    },
    {
      desc: 'Host: empty Host header never matches',
      rule: 'Host(`example.com`)',
      request: { host: '' },
      expected: false,
    },
    {
      desc: 'Host: surrounding spaces are trimmed',
      rule: 'Host(`example.com`)',
      request: { host: ' example.com ' },
      expected: true,
    },
    {
      desc: 'HostRegexp on the canonical host',
      rule: 'HostRegexp(`^[a-z]+\\.example\\.com$`)',
      request: { host: 'API.example.com:81' },
      expected: true,
    },
    {
      desc: 'HostRegexp is unanchored',
      rule: 'HostRegexp(`example`)',
      request: { host: 'www.example.com' },
      expected: true,
    },
    {
      desc: 'HostRegexp: no match',
      rule: 'HostRegexp(`^[a-z]+\\.example\\.com$`)',
      request: { host: 'a.b.example.com' },
      expected: false,
    },
    { desc: 'Path is exact', rule: 'Path(`/products`)', request: { path: '/products' }, expected: true },
    {
      desc: 'Path: trailing slash differs',
      rule: 'Path(`/products`)',
      request: { path: '/products/' },
      expected: false,
    },
    { desc: 'Path is case-sensitive', rule: 'Path(`/products`)', request: { path: '/Products' }, expected: false },
    {
      desc: 'PathPrefix has no segment boundary',
      rule: 'PathPrefix(`/api`)',
      request: { path: '/apix' },
      expected: true,
    },
    { desc: 'PathPrefix: below', rule: 'PathPrefix(`/api`)', request: { path: '/api/v1' }, expected: true },
    { desc: 'PathPrefix: shorter path', rule: 'PathPrefix(`/api/`)', request: { path: '/api' }, expected: false },
    {
      desc: 'PathRegexp unanchored',
      rule: 'PathRegexp(`\\.(jpe?g|png)$`)',
      request: { path: '/img/a.JPG' },
      expected: false,
    },
    {
      desc: 'PathRegexp with (?i)',
      rule: 'PathRegexp(`(?i)\\.(jpe?g|png)$`)',
      request: { path: '/img/a.JPG' },
      expected: true,
    },
    { desc: 'Method upper-cases the rule', rule: 'Method(`post`)', request: { method: 'POST' }, expected: true },
    {
      desc: 'Method compares the request method exactly',
      rule: 'Method(`POST`)',
      request: { method: 'GET' },
      expected: false,
    },
    {
      desc: 'Header: exact value',
      rule: 'Header(`X-Canary`, `1`)',
      request: { headers: { 'x-canary': '1' } },
      expected: true,
    },
    {
      desc: 'Header: values are case-sensitive',
      rule: 'Header(`Content-Type`, `application/json`)',
      request: { headers: { 'content-type': 'Application/JSON' } },
      expected: false,
    },
    {
      desc: 'Header: any of several values',
      rule: 'Header(`X-A`, `2`)',
      request: { headers: { 'x-a': ['1', '2'] } },
      expected: true,
    },
    { desc: 'Header: absent', rule: 'Header(`X-A`, `1`)', request: { headers: {} }, expected: false },
    {
      desc: 'Header: not a substring',
      rule: 'Header(`X-A`, `1`)',
      request: { headers: { 'x-a': '11' } },
      expected: false,
    },
    {
      desc: 'HeaderRegexp',
      rule: 'HeaderRegexp(`Content-Type`, `^application/(json|yaml)$`)',
      request: { headers: { 'content-type': 'application/yaml' } },
      expected: true,
    },
    {
      desc: 'Query key and value',
      rule: 'Query(`mobile`, `true`)',
      request: { query: 'a=1&mobile=true' },
      expected: true,
    },
    { desc: 'Query: one of repeated values', rule: 'Query(`k`, `2`)', request: { query: 'k=1&k=2' }, expected: true },
    { desc: 'Query: decoded value', rule: 'Query(`q`, `a b/c`)', request: { query: 'q=a+b%2Fc' }, expected: true },
    {
      desc: 'Query(k) matches a key without value',
      rule: 'Query(`mobile`)',
      request: { query: 'mobile' },
      expected: true,
    },
    { desc: 'Query(k) matches an empty value', rule: 'Query(`mobile`)', request: { query: 'mobile=' }, expected: true },
    {
      desc: 'Query(k) does not match a non-empty value',
      rule: 'Query(`mobile`)',
      request: { query: 'mobile=true' },
      expected: false,
    },
    // traefik docs install-configuration/entrypoints.md encodeQuerySemicolons: false → foo=bar;baz=bar is foo=bar&baz=bar
    {
      desc: 'Query: ; separates pairs (http.AllowQuerySemicolons)',
      rule: 'Query(`b`, `2`)',
      request: { query: 'a=1;b=2' },
      expected: true,
    },
    {
      desc: 'Query: a pair with a bad escape is dropped',
      rule: 'Query(`a`, `1`)',
      request: { query: 'a=1&a=%zz' },
      expected: true,
    },
    {
      desc: 'QueryRegexp any value',
      rule: 'QueryRegexp(`mobile`, `^.*$`)',
      request: { query: 'mobile' },
      expected: true,
    },
    {
      desc: 'QueryRegexp: absent key',
      rule: 'QueryRegexp(`mobile`, `^.*$`)',
      request: { query: 'other=1' },
      expected: false,
    },
    {
      desc: 'ClientIP exact v4',
      rule: 'ClientIP(`10.76.105.11`)',
      request: { clientIp: '10.76.105.11' },
      expected: true,
    },
    {
      desc: 'ClientIP v4 CIDR',
      rule: 'ClientIP(`192.168.1.0/24`)',
      request: { clientIp: '192.168.1.200' },
      expected: true,
    },
    {
      desc: 'ClientIP v4 CIDR miss',
      rule: 'ClientIP(`192.168.1.0/24`)',
      request: { clientIp: '192.168.2.1' },
      expected: false,
    },
    {
      desc: 'ClientIP v4 matches a v4-mapped client',
      rule: 'ClientIP(`127.0.0.0/8`)',
      request: { clientIp: '::ffff:127.0.0.1' },
      expected: true,
    },
    { desc: 'ClientIP v6 CIDR', rule: 'ClientIP(`fe80::/10`)', request: { clientIp: 'fe80::1:2' }, expected: true },
    { desc: 'ClientIP v6 CIDR miss', rule: 'ClientIP(`fe80::/10`)', request: { clientIp: 'fec0::1' }, expected: false },
    { desc: 'ClientIP v6 exact', rule: 'ClientIP(`::1`)', request: { clientIp: '0:0:0:0:0:0:0:1' }, expected: true },
    {
      desc: 'ClientIP ::/0 does not contain IPv4 (Go)',
      rule: 'ClientIP(`::/0`)',
      request: { clientIp: '10.0.0.1' },
      expected: false,
    },
    {
      desc: 'ClientIP unparsable client',
      rule: 'ClientIP(`0.0.0.0/0`)',
      request: { clientIp: 'unknown' },
      expected: false,
    },
    { desc: 'negation', rule: '!Header(`X-Canary`, `1`)', request: { headers: { 'x-canary': '1' } }, expected: false },
    { desc: 'negation of absent header', rule: '!Header(`X-Canary`, `1`)', request: {}, expected: true },
    {
      desc: 'precedence: a || b && c with a',
      rule: 'Host(`a`) || Host(`b`) && Path(`/p`)',
      request: { host: 'a', path: '/q' },
      expected: true,
    },
    {
      desc: 'precedence: a || b && c with b only',
      rule: 'Host(`a`) || Host(`b`) && Path(`/p`)',
      request: { host: 'b', path: '/q' },
      expected: false,
    },
    {
      desc: 'parentheses change it',
      rule: '(Host(`a`) || Host(`b`)) && Path(`/p`)',
      request: { host: 'a', path: '/q' },
      expected: false,
    },
    {
      desc: 'the issue example',
      rule: 'Host(`a`) && (PathPrefix(`/x`) || Method(`POST`)) && !Header(`X-Canary`, `1`)',
      request: { host: 'a', path: '/y', method: 'POST' },
      expected: true,
    },
    {
      desc: 'the issue example, canary',
      rule: 'Host(`a`) && (PathPrefix(`/x`) || Method(`POST`)) && !Header(`X-Canary`, `1`)',
      request: { host: 'a', path: '/x', headers: { 'x-canary': '1' } },
      expected: false,
    },
  ])('$desc', ({ rule, request, expected }) => {
    expect(matches(rule, request)).toBe(expected);
  });

  it('reads and parses the query string once per request, shared by all Query matchers', () => {
    const rules = [
      compileRule(parseRule('Query(`a`, `1`) && Query(`b`, `2`)')),
      compileRule(parseRule('QueryRegexp(`b`, `^2$`)')),
    ];
    let reads = 0;
    const request: RequestFacts = {
      ...facts(),
      get query() {
        reads++;
        return 'a=1&b=2';
      },
    };
    expect(rules.map((rule) => rule(request))).toEqual([true, true]);
    expect(reads).toBe(1);
  });

  it('does not read the query string without a Query matcher', () => {
    let reads = 0;
    const request: RequestFacts = {
      ...facts(),
      get query() {
        reads++;
        return '';
      },
    };
    compileRule(parseRule('Host(`example.com`) && PathPrefix(`/`)'))(request);
    expect(reads).toBe(0);
  });

  it('matches a long chain without deep recursion', () => {
    const rule = compileRule(parseRule(Array.from({ length: 3000 }, (_, i) => `Path(\`/${i}\`)`).join(' || ')));
    expect(rule(facts({ path: '/2999' }))).toBe(true);
    expect(rule(facts({ path: '/3000' }))).toBe(false);
  });
});
