/**
 * Rule matchers and path modifiers run in time linear in the input: each regexp matcher of v3, v2
 * and v1 rules, mux templates, and the path modifiers (v1 and dynamic configuration) against
 * hostile 31-character and 100,000-character requests. A hang fails the test by its timeout; every
 * case also checks the answer.
 */
import { describe, expect, it } from 'vitest';
import { compileRule } from './compile';
import { parseRule } from './parse';
import type { PathModifier, RequestFacts, RuleSyntax } from './ast';
import type { PathRewrite } from './path-modifiers';
import { applyPathModifiers } from './path-modifiers';
import { facts } from '../../test/support/rule-helpers';
import { hostile, SIZES, TIMEOUT } from '../../test/support/hostile-input';

function rule(syntax: RuleSyntax, text: string): (request: Partial<RequestFacts>) => boolean {
  const matcher = compileRule(parseRule(text, { syntax }));
  return (request) => matcher(facts(request));
}

/** A 31-character and a 100,000-character hostile value of each request part. */
describe.each(SIZES)('matchers on hostile requests of %i characters', (size) => {
  const path = hostile(size);
  const word = 'a'.repeat(size - 1) + '!';
  const host = `${'a'.repeat(size - 13)}.example.com`;
  const cases: readonly {
    desc: string;
    syntax: RuleSyntax;
    rule: string;
    request: Partial<RequestFacts>;
    expected: boolean;
  }[] = [
    { desc: 'v3 PathRegexp', syntax: 'v3', rule: 'PathRegexp(`^/(a+)+$`)', request: { path }, expected: false },
    {
      desc: 'v3 PathRegexp (.*a){20}',
      syntax: 'v3',
      rule: 'PathRegexp(`(.*a){20}`)',
      request: { path },
      expected: size > 21,
    },
    { desc: 'v3 HostRegexp', syntax: 'v3', rule: 'HostRegexp(`^(a|aa)+$`)', request: { host }, expected: false },
    {
      desc: 'v3 HostRegexp, host matches',
      syntax: 'v3',
      rule: 'HostRegexp(`^(a|aa)+\\.example\\.com$`)',
      request: { host },
      expected: true,
    },
    {
      desc: 'v3 HeaderRegexp',
      syntax: 'v3',
      rule: 'HeaderRegexp(`X-A`, `^(\\w+\\s?)*$`)',
      request: { headers: { 'x-a': word } },
      expected: false,
    },
    {
      desc: 'v3 QueryRegexp',
      syntax: 'v3',
      rule: 'QueryRegexp(`q`, `^(a|a?)+$`)',
      request: { query: `q=${word}` },
      expected: false,
    },
    { desc: 'v2 path template', syntax: 'v2', rule: 'Path(`/{id:(?:a+)+}`)', request: { path }, expected: false },
    {
      desc: 'v2 prefix template',
      syntax: 'v2',
      rule: 'PathPrefix(`/{id:(?:a|aa)+}!x`)',
      request: { path },
      expected: false,
    },
    {
      desc: 'v2 host template',
      syntax: 'v2',
      rule: 'HostRegexp(`{sub:(?:a|aa)+}.example.org`)',
      request: { host },
      expected: false,
    },
    {
      desc: 'v2 HeadersRegexp',
      syntax: 'v2',
      rule: 'HeadersRegexp(`X-A`, `^(\\w+\\s?)*$`)',
      request: { headers: { 'x-a': word } },
      expected: false,
    },
    {
      desc: 'v2 query template',
      syntax: 'v2',
      rule: 'Query(`q={v:(?:a|a?)+}`)',
      request: { query: `q=${word}` },
      expected: false,
    },
    { desc: 'v1 Path template', syntax: 'v1', rule: 'Path:/{id:(?:a+)+}', request: { path }, expected: false },
    {
      desc: 'v1 Host template',
      syntax: 'v1',
      rule: 'Host:{sub:(?:a|aa)+}.example.org',
      request: { host },
      expected: false,
    },
    {
      desc: 'v1 HostRegexp template',
      syntax: 'v1',
      rule: 'HostRegexp:{sub:(?:a|aa)+}.example.com',
      request: { host },
      expected: true,
    },
    {
      desc: 'v1 HeadersRegexp',
      syntax: 'v1',
      rule: 'HeadersRegexp:X-A,^(\\w+\\s?)*$',
      request: { headers: { 'x-a': word } },
      expected: false,
    },
  ];
  it.each(cases)(
    '$desc finishes with the right answer',
    ({ syntax, rule: text, request, expected }) => {
      expect(rule(syntax, text)(request)).toBe(expected);
    },
    TIMEOUT,
  );
});

describe.each(SIZES)('path modifiers on a hostile path of %i characters', (size) => {
  const path = hostile(size);
  const as = 'a'.repeat(size - 2);
  /** The rewrite, with long runs of a's shortened so a failure prints readably. */
  const rewrite = (modifiers: readonly PathModifier[], input = path): PathRewrite => {
    const out = applyPathModifiers(input, modifiers);
    const short = (v: string): string => v.replaceAll(as, 'a…');
    return {
      path: short(out.path),
      headers: Object.fromEntries(Object.entries(out.headers).map(([k, v]) => [k, short(v)])),
    };
  };
  it.each([
    {
      desc: 'v1 PathStripRegex',
      rule: 'PathStripRegex:/{v:(?:a+)+}',
      out: { path: '/!', headers: { 'X-Forwarded-Prefix': '/a…' } },
    },
    {
      desc: 'v1 PathPrefixStripRegex',
      rule: 'PathPrefixStripRegex:/{v:(?:a|aa)+}!x',
      out: { path: '/a…!', headers: {} },
    },
    {
      desc: 'v1 ReplacePathRegex',
      rule: 'Host:h;ReplacePathRegex: ^/(a+)+$ /replaced',
      out: { path: '/a…!', headers: {} },
    },
  ])(
    '$desc finishes with the right rewrite',
    ({ rule: text, out }) => {
      expect(rewrite(parseRule(text, { syntax: 'v1' }).modifiers)).toEqual(out);
    },
    TIMEOUT,
  );

  it(
    'stripPrefixRegex and replacePathRegex from dynamic configuration finish with the right rewrite',
    () => {
      const strip: PathModifier = { kind: 'stripPrefixRegex', regex: ['^/(a|aa)+$', '^(.*a){20}'] };
      expect(rewrite([strip])).toEqual({ path: '/!', headers: { 'X-Forwarded-Prefix': '/a…' } });
      const replace: PathModifier = { kind: 'replacePathRegex', regex: '^/(a+)+$', replacement: '/x/$1' };
      expect(rewrite([replace])).toEqual({ path: '/a…!', headers: {} });
      expect(rewrite([replace], `/${as}`)).toEqual({ path: '/x/a…', headers: { 'X-Replaced-Path': '/a…' } });
    },
    TIMEOUT,
  );
});
