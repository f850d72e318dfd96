/**
 * Go's decoded and escaped path views, and the path middlewares that switch between them
 * (Traefik v3.7 `pkg/middlewares/stripprefix`, `stripprefixregex`, `replacepath` and their
 * `_test.go` tables; Go `net/url` `URL.Path` / `URL.RawPath` / `URL.EscapedPath`).
 */
import { describe, expect, it } from 'vitest';
import { canonicalEscape, decodePath, escapedPrefixLength } from './go-path';
import { compileGoRegExp } from './go-regexp';
import { replacePath, stripPrefix, stripPrefixRegex } from './path-modifiers';

describe('Go path views', () => {
  it.each([
    { escaped: '/a%2Fb', path: '/a/b', canonical: '/a/b', src: 'Go net/url: %2F decodes to "/" in Path' },
    { escaped: '/foo%20bar', path: '/foo bar', canonical: '/foo%20bar', src: 'Go setPath/escape: a space is escaped' },
    { escaped: '/caf%C3%A9', path: '/café', canonical: '/caf%C3%A9', src: 'Go unescape: UTF-8 bytes' },
    {
      escaped: '/a!b',
      path: '/a!b',
      canonical: '/a%21b',
      src: 'Go escape(encodePath) escapes "!" (validEncoded keeps it as sent)',
    },
  ])('$escaped ($src)', ({ escaped, path, canonical }) => {
    expect(decodePath(escaped)).toBe(path);
    expect(canonicalEscape(escaped)).toBe(canonical);
  });

  it('measures a decoded prefix in the escaped path', () => {
    expect(escapedPrefixLength('/a%2Fb/c', '/a/')).toBe('/a%2F'.length);
    expect(escapedPrefixLength('/caf%C3%A9/x', '/café')).toBe('/caf%C3%A9'.length);
    expect(escapedPrefixLength('/plain/x', '/plain')).toBe(6);
  });
});

describe('path middlewares on the decoded path (Traefik v3)', () => {
  it.each([
    {
      path: '/stat%2F',
      prefixes: ['/stat'],
      out: '/%2F',
      header: '/stat',
      src: 'strip_prefix_test.go rows with a RawPath: Path and RawPath both stripped',
    },
    {
      path: '/api%2Fusers',
      prefixes: ['/api/'],
      out: '/users',
      header: '/api/',
      src: 'strip_prefix.go: HasPrefix(req.URL.Path) then RawPath cut by encoded length (traefik PR #12863)',
    },
    {
      path: '/foo%20bar/x',
      prefixes: ['/foo bar'],
      out: '/x',
      header: '/foo bar',
      src: 'strip_prefix.go: the prefix is matched on the decoded URL.Path',
    },
    {
      path: '/nomatch',
      prefixes: ['/api'],
      out: '/nomatch',
      header: undefined,
      src: 'strip_prefix.go: no prefix, request unchanged',
    },
    {
      path: '/api/x',
      prefixes: [' /api '],
      out: '/x',
      header: '/api',
      src: 'strip_prefix.go New: configured prefixes trimmed',
    },
  ])('stripPrefix $path $prefixes ($src)', ({ path, prefixes, out, header }) => {
    const rewrite = stripPrefix(path, prefixes);
    expect(rewrite.path).toBe(out);
    expect(rewrite.headers['X-Forwarded-Prefix']).toBe(header);
  });

  it('stripPrefixRegex matches the decoded path (strip_prefix_regex.go: FindStringSubmatch(req.URL.Path))', () => {
    const rewrite = stripPrefixRegex('/a%20b/123/rest', [compileGoRegExp('/a b/[0-9]+')]);
    expect(rewrite.path).toBe('/rest');
    expect(rewrite.headers['X-Forwarded-Prefix']).toBe('/a b/123');
  });

  it.each([
    {
      path: '/foo%20bar',
      header: '/foo%20bar',
      src: 'replace_path.go: X-Replaced-Path is RawPath, else EscapedPath()',
    },
    { path: '/a%2Fb', header: '/a%2Fb', src: 'replace_path.go: RawPath' },
    { path: '/plain', header: '/plain', src: 'replace_path_test.go' },
  ])('replacePath records $path as $header ($src)', ({ path, header }) => {
    expect(replacePath(path, '/new').headers['X-Replaced-Path']).toBe(header);
  });
});
