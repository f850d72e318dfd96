/**
 * Conformance table for paths a middleware rewrites (issue #13, "Path handling"): Traefik v3.7
 * cleans the path `stripPrefix`, `stripPrefixRegex` and `replacePathRegex` produce with Go's
 * `URL.JoinPath` and answers 400 when that changes it (dot segments and empty segments alike),
 * while `addPrefix` and `replacePath` are never checked. Each row names its source.
 */
import { describe, expect, it } from 'vitest';
import type { PathRewrite } from './path-modifiers';
import { addPrefix, replacePath, replacePathRegex, stripPrefix, stripPrefixRegex } from './path-modifiers';
import { compileGoRegExp } from './go-regexp';
import { cleanPath, cleaningChanges } from './request-path';

const STRIP = 'v3.7 pkg/middlewares/stripprefix/strip_prefix_test.go';
const STRIP_RE = 'v3.7 pkg/middlewares/stripprefixregex/strip_prefix_regex_test.go';
const REPLACE_RE = 'v3.7 pkg/middlewares/replacepathregex/replace_path_regex_test.go';
const JOIN = 'v3.7 strip_prefix.go ServeHTTP: URL.JoinPath (path.Clean), 400 when Path changes;';

interface Row {
  readonly src: string;
  readonly run: () => PathRewrite;
  readonly path: string;
  readonly refused: boolean;
}

const re = (source: string) => compileGoRegExp(source);

const rows: readonly Row[] = [
  {
    src: `${STRIP} "dot in the path not stripped by the prefix"`,
    run: () => stripPrefix('/api./foo', ['/api']),
    path: '/./foo',
    refused: true,
  },
  {
    src: `${STRIP} "multiple dots in the path not stripped by the prefix"`,
    run: () => stripPrefix('/api../foo', ['/api']),
    path: '/../foo',
    refused: true,
  },
  {
    src: `${STRIP} "raw path is also stripped" (%2F is no separator)`,
    run: () => stripPrefix('/stat/a%2Fb', ['/stat']),
    path: '/a%2Fb',
    refused: false,
  },
  { src: `${JOIN} "//x" cleans to "/x"`, run: () => stripPrefix('/api//x', ['/api']), path: '//x', refused: true },
  {
    src: `${JOIN} an empty segment inside the rest`,
    run: () => stripPrefix('/api/a//b', ['/api']),
    path: '/a//b',
    refused: true,
  },
  {
    src: `${JOIN} JoinPath keeps a trailing "/"`,
    run: () => stripPrefix('/api/a/', ['/api']),
    path: '/a/',
    refused: false,
  },
  { src: `${JOIN} the rest "/" is clean`, run: () => stripPrefix('/api/', ['/api']), path: '/', refused: false },
  {
    src: `${JOIN} an empty path is not cleaned ("path != \\"\\"")`,
    run: () => stripPrefix('/api', ['/api']),
    path: '',
    refused: false,
  },
  {
    src: `${JOIN} escaped dots are no dot segment for path.Clean`,
    run: () => stripPrefix('/api/%2E%2E/x', ['/api']),
    path: '/%2E%2E/x',
    refused: false,
  },
  {
    src: `${JOIN} "a..b" is one segment`,
    run: () => stripPrefix('/api/a..b', ['/api']),
    path: '/a..b',
    refused: false,
  },
  {
    src: `${STRIP_RE} "/api./foo"`,
    run: () => stripPrefixRegex('/api./foo', [re('/api')]),
    path: '/./foo',
    refused: true,
  },
  {
    src: `${STRIP_RE} "/api../foo"`,
    run: () => stripPrefixRegex('/api../foo', [re('/api')]),
    path: '/../foo',
    refused: true,
  },
  {
    src: `v3.7 strip_prefix_regex.go ServeHTTP: same JoinPath check, "//" included`,
    run: () => stripPrefixRegex('/v1//x', [re('^/v[0-9]+')]),
    path: '//x',
    refused: true,
  },
  {
    src: `${REPLACE_RE} "path with .."`,
    run: () => replacePathRegex('/foo../bar', re('^/foo(.*)'), '/$1'),
    path: '/../bar',
    refused: true,
  },
  {
    src: `v3.7 replace_path_regex.go ServeHTTP: JoinPath check; a replacement "/" before "/x" gives "//x"`,
    run: () => replacePathRegex('/api/x', re('^/api'), '/'),
    path: '//x',
    refused: true,
  },
  {
    src: `v3.7 replace_path_regex.go: a relative result is cleaned as relative (JoinPath)`,
    run: () => replacePathRegex('/a/b', re('^/a/'), ''),
    path: 'b',
    refused: false,
  },
  {
    src: `v3.7 replace_path_regex.go: a relative "../" result changes when cleaned`,
    run: () => replacePathRegex('/a/../b', re('^/a/'), ''),
    path: '../b',
    refused: true,
  },
  {
    src: `${REPLACE_RE} "empty replacement" (since v2.11.1)`,
    run: () => replacePathRegex('/whoami/and/whoami', re('/whoami'), ''),
    path: '/and',
    refused: false,
  },
  {
    src: `${REPLACE_RE} "replacement with escaped char"`,
    run: () => replacePathRegex('/aaa/bbb', re('/aaa/bbb'), '/foo%2Fbar'),
    path: '/foo%2Fbar',
    refused: false,
  },
  {
    src: 'v3.7 pkg/middlewares/addprefix/add_prefix.go: no JoinPath check',
    run: () => addPrefix('//x', '/p'),
    path: '/p//x',
    refused: false,
  },
  {
    src: 'v3.7 pkg/middlewares/replacepath/replace_path.go: no JoinPath check',
    run: () => replacePath('/x', '/a/../b'),
    path: '/a/../b',
    refused: false,
  },
];

describe('rewritten paths Traefik v3.7 refuses (400) when cleaning would change them', () => {
  it.each(rows)('$path refused=$refused ($src)', ({ run, path, refused }) => {
    const out = run();
    expect(out.path).toBe(path);
    expect(out.refused === true).toBe(refused);
  });

  it.each([
    '/a/b',
    '/a/b/',
    '/',
    '/a%2F..%2Fb',
    '//',
    '/a//b',
    '/a/./b',
    '/a/..',
    '/a/.',
    '/..',
    '/...',
    '/a/.b/',
    'a/b',
    './a',
    '../a',
    'a/..',
    'a..',
  ])('cleaningChanges(%s) agrees with Go URL.JoinPath as cleanPath models it', (path) => {
    const joined = path.startsWith('/') ? cleanPath(path) : cleanPath(`/${path}`).slice(1);
    expect(cleaningChanges(path)).toBe(joined !== path);
  });
});
