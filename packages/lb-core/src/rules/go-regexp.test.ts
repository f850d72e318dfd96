import { describe, expect, it } from 'vitest';
import { compileGoRegExp } from './go-regexp';
import { MAX_REGEXP_NODES } from './go-regexp-check';
import { thrown } from '../../test/support/rule-helpers';

describe('compileGoRegExp: Go semantics on the JS engine', () => {
  it.each<{ desc: string; pattern: string; input: string; expected: boolean }>([
    { desc: '. does not match \\n', pattern: '^a.b$', input: 'a\nb', expected: false },
    { desc: '(?s) lets . match \\n', pattern: '(?s)^a.b$', input: 'a\nb', expected: true },
    { desc: '. matches \\r (Go), unlike JS', pattern: '^a.b$', input: 'a\rb', expected: true },
    { desc: '. matches one astral code point', pattern: '^.$', input: '😀', expected: true },
    { desc: '\\s is ASCII: no NBSP', pattern: '^\\s$', input: '\u00a0', expected: false },
    { desc: '\\s excludes \\v (Go)', pattern: '^\\s$', input: '\v', expected: false },
    { desc: '\\s includes \\f', pattern: '^\\s$', input: '\f', expected: true },
    { desc: '\\S includes NBSP', pattern: '^\\S$', input: '\u00a0', expected: true },
    { desc: '\\d is ASCII', pattern: '^\\d$', input: '٣', expected: false },
    { desc: '\\w is ASCII', pattern: '^\\w$', input: 'é', expected: false },
    { desc: '[\\S] in a class keeps Go meaning', pattern: '^[\\S]$', input: '\u00a0', expected: true },
    { desc: '[^\\d] negation', pattern: '^[^\\d]$', input: '5', expected: false },
    { desc: '^ is text start without (?m)', pattern: '^b', input: 'a\nb', expected: false },
    { desc: '(?m)^ after \\n', pattern: '(?m)^b$', input: 'a\nb\nc', expected: true },
    { desc: '(?m) lines break on \\n only', pattern: '(?m)^b', input: 'a\rb', expected: false },
    { desc: '$ without (?m) is text end', pattern: 'a$', input: 'a\n', expected: false },
    { desc: '\\A and \\z', pattern: '\\Aab\\z', input: 'ab', expected: true },
    { desc: '\\z does not match before a final \\n', pattern: 'ab\\z', input: 'ab\n', expected: false },
    { desc: '\\Q…\\E quotes', pattern: '^\\Q.*+\\E$', input: '.*+', expected: true },
    { desc: '\\Q…\\E is literal', pattern: '^\\Q.*\\E$', input: 'ab', expected: false },
    { desc: 'octal escape', pattern: '^\\101$', input: 'A', expected: true },
    { desc: '\\0 escape', pattern: '^\\0$', input: '\0', expected: true },
    { desc: 'hex escape', pattern: '^\\x41\\x{1F600}$', input: 'A😀', expected: true },
    { desc: 'escaped punctuation', pattern: '^\\#\\-\\.$', input: '#-.', expected: true },
    { desc: 'POSIX class', pattern: '^[[:alpha:]]+$', input: 'abcXYZ', expected: true },
    { desc: 'negated POSIX class', pattern: '^[[:^digit:]]$', input: '1', expected: false },
    { desc: '] first in a class is literal', pattern: '^[]a]+$', input: ']a]', expected: true },
    { desc: 'dash at the end of a class', pattern: '^[a-]+$', input: 'a-a', expected: true },
    { desc: 'lone { is literal', pattern: '^{$', input: '{', expected: true },
    { desc: 'x{,2} is literal (Go)', pattern: '^x{,2}$', input: 'x{,2}', expected: true },
    { desc: 'x{01} is literal (Go: no leading zeros)', pattern: '^x{01}$', input: 'x{01}', expected: true },
    { desc: 'lone ] and } are literal', pattern: '^]}$', input: ']}', expected: true },
    { desc: 'bounded repetition', pattern: '^a{2,3}$', input: 'aaaa', expected: false },
    { desc: 'Unicode letter class', pattern: '^\\pL+$', input: 'éλ', expected: true },
    { desc: 'negated Unicode class', pattern: '^\\PL$', input: '1', expected: true },
    { desc: 'Unicode script', pattern: '^\\p{Greek}+$', input: 'αβ', expected: true },
    { desc: 'negated script with ^', pattern: '^\\p{^Greek}$', input: 'α', expected: false },
    { desc: '\\p{Any}', pattern: '^\\p{Any}$', input: '\n', expected: true },
    { desc: '(?i) folds Unicode (Kelvin sign)', pattern: '(?i)^k$', input: '\u212a', expected: true },
    { desc: '(?i) flag persists across | (Go)', pattern: 'a(?i)b|c', input: 'C', expected: true },
    { desc: '(?i) ends with its group', pattern: '^(a(?i)b)c$', input: 'aBC', expected: false },
    { desc: '(?i) inside its group', pattern: '^(a(?i)b)c$', input: 'aBc', expected: true },
    { desc: '(?i:…) group', pattern: '^(?i:a)b$', input: 'AB', expected: false },
    { desc: '(?-i) turns folding off', pattern: '(?i)^a(?-i)b$', input: 'Ab', expected: true },
    { desc: '(?-i) turns folding off (miss)', pattern: '(?i)^a(?-i)b$', input: 'AB', expected: false },
    { desc: 'named group', pattern: '^(?P<x>a)(?<y>b)$', input: 'ab', expected: true },
    { desc: 'empty alternative', pattern: '^(a|)$', input: '', expected: true },
    { desc: 'empty pattern', pattern: '', input: 'anything', expected: true },
    { desc: 'unanchored', pattern: 'b', input: 'abc', expected: true },
  ])('$desc', ({ pattern, input, expected }) => {
    expect(compileGoRegExp(pattern).test(input)).toBe(expected);
  });

  it.each([
    { pattern: '(?U)a+', input: 'aaa', found: 'a' },
    { pattern: '(?U)a+?', input: 'aaa', found: 'aaa' },
    { pattern: 'a|ab', input: 'ab', found: 'a' },
    { pattern: '^/api/[0-9]+', input: '/api/12/x', found: '/api/12' },
  ])('find($pattern, $input) is $found (leftmost-first)', ({ pattern, input, found }) => {
    expect(compileGoRegExp(pattern).find(input)).toBe(found);
  });

  it.each([
    { pattern: '(', offset: 1, message: /missing closing \)/ },
    { pattern: 'a)', offset: 1, message: /unexpected \)/ },
    { pattern: 'a**', offset: 1, message: /nested repetition/ },
    { pattern: 'a{2}{3}', offset: 1, message: /nested repetition/ },
    { pattern: '*a', offset: 0, message: /missing argument/ },
    { pattern: 'a|*', offset: 2, message: /missing argument/ },
    { pattern: 'a{1001}', offset: 1, message: /invalid repeat count/ },
    { pattern: 'a{3,2}', offset: 1, message: /invalid repeat count/ },
    { pattern: '[a', offset: 0, message: /missing closing \]/ },
    { pattern: 'x[z-a]', offset: 2, message: /invalid character class range/ },
    { pattern: '[[:foo:]]', offset: 1, message: /invalid character class range/ },
    { pattern: '(a)\\1', offset: 3, message: /invalid escape sequence/ },
    { pattern: '\\Z', offset: 0, message: /invalid escape sequence/ },
    { pattern: '\\C', offset: 0, message: /invalid escape sequence/ },
    { pattern: 'a\\', offset: 1, message: /trailing backslash/ },
    { pattern: '(?=a)', offset: 0, message: /unsupported Perl syntax/ },
    { pattern: '(?!a)', offset: 0, message: /unsupported Perl syntax/ },
    { pattern: 'x(?<=a)', offset: 1, message: /unsupported Perl syntax/ },
    { pattern: '(?i-)a', offset: 0, message: /unsupported Perl syntax/ },
    { pattern: '(?P<n>a)(?P<n>b)', offset: 8, message: /duplicate capture group name/ },
    { pattern: '(?P<a-b>x)', offset: 0, message: /invalid named capture/ },
    { pattern: '\\p{Nope}', offset: 0, message: /JavaScript/ },
    { pattern: '^*', offset: 1, message: /missing argument/ },
  ])('rejects `$pattern` at offset $offset', ({ pattern, offset, message }) => {
    const error = (() => {
      try {
        compileGoRegExp(pattern, 40);
      } catch (e) {
        return e as { code: string; message: string; details: { offset: number; position: number } };
      }
      throw new Error('expected an error');
    })();
    expect(error.code).toBe('LB_RULE_ARGUMENT');
    expect(error.details.position).toBe(40);
    expect(error.details.offset).toBe(offset);
    expect(error.message).toMatch(message);
  });

  it.each([
    { desc: 'groups', unit: '(a)' },
    { desc: 'classes', unit: '[ab]' },
    { desc: 'repetitions', unit: 'a{1,1000}' },
    { desc: 'Unicode classes', unit: '\\p{L}' },
  ])('rejects more than the structural budget of $desc (V8 would overflow its stack)', ({ unit }) => {
    const error = thrown(() => compileGoRegExp(unit.repeat(MAX_REGEXP_NODES + 1)));
    expect(error.code).toBe('LB_RULE_ARGUMENT');
    expect(error.message).toMatch(/too complex/);
  });

  it('accepts long literal text and alternations (literals are free)', () => {
    expect(compileGoRegExp(`^${'abc'.repeat(5000)}$`).test('abc'.repeat(5000))).toBe(true);
    expect(compileGoRegExp(Array.from({ length: 3000 }, (_, i) => `h${i}`).join('|')).test('h2999')).toBe(true);
  });

  it('throws LbError without a position when none is given', () => {
    expect(thrown(() => compileGoRegExp('('))).toMatchObject({ code: 'LB_RULE_ARGUMENT', position: undefined });
  });
});

