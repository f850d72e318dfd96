/**
 * Conformance table for method and query matchers (issue #13, "Headers, methods, queries"): method
 * tokens are case-sensitive and `;` separates query pairs; plus the header, method and query rules
 * Traefik rejects. Each row names the Traefik source it reproduces.
 */
import { describe, expect, it } from 'vitest';
import { compileRule } from './compile';
import { parseRule } from './parse';
import { facts } from '../../test/support/rule-helpers';
import { METHOD, METHOD_V2, QUERY, SEMI } from '../../test/support/request-conformance';
import type { RequestRow } from '../../test/support/request-conformance';

const rows: readonly RequestRow[] = [
  // Methods
  {
    src: `${METHOD} "valid Method matcher"`,
    syntax: 'v3',
    rule: 'Method(`GET`)',
    request: { method: 'GET' },
    expected: true,
  },
  {
    src: `${METHOD} "valid Method matcher"`,
    syntax: 'v3',
    rule: 'Method(`GET`)',
    request: { method: 'POST' },
    expected: false,
  },
  {
    src: `${METHOD} "valid Method matcher"`,
    syntax: 'v3',
    rule: 'Method(`GET`)',
    request: { method: 'get' },
    expected: false,
  },
  {
    src: `${METHOD} "valid Method matcher (lower case)"`,
    syntax: 'v3',
    rule: 'Method(`get`)',
    request: { method: 'GET' },
    expected: true,
  },
  {
    src: `${METHOD} "valid Method matcher (lower case)"`,
    syntax: 'v3',
    rule: 'Method(`get`)',
    request: { method: 'get' },
    expected: false,
  },
  {
    src: `${METHOD_V2} "valid Method matcher (many parameters)"`,
    syntax: 'v2',
    rule: 'Method(`GET`, `POST`)',
    request: { method: 'POST' },
    expected: true,
  },
  {
    src: `${METHOD_V2} "valid Method matcher (lower case)"`,
    syntax: 'v2',
    rule: 'Method(`get`)',
    request: { method: 'get' },
    expected: false,
  },
  {
    src: 'v1.7 rules/rules.go methods() → mux Route.Methods (upper-cases the rule only)',
    syntax: 'v1',
    rule: 'Method:get',
    request: { method: 'GET' },
    expected: true,
  },
  {
    src: 'v1.7 rules/rules.go methods() → mux Route.Methods (upper-cases the rule only)',
    syntax: 'v1',
    rule: 'Method:get',
    request: { method: 'Get' },
    expected: false,
  },
  {
    src: 'pkg/muxer/http/matcher.go method(): method == req.Method (extension tokens too)',
    syntax: 'v3',
    rule: 'Method(`purge`)',
    request: { method: 'PURGE' },
    expected: true,
  },
  // Queries
  {
    src: `${QUERY} "valid Query matcher"`,
    syntax: 'v3',
    rule: 'Query(`q`, `traefik`)',
    request: { query: 'q=awesome&q=traefik' },
    expected: true,
  },
  {
    src: `${QUERY} "valid Query matcher"`,
    syntax: 'v3',
    rule: 'Query(`q`, `traefik`)',
    request: { query: 'Q=traefik' },
    expected: false,
  },
  {
    src: `${QUERY} "valid Query matcher with empty value"`,
    syntax: 'v3',
    rule: 'Query(`mobile`)',
    request: { query: 'mobile' },
    expected: true,
  },
  {
    src: `${QUERY} "valid Query matcher with empty value"`,
    syntax: 'v3',
    rule: 'Query(`mobile`)',
    request: { query: 'mobile=true' },
    expected: false,
  },
  {
    src: `${SEMI}: foo=bar;baz=bar → foo=bar&baz=bar`,
    syntax: 'v3',
    rule: 'Query(`baz`, `bar`)',
    request: { query: 'foo=bar;baz=bar' },
    expected: true,
  },
  {
    src: `${SEMI}: foo=bar;baz=bar → foo=bar&baz=bar`,
    syntax: 'v3',
    rule: 'Query(`foo`, `bar;baz=bar`)',
    request: { query: 'foo=bar;baz=bar' },
    expected: false,
  },
  {
    src: `${SEMI}: foo=bar&baz=bar;foo → foo=bar&baz=bar&foo`,
    syntax: 'v3',
    rule: 'Query(`baz`, `bar`)',
    request: { query: 'foo=bar&baz=bar;foo' },
    expected: true,
  },
  {
    src: `${SEMI} with QueryRegexp`,
    syntax: 'v3',
    rule: 'QueryRegexp(`b`, `^[0-9]+$`)',
    request: { query: 'a=x;b=42' },
    expected: true,
  },
  {
    src: `${SEMI} with v2 Query (gorilla reads Request.URL.Query())`,
    syntax: 'v2',
    rule: 'Query(`baz=bar`)',
    request: { query: 'foo=bar;baz=bar' },
    expected: true,
  },
  {
    src: `${SEMI} with v1 Query`,
    syntax: 'v1',
    rule: 'Query:baz=bar',
    request: { query: 'foo=bar;baz=bar' },
    expected: true,
  },
];

describe('header, method and query conformance (Traefik v1.7, v2.11, v3.7)', () => {
  it.each(rows)('$syntax $rule → $expected ($src)', ({ syntax, rule, request, expected }) => {
    expect(compileRule(parseRule(rule, { syntax }))(facts(request))).toBe(expected);
  });

  it.each([
    {
      src: 'pkg/muxer/http/matcher_test.go TestHeaderMatcher "invalid Header matcher (missing value parameter)"',
      rule: 'Header(`X-Forwarded-Host`, ``)',
    },
    {
      src: 'pkg/muxer/http/matcher_test.go TestMethodMatcher "invalid Method matcher (empty parameter)"',
      rule: 'Method(``)',
    },
    { src: `${QUERY} "invalid Query matcher (empty value)"`, rule: 'Query(`q`, ``)' },
  ])('rejects $rule ($src)', ({ rule }) => {
    expect(() => parseRule(rule)).toThrow();
  });
});
