import { describe, expect, it } from 'vitest';
import { targetPath } from './target-path';

describe('targetPath', () => {
  it.each([
    { desc: 'plain path and query', base: '', path: '/api/jokes', query: 'a=1&b', want: '/api/jokes?a=1&b' },
    { desc: 'base path (preservePath)', base: '/v1', path: '/x', query: '', want: '/v1/x' },
    { desc: 'escapes kept', base: '', path: '/a%20b/%C3%A9', query: '', want: '/a%20b/%C3%A9' },
    { desc: 'three dots are no traversal', base: '', path: '/[...slug]', query: '', want: '/[...slug]' },
    { desc: 'leading // stays a path', base: '', path: '//evil.example/x', query: '', want: '//evil.example/x' },
    {
      desc: 'backslash escaped, no separator (Go URL.EscapedPath)',
      base: '',
      path: '/a\\b',
      query: '',
      want: '/a%5Cb',
    },
    { desc: 'escaped slashes are no separators', base: '', path: '/a%2F..%2Fb', query: '', want: '/a%2F..%2Fb' },
    {
      desc: 'a single-dot segment refused (cleaning would change it)',
      base: '',
      path: '/a/./b',
      query: '',
      want: undefined,
    },
    { desc: 'escapes upper-cased (Traefik normalizePath)', base: '', path: '/a%2fb', query: '', want: '/a%2Fb' },
    { desc: 'fragment refused (Traefik denyFragment)', base: '', path: '/a#b', query: '', want: undefined },
    {
      desc: 'characters a path may not carry are escaped',
      base: '',
      path: '/a"b<c>',
      query: '',
      want: '/a%22b%3Cc%3E',
    },
    { desc: 'dot-dot segment refused', base: '', path: '/a/../b', query: '', want: undefined },
    { desc: 'escaped dot-dot refused', base: '', path: '/a/%2e%2e/b', query: '', want: undefined },
    { desc: 'malformed escape refused', base: '', path: '/a%zz', query: '', want: undefined },
    { desc: 'absolute form refused', base: '', path: 'http://other.example/x', query: '', want: undefined },
  ])('$desc', ({ base, path, query, want }) => {
    expect(targetPath(base, path, query)).toBe(want);
  });
});