describe('GoRegExp.replaceAll (Go ReplaceAllString)', () => {
  it.each([
    { desc: 'empty match after a match is skipped', pattern: 'b*', src: 'abc', repl: 'X', out: 'XaXcX' },
    { desc: 'every match', pattern: 'a', src: 'banana', repl: 'o', out: 'bonono' },
    { desc: 'numbered groups', pattern: '(\\w+)@(\\w+)', src: 'x@y', repl: '$2@$1', out: 'y@x' },
    { desc: '$1x is the group named 1x (empty)', pattern: '(a)', src: 'a', repl: '$1x', out: '' },
    { desc: '${1}x', pattern: '(a)', src: 'a', repl: '${1}x', out: 'ax' },
    { desc: 'named group', pattern: '^/api/(?P<rest>.*)', src: '/api/foo', repl: '/v2/${rest}', out: '/v2/foo' },
    { desc: '$$ is a dollar', pattern: 'a', src: 'a', repl: '$$', out: '$' },
    { desc: 'a lone $ stays', pattern: 'a', src: 'a', repl: 'x$', out: 'x$' },
    { desc: 'unmatched group is empty', pattern: '(a)|(b)', src: 'b', repl: '[$1]', out: '[]' },
    { desc: 'empty pattern', pattern: '', src: 'ab', repl: '-', out: '-a-b-' },
    {
      desc: 'the v1 ReplacePathRegex example',
      pattern: '^/api/(.*)',
      src: '/api/jokes/1',
      repl: '/jokes/$1',
      out: '/jokes/jokes/1',
    },
    { desc: 'astral characters advance by code point', pattern: 'x*', src: '😀', repl: '-', out: '-😀-' },
  ])('$desc', ({ pattern, src, repl, out }) => {
    expect(compileGoRegExp(pattern).replaceAll(src, repl)).toBe(out);
  });
});
