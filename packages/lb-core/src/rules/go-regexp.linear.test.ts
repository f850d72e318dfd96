/**
 * Regular expressions from configuration match in time linear in the input (re2js, like Go's RE2):
 * patterns that make a backtracking engine run for ages (`^/(a+)+$`, `(a|aa)+$`, `(.*a){20}`,
 * `^(\w+\s?)*$`…) against hostile 31-character and 100,000-character inputs, through GoRegExp
 * `test`/`find`/`replaceAll`; plus the Go semantics kept on re2js, the width budget, and invalid
 * patterns in rules. Rule matchers and path modifiers: go-regexp.linear-rules.test.ts. A hang fails
 * the test by its timeout; every case also checks the answer against an independent definition of
 * what the pattern matches.
 */
import { describe, expect, it } from 'vitest';
import { compileRule } from './compile';
import { compileGoRegExp } from './go-regexp';
import { parseRule } from './parse';
import { hostile, SIZES, TIMEOUT } from '../../test/support/hostile-input';

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
