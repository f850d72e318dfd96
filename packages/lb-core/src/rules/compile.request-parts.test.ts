/**
 * compileRule, v3 semantics of Method, Header, HeaderRegexp, Query, QueryRegexp and ClientIP: exact
 * and case-sensitive values, repeated and decoded query pairs, CIDRs and IPv4-mapped clients.
 */
import { describe, expect, it } from 'vitest';
import { matches } from '../../test/support/compile-rows';
import type { CompileRow } from '../../test/support/compile-rows';

describe('compileRule (v3 semantics)', () => {
  it.each<CompileRow>([
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
  ])('$desc', ({ rule, request, expected }) => {
    expect(matches(rule, request)).toBe(expected);
  });
});
