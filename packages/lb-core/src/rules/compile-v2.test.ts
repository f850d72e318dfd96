import { describe, expect, it } from 'vitest';
import type { RequestFacts, RuleSyntax } from './ast';
import { compileRule } from './compile';
import { parseRule } from './parse';
import { facts } from '../../test/support/rule-helpers';

function matches(syntax: RuleSyntax, rule: string, request: Partial<RequestFacts>): boolean {
  return compileRule(parseRule(rule, { syntax }))(facts(request));
}

describe('compileRule (v2 and v1 semantics)', () => {
  it.each<{ desc: string; syntax: RuleSyntax; rule: string; request: Partial<RequestFacts>; expected: boolean }>([
    { desc: 'any of several hosts', syntax: 'v2', rule: 'Host(`a`, `B`)', request: { host: 'b:80' }, expected: true },
    { desc: 'HostHeader is Host', syntax: 'v2', rule: 'HostHeader(`a`)', request: { host: 'A' }, expected: true },
    {
      desc: 'path template',
      syntax: 'v2',
      rule: 'Path(`/products/{id:[0-9]+}`)',
      request: { path: '/products/42' },
      expected: true,
    },
    {
      desc: 'path template is anchored',
      syntax: 'v2',
      rule: 'Path(`/products/{id:[0-9]+}`)',
      request: { path: '/products/42/x' },
      expected: false,
    },
    {
      desc: 'default variable pattern stops at /',
      syntax: 'v2',
      rule: 'Path(`/u/{name}`)',
      request: { path: '/u/a/b' },
      expected: false,
    },
    {
      desc: 'literal parts are quoted',
      syntax: 'v2',
      rule: 'Path(`/a.b/{x}`)',
      request: { path: '/aXb/1' },
      expected: false,
    },
    {
      desc: 'prefix template',
      syntax: 'v2',
      rule: 'PathPrefix(`/v{n:[0-9]}`)',
      request: { path: '/v2/users' },
      expected: true,
    },
    {
      desc: 'plain prefix has no boundary',
      syntax: 'v2',
      rule: 'PathPrefix(`/api`)',
      request: { path: '/apix' },
      expected: true,
    },
    {
      desc: 'host template ignores the port',
      syntax: 'v2',
      rule: 'HostRegexp(`{sub:[a-z]+}.example.com`)',
      request: { host: 'api.example.com:8080' },
      expected: true,
    },
    {
      desc: 'host template default pattern is one label',
      syntax: 'v2',
      rule: 'HostRegexp(`{sub}.example.com`)',
      request: { host: 'a.b.example.com' },
      expected: false,
    },
    // traefik matcher_v2_test.go TestHostRegexp "insensitive host"
    {
      desc: 'host template is case-insensitive (containous/mux)',
      syntax: 'v2',
      rule: 'HostRegexp(`{sub:[a-z]+}.example.com`)',
      request: { host: 'API.example.com' },
      expected: true,
    },
    {
      desc: 'host template never sees the port',
      syntax: 'v2',
      rule: 'HostRegexp(`{h:[a-z]+(?::[0-9]+)?}`)',
      request: { host: 'abc:80' },
      expected: true,
    },
    {
      desc: 'host template with a port never matches',
      syntax: 'v2',
      rule: 'HostRegexp(`{h:[a-z]+}:80`)',
      request: { host: 'abc:80' },
      expected: false,
    },
    {
      desc: 'any of several methods',
      syntax: 'v2',
      rule: 'Method(`get`, `PUT`)',
      request: { method: 'GET' },
      expected: true,
    },
    {
      desc: 'Headers: every pair',
      syntax: 'v2',
      rule: 'Headers(`X-A`, `1`, `X-B`, `2`)',
      request: { headers: { 'x-a': '1', 'x-b': '2' } },
      expected: true,
    },
    {
      desc: 'Headers: one pair missing',
      syntax: 'v2',
      rule: 'Headers(`X-A`, `1`, `X-B`, `2`)',
      request: { headers: { 'x-a': '1' } },
      expected: false,
    },
    {
      desc: 'Headers: repeated key keeps the last value',
      syntax: 'v2',
      rule: 'Headers(`X-A`, `1`, `X-A`, `2`)',
      request: { headers: { 'x-a': '2' } },
      expected: true,
    },
    {
      desc: 'HeadersRegexp unanchored',
      syntax: 'v2',
      rule: 'HeadersRegexp(`Content-Type`, `json`)',
      request: { headers: { 'content-type': 'application/json' } },
      expected: true,
    },
    { desc: 'Query pair', syntax: 'v2', rule: 'Query(`a=1`)', request: { query: 'a=1' }, expected: true },
    {
      desc: 'Query uses the first value',
      syntax: 'v2',
      rule: 'Query(`a=2`)',
      request: { query: 'a=1&a=2' },
      expected: false,
    },
    {
      desc: 'Query with empty value means present',
      syntax: 'v2',
      rule: 'Query(`a=`)',
      request: { query: 'a=xyz' },
      expected: true,
    },
    {
      desc: 'Query with empty value, absent',
      syntax: 'v2',
      rule: 'Query(`a=`)',
      request: { query: 'b=1' },
      expected: false,
    },
    {
      desc: 'Query template',
      syntax: 'v2',
      rule: 'Query(`id={id:[0-9]+}`)',
      request: { query: 'id=12' },
      expected: true,
    },
    {
      desc: 'Query quirk: pieces pair across arguments',
      syntax: 'v2',
      rule: 'Query(`a`, `b`)',
      request: { query: 'a=b' },
      expected: true,
    },
    {
      desc: 'ClientIP any',
      syntax: 'v2',
      rule: 'ClientIP(`10.0.0.1`, `192.168.0.0/16`)',
      request: { clientIp: '192.168.5.5' },
      expected: true,
    },
    {
      desc: 'v1 lab label',
      syntax: 'v1',
      rule: 'Host:demo.res.ch;PathPrefixStrip:/api/jokes/',
      request: { host: 'demo.res.ch', path: '/api/jokes/1' },
      expected: true,
    },
    {
      desc: 'v1 lab label, other path',
      syntax: 'v1',
      rule: 'Host:demo.res.ch;PathPrefixStrip:/api/jokes/',
      request: { host: 'demo.res.ch', path: '/api/joke' },
      expected: false,
    },
    {
      desc: 'v1 HostRegexp template',
      syntax: 'v1',
      rule: 'HostRegexp:{sub:[a-z]+}.res.ch',
      request: { host: 'demo.res.ch' },
      expected: true,
    },
    {
      desc: 'v1 Headers',
      syntax: 'v1',
      rule: 'Headers:X-Env,prod',
      request: { headers: { 'x-env': 'prod' } },
      expected: true,
    },
    { desc: 'v1 Query', syntax: 'v1', rule: 'Query:a=1', request: { query: 'a=1' }, expected: true },
    {
      desc: 'v1 modifiers do not affect matching',
      syntax: 'v1',
      rule: 'Path:/x;ReplacePath:/y',
      request: { path: '/x' },
      expected: true,
    },
  ])('$syntax $desc', ({ syntax, rule, request, expected }) => {
    expect(matches(syntax, rule, request)).toBe(expected);
  });
});
