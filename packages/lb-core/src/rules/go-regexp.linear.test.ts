/**
 * Regular expressions from configuration match in time linear in the input (re2js, like Go's RE2):
 * patterns that make a backtracking engine run for ages (`^/(a+)+$`, `(a|aa)+$`, `(.*a){20}`,
 * `^(\w+\s?)*$`…) against hostile 31-character and 100,000-character inputs, through every entry
 * point: GoRegExp `test`/`find`/`replaceAll`, each regexp matcher of v3, v2 and v1 rules, mux
 * templates, and the path modifiers. A hang fails the test by its timeout; every case also checks
 * the answer against an independent definition of what the pattern matches.
 */
import { describe, expect, it } from 'vitest';
import { compileRule } from './compile';
import { compileGoRegExp } from './go-regexp';
import { parseRule } from './parse';
import type { PathModifier, RequestFacts, RuleSyntax } from './ast';
import type { PathRewrite } from './path-modifiers';
import { applyPathModifiers } from './path-modifiers';
import { facts } from '../../test/support/rule-helpers';

/** Generous per-test limit: each case takes milliseconds; a backtracking engine takes years. */
const TIMEOUT = 20_000;

/** A hostile path of `n` characters: `/` then a's then `!`. */
const hostile = (n: number): string => `/${'a'.repeat(n - 2)}!`;
const SIZES = [31, 100_000] as const;

interface Pathological {
  readonly pattern: string;
  /** An input of `n` characters that makes a backtracking engine run for ages. */
  readonly hostile: (n: number) => string;
  /** What the pattern means, for inputs without newlines, written so no engine backtracks. */
  readonly means: (s: string) => boolean;
  /** An input it matches. */
  readonly sample: string;
}

const count = (s: string, c: string): number => s.split(c).length - 1;
const aThenBang = (n: number): string => `${'a'.repeat(n - 1)}!`;

/** V8 on the old translation, 31 characters: the first, the fourth, fifth and sixth never finished; the others took 0.2–0.5 s. */
const PATHOLOGICAL: readonly Pathological[] = [
  { pattern: '^/(a+)+$', hostile, means: (s) => /^\/a+$/.test(s), sample: '/aaa' },
  { pattern: '(a|aa)+$', hostile: aThenBang, means: (s) => s.endsWith('a'), sample: '/xaa' },
  {
    pattern: '(.*a){20}',
    hostile: (n) => 'a'.repeat(19) + '!'.repeat(n - 19),
    means: (s) => count(s, 'a') >= 20,
    sample: `/${'ab'.repeat(20)}`,
  },
  { pattern: '^(\\w+\\s?)*$', hostile: aThenBang, means: (s) => /^(?:\w+ )*\w*$/.test(s), sample: 'ab c' },
  { pattern: '^(a|a?)+$', hostile: aThenBang, means: (s) => /^a*$/.test(s), sample: 'aaaa' },
  { pattern: '(x+x+)+y', hostile: (n) => 'x'.repeat(n), means: (s) => /xxy/.test(s), sample: '/xxxy' },
];

describe.each(SIZES)('GoRegExp on a hostile input of %i characters', (size) => {
  it.each(PATHOLOGICAL)(
    '`$pattern`: test, find and replaceAll finish with Go answers',
    ({ pattern, hostile: make, means, sample }) => {
      const input = make(size);
      expect(input).toHaveLength(size);
      const re = compileGoRegExp(pattern);
      expect(re.test(input)).toBe(means(input));
      expect(re.test(sample)).toBe(true);
      expect(re.find(input) !== undefined).toBe(means(input));
      expect(re.replaceAll(input, '<$1>') === input).toBe(!means(input));
    },
    TIMEOUT,
  );
});

