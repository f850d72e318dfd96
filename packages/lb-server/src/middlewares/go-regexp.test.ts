import { describe, expect, it } from 'vitest';
import { compileGoRegExp, GoTemplate } from './go-regexp';

describe('GoTemplate.replaceAll (Go ReplaceAllString)', () => {
  it.each([
    { desc: 'numbered group', re: '^/api/(.*)', tpl: '/v2/$1', input: '/api/users', expected: '/v2/users' },
    { desc: 'braced group', re: '^/(\\w+)/(\\d+)', tpl: '/${2}x/${1}', input: '/users/42', expected: '/42x/users' },
    { desc: '$1x names group "1x", which is empty', re: '^/(a)', tpl: '$1x', input: '/a', expected: '' },
    { desc: 'named group, Go syntax', re: '^/(?P<id>\\d+)$', tpl: '/item/$id', input: '/7', expected: '/item/7' },
    { desc: 'literal $$', re: 'a', tpl: '$$', input: 'banana', expected: 'b$n$n$' },
    { desc: 'malformed $ stays literal', re: 'x', tpl: '$-', input: 'axb', expected: 'a$-b' },
    { desc: 'unclosed brace stays literal', re: 'x', tpl: '${1', input: 'x', expected: '${1' },
    { desc: 'every match is replaced', re: 'o', tpl: '0', input: '/foo/boo', expected: '/f00/b00' },
    { desc: 'empty matches, as Go', re: 'a*', tpl: 'x', input: 'baaac', expected: 'xbxcx' },
    { desc: 'missing group number', re: '(a)', tpl: '[$2]', input: 'a', expected: '[]' },
  ])('$desc', ({ re, tpl, input, expected }) => {
    expect(new GoTemplate(tpl).replaceAll(compileGoRegExp(re, true), input)).toBe(expected);
  });
});

describe('compileGoRegExp', () => {
  it.each([
    { desc: 'leading (?i) becomes a flag', re: '(?i)^/API', input: '/api', expected: true },
    { desc: '\\A anchors at the start', re: '\\A/x', input: '/y/x', expected: false },
    { desc: '\\z anchors at the very end', re: 'x\\z', input: 'ax', expected: true },
    { desc: 'unanchored like MatchString', re: 'b', input: 'abc', expected: true },
  ])('$desc', ({ re, input, expected }) => {
    expect(compileGoRegExp(re).test(input)).toBe(expected);
  });

  it.each(['(unclosed', '(?U)a+'])('rejects %s', (re) => {
    expect(() => compileGoRegExp(re)).toThrow(SyntaxError);
  });
});
