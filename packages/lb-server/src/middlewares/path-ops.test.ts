import { describe, expect, it } from 'vitest';
import { compileGoRegExp, GoTemplate } from './go-regexp';
import { addPrefix, replacePathRegex, stripPrefix, stripPrefixRegex } from './path-ops';

describe('stripPrefix', () => {
  it.each([
    { desc: 'strips a matching prefix', path: '/api/users', prefixes: ['/api'], expected: { path: '/users', prefix: '/api' } },
    { desc: 'the whole path leaves /', path: '/api', prefixes: ['/api'], expected: { path: '/', prefix: '/api' } },
    { desc: 'trailing-slash prefix keeps a leading slash', path: '/api/users', prefixes: ['/api/'], expected: { path: '/users', prefix: '/api/' } },
    { desc: 'first in order wins, not the longest', path: '/api/v1/x', prefixes: ['/api', '/api/v1'], expected: { path: '/v1/x', prefix: '/api' } },
    { desc: 'plain string prefix, not segment-aware', path: '/apiary', prefixes: ['/api'], expected: { path: '/ary', prefix: '/api' } },
    { desc: 'no match', path: '/web', prefixes: ['/api'], expected: undefined },
  ])('$desc', ({ path, prefixes, expected }) => {
    expect(stripPrefix(path, prefixes)).toEqual(expected);
  });

  it('forceSlash drops one slash of the rest before re-adding it', () => {
    expect(stripPrefix('/api//x', ['/api'], true)).toEqual({ path: '/x', prefix: '/api' });
    expect(stripPrefix('/api//x', ['/api'], false)).toEqual({ path: '//x', prefix: '/api' });
  });
});

describe('stripPrefixRegex', () => {
  it.each([
    { desc: 'strips the match at the start', path: '/a/1/rest', res: ['/a/[0-9]+'], expected: { path: '/rest', prefix: '/a/1' } },
    { desc: 'skips a match inside the path', path: '/x/a/1', res: ['/a/[0-9]+'], expected: undefined },
    { desc: 'tries the next expression', path: '/b/z', res: ['^/a', '^/b'], expected: { path: '/z', prefix: '/b' } },
    { desc: 'empty match is ignored', path: '/x', res: ['y*'], expected: undefined },
    { desc: 'all stripped leaves /', path: '/v1', res: ['^/v[0-9]'], expected: { path: '/', prefix: '/v1' } },
  ])('$desc', ({ path, res, expected }) => {
    expect(stripPrefixRegex(path, res.map((r) => compileGoRegExp(r)))).toEqual(expected);
  });
});

describe('addPrefix', () => {
  it.each([
    { path: '/users', prefix: '/api', expected: '/api/users' },
    { path: '/users', prefix: 'api', expected: '/api/users' },
    { path: '/', prefix: '/api', expected: '/api/' },
  ])('$prefix + $path → $expected', ({ path, prefix, expected }) => {
    expect(addPrefix(path, prefix)).toBe(expected);
  });
});

describe('replacePathRegex', () => {
  it.each([
    { path: '/foo/bar', re: '^/foo/(.*)', tpl: '/bar/$1', expected: '/bar/bar' },
    { path: '/x', re: '^/foo', tpl: '/bar', expected: undefined },
    { path: '/foo', re: '^/foo$', tpl: 'bar', expected: '/bar' },
  ])('$path with $re → $expected', ({ path, re, tpl, expected }) => {
    expect(replacePathRegex(path, compileGoRegExp(re, true), new GoTemplate(tpl))).toBe(expected);
  });
});
