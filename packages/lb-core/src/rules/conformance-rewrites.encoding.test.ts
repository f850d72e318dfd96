/**
 * Conformance of rewritten paths and headers as bytes (issue #13, "Path handling"): header values go
 * as the UTF-8 bytes Go writes, replaced paths Go cannot unescape answer 500 with Go's error, and v1
 * (Traefik 1.7) `ReplacePath` / `ReplacePathRegex` report the decoded path in `X-Replaced-Path`.
 * Each row names its source.
 */
import { describe, expect, it } from 'vitest';
import { applyPathModifiers, replacePath, replacePathRegex, stripPrefix, stripPrefixRegex } from './path-modifiers';
import { compileGoRegExp } from './go-regexp';
import { parseRule } from './parse';
import { unescapeError } from './go-path';

const re = (source: string) => compileGoRegExp(source);

describe('header values go as the bytes Go writes (UTF-8), never as text Node refuses', () => {
  it.each([
    {
      src: 'v3.7 strip_prefix_regex.go: Header.Add(ForwardedPrefixHeader, prefix), the match on the decoded URL.Path',
      run: () => stripPrefixRegex('/caf%C3%A9/x', [re('^/[^/]+')]),
      header: 'X-Forwarded-Prefix',
      value: '/caf\u00c3\u00a9',
    },
    {
      src: 'v3.7 strip_prefix.go: the configured prefix, UTF-8 ("/日" would make Node refuse the header)',
      run: () => stripPrefix('/%E6%97%A5/x', ['/日']),
      header: 'X-Forwarded-Prefix',
      value: '/\u00e6\u0097\u00a5',
    },
    {
      src: 'Go httpguts.ValidHeaderFieldValue refuses a control character: it goes escaped',
      run: () => stripPrefixRegex('/a%0Ab/x', [re('^/[^/]+')]),
      header: 'X-Forwarded-Prefix',
      value: '/a%0Ab',
    },
  ])('$header: $value ($src)', ({ run, header, value }) => {
    expect(run().headers[header]).toBe(value);
  });
});

describe("replaced paths Go cannot unescape: Traefik v3.7 answers 500 with url.PathUnescape's error", () => {
  it.each([
    {
      src: 'v3.7 replace_path.go ServeHTTP: PathUnescape(RawPath) error → 500',
      run: () => replacePath('/x', '/a%zz'),
      error: 'invalid URL escape "%zz"',
    },
    {
      src: 'v3.7 replace_path_regex.go ServeHTTP: PathUnescape(RawPath) error → 500',
      run: () => replacePathRegex('/x', re('^/x'), '/y%2'),
      error: 'invalid URL escape "%2"',
    },
    {
      src: 'v3.7 replace_path_regex.go: checked before the JoinPath check',
      run: () => replacePathRegex('/x', re('^/x'), '/../%'),
      error: 'invalid URL escape "%"',
    },
    { src: 'v3.7 replace_path.go: a valid escape unescapes', run: () => replacePath('/x', '/a%2Fb'), error: undefined },
  ])('$error ($src)', ({ run, error }) => {
    expect(run().unescapable).toBe(error);
  });

  it.each([
    { path: '/ok%41', error: undefined },
    { path: '/a%zzz', error: 'invalid URL escape "%zz"' },
    { path: '/a%4', error: 'invalid URL escape "%4"' },
    { path: '/a%41%', error: 'invalid URL escape "%"' },
  ])("unescapeError($path) is Go's url.EscapeError text: $error", ({ path, error }) => {
    expect(unescapeError(path)).toBe(error);
  });
});

const V1_REPLACE =
  'v1.7 middlewares/replace_path.go ServeHTTP: Header.Add(ReplacedPathHeader, r.URL.Path), the decoded path';
const V1_REPLACE_RE =
  'v1.7 middlewares/replace_path_regex.go ServeHTTP: MatchString(r.URL.Path), Header.Add(…, r.URL.Path)';

describe('v1 modifiers read the decoded path, X-Replaced-Path and X-Forwarded-Prefix carry it (Traefik 1.7)', () => {
  it.each<{ src: string; rule: string; path: string; expected: string; replaced: string; prefix?: string }>([
    { src: V1_REPLACE, rule: 'Path:/a b;ReplacePath:/x', path: '/a%20b', expected: '/x', replaced: '/a b' },
    { src: V1_REPLACE, rule: 'PathPrefix:/a;ReplacePath:/x', path: '/a%2Fb', expected: '/x', replaced: '/a/b' },
    {
      src: `${V1_REPLACE} (UTF-8 bytes written as they are)`,
      rule: 'PathPrefix:/;ReplacePath:/x',
      path: '/caf%C3%A9',
      expected: '/x',
      replaced: '/caf\u00c3\u00a9',
    },
    {
      src: `${V1_REPLACE}; Go's client refuses a control character in a header, the escaped path is kept`,
      rule: 'PathPrefix:/;ReplacePath:/x',
      path: '/a%0Ab',
      expected: '/x',
      replaced: '/a%0Ab',
    },
    {
      src: `${V1_REPLACE}; the new Path is sent escaped (URL.RequestURI)`,
      rule: 'PathPrefix:/;ReplacePath:/new path',
      path: '/old',
      expected: '/new%20path',
      replaced: '/old',
    },
    {
      src: V1_REPLACE_RE,
      rule: 'PathPrefix:/;ReplacePathRegex:^/a\\x20b/(.*) /x/$1',
      path: '/a%20b/c',
      expected: '/x/c',
      replaced: '/a b/c',
    },
    {
      src: `v1.7 stripPrefix.go (Path and RawPath stripped) + ${V1_REPLACE}`,
      rule: 'PathPrefixStrip:/api;ReplacePath:/x',
      path: '/api/a%2Fb',
      expected: '/x',
      replaced: '/a/b',
    },
    {
      src: `v1.7 stripPrefix.go HasPrefix(r.URL.Path, prefix): the decoded path + ${V1_REPLACE}`,
      rule: 'PathPrefixStrip:/api/;ReplacePath:/x',
      path: '/api%2Fa',
      expected: '/x',
      replaced: '/a',
    },
    {
      src: `v1.7 stripPrefixRegex.go (mux matches r.URL.Path; header prefix.Path) + ${V1_REPLACE}`,
      rule: 'PathPrefixStripRegex:/api/{id}/;ReplacePath:/x',
      path: '/api/a%20b/c%2Fd',
      expected: '/x',
      replaced: 'c/d',
      prefix: '/api/a b/',
    },
  ])('$rule on $path → $expected, X-Replaced-Path $replaced ($src)', ({ rule, path, expected, replaced, prefix }) => {
    const parsed = parseRule(rule);
    expect(parsed.syntax).toBe('v1');
    const out = applyPathModifiers(path, parsed.modifiers);
    expect(out.path).toBe(expected);
    expect(out.headers['X-Replaced-Path']).toBe(replaced);
    if (prefix !== undefined) expect(out.headers['X-Forwarded-Prefix']).toBe(prefix);
  });

  it(`an empty v1 replacement changes nothing (${V1_REPLACE_RE}: len(s.Replacement) > 0)`, () => {
    const out = applyPathModifiers('/a/b', [{ kind: 'replacePathRegex', regex: '^/a', replacement: '', v1: true }]);
    expect(out).toEqual({ path: '/a/b', headers: {} });
  });
});