describe('Go semantics are kept on re2js', () => {
  it.each([
    { pattern: 'a|ab', input: 'ab', found: 'a', desc: 'leftmost-first, not leftmost-longest' },
    {
      pattern: '(?i)straße',
      input: 'STRASSE straSSe STRAẞE',
      found: 'STRAẞE',
      desc: '(?i) folds by Unicode simple folding',
    },
    { pattern: '\\pL+', input: '12 héllo', found: 'héllo', desc: '\\pL is Unicode letters' },
    { pattern: '\\w+', input: 'héllo', found: 'h', desc: '\\w is ASCII' },
    { pattern: 'a.c', input: 'a\nc a😀c', found: 'a😀c', desc: '. skips \\n and takes one code point' },
    { pattern: '\\bfoo\\b', input: 'foobar foo', found: 'foo', desc: '\\b is an ASCII word boundary' },
  ])('find: $desc', ({ pattern, input, found }) => {
    expect(compileGoRegExp(pattern).find(input)).toBe(found);
  });

  it('named groups and Go expansion ($1, ${1}x, ${name}, $name, $$)', () => {
    const re = compileGoRegExp('^/api/(?P<version>v[0-9]+)/(?<rest>.*)$');
    expect(re.names).toEqual([undefined, 'version', 'rest']);
    expect(re.replaceAll('/api/v2/jokes/1', '/$rest?v=${version}&x=${1}x&$$')).toBe('/jokes/1?v=v2&x=v2x&$');
    expect(re.replaceAll('/api/v2/a', '$2x$versionz')).toBe('');
  });

  it('replaceAll keeps ^ and \\b relative to the whole input while searching on', () => {
    expect(compileGoRegExp('^a').replaceAll('aaa', 'b')).toBe('baa');
    expect(compileGoRegExp('\\ba').replaceAll('a aa', 'b')).toBe('b ba');
    expect(compileGoRegExp('a*').replaceAll('baaac', '-')).toBe('-b-c-');
  });

  it('Go rejects what re2js rejects beyond the syntax check: an unknown Unicode class, nested counts over 1000', () => {
    for (const pattern of ['\\p{Nope}', '(a{1000}){1000}']) {
      expect(() => compileGoRegExp(pattern, 7)).toThrow(
        expect.objectContaining({ code: 'LB_RULE_ARGUMENT', details: expect.objectContaining({ position: 7 }) }),
      );
    }
  });
});

describe('width budget: what can be live at once stays bounded, so each input character costs little', () => {
  it.each([
    { pattern: '\\pL{256}', accepted: true },
    { pattern: '^/api/(?P<id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$', accepted: true },
    { pattern: '^(?:[a-z0-9-]{1,63}\\.){1,3}example\\.com$', accepted: true },
    { pattern: `^${'abc'.repeat(5000)}$`, accepted: true },
    { pattern: `(?i:k)${'k'.repeat(1001)}`, accepted: true },
    { pattern: '\\pL{1000}', accepted: false },
    { pattern: '[a-z]{1,256}[0-9]', accepted: false },
    { pattern: '[a-z]{1,128}[a-z]{1,129}', accepted: false },
    { pattern: '(?:[a-z]{1,20}[0-9]){13}', accepted: false },
    { pattern: `(?i)${'k'.repeat(257)}`, accepted: false },
  ])('`$pattern` accepted: $accepted', ({ pattern, accepted }) => {
    if (accepted) expect(compileGoRegExp(pattern).source).toBe(pattern);
    else expect(() => compileGoRegExp(pattern)).toThrow(/too complex/);
  });
});

it('each Unicode class inside a bracket counts toward the structural budget (re2js merges each one)', () => {
  expect(compileGoRegExp(`[${'\\pL'.repeat(400)}]`).test('é')).toBe(true);
  expect(() => compileGoRegExp(`[${'\\pL'.repeat(401)}]`)).toThrow(/too complex/);
});

describe('invalid patterns in rules: a coded error at the argument, with the offset in the pattern', () => {
  it.each([
    { rule: 'PathRegexp(`(a`)', position: 11, offset: 2, message: /missing closing \)/ },
    {
      rule: 'Host(`x`) && PathRegexp(`^/(?P<n>a)(?P<n>b)`)',
      position: 24,
      offset: 10,
      message: /duplicate capture group name/,
    },
    {
      rule: 'HeaderRegexp(`X`, `\\p{Nope}`)',
      position: 18,
      offset: 0,
      message: /re2js.*invalid character class range/,
    },
    { rule: 'QueryRegexp(`q`, `(a{1000}){1000}`)', position: 17, offset: 2, message: /re2js.*invalid repeat count/ },
  ])('$rule', ({ rule: text, position, offset, message }) => {
    const error = (() => {
      try {
        compileRule(parseRule(text));
      } catch (e) {
        return e as { code: string; message: string; details: { position: number; offset: number } };
      }
      throw new Error('expected an error');
    })();
    expect(error).toMatchObject({ code: 'LB_RULE_ARGUMENT', details: { position, offset } });
    expect(error.message).toMatch(message);
  });
});

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
