import { describe, expect, it } from 'vitest';
import { createMiddleware } from './registry';
import { run } from '../../test/support/middlewares/proxy-context';

describe('replacePath middleware', () => {
  it('replaces the path and keeps the original in X-Replaced-Path', async () => {
    const { result, ctx } = await run(createMiddleware('r', { replacePath: { path: '/foo' } }), {
      path: '/bar/baz',
      query: 'q=1',
    });
    expect(result).toBeUndefined();
    expect(ctx.path).toBe('/foo');
    expect(ctx.query).toBe('q=1');
    expect(ctx.upstreamHeaders['x-replaced-path']).toBe('/bar/baz');
  });

  it('rejects a missing path', () => {
    expect(() => createMiddleware('r', { replacePath: {} })).toThrow(
      expect.objectContaining({ path: 'replacePath.path' }),
    );
  });
});

describe('replacePathRegex middleware', () => {
  it.each([
    { desc: 'rewrites with a group', path: '/foo/bar', expected: '/bar/bar', replaced: '/foo/bar' },
    { desc: 'leaves a non-matching path alone', path: '/baz', expected: '/baz', replaced: undefined },
    { desc: 'replaces every match', path: '/foo/foo/', expected: '/bar/foo/', replaced: '/foo/foo/' },
  ])('$desc', async ({ path, expected, replaced }) => {
    const mw = createMiddleware('r', { replacePathRegex: { regex: '^/foo/(.*)', replacement: '/bar/$1' } });
    const { ctx } = await run(mw, { path });
    expect(ctx.path).toBe(expected);
    expect(ctx.upstreamHeaders['x-replaced-path']).toBe(replaced);
  });

  it.each([
    {
      desc: 'an empty replacement removes the match (Traefik ≥ 2.11.1 "empty replacement")',
      config: { regex: '^/foo', replacement: '' },
      expected: '/x',
      replaced: '/foo/x',
    },
    { desc: 'a missing replacement is an empty one', config: { regex: '^/foo' }, expected: '/x', replaced: '/foo/x' },
    {
      desc: 'Go syntax: named groups and inline flags',
      config: { regex: '(?i)^/FOO/(?P<rest>.*)', replacement: '/r/${rest}' },
      expected: '/r/x',
      replaced: '/foo/x',
    },
  ])('$desc', async ({ config, expected, replaced }) => {
    const { ctx } = await run(createMiddleware('r', { replacePathRegex: config }), { path: '/foo/x' });
    expect(ctx.path).toBe(expected);
    expect(ctx.upstreamHeaders['x-replaced-path']).toBe(replaced);
  });

  it('keeps the first original path when two replacements run', async () => {
    const first = createMiddleware('a', { replacePath: { path: '/one' } });
    const second = createMiddleware('b', { replacePathRegex: { regex: 'one', replacement: 'two' } });
    const { ctx } = await run(first, { path: '/orig' });
    await second.handle(ctx);
    expect(ctx.path).toBe('/two');
    expect(ctx.upstreamHeaders['x-replaced-path']).toBe('/orig');
  });

  it.each([
    {
      desc: '"/foo../bar" → "/../bar" (v3.7 replace_path_regex_test.go "path with ..")',
      path: '/foo../bar',
      regex: '^/foo(.*)',
      replacement: '/$1',
    },
    {
      desc: '"/api/x" → "//x" (v3.7 replace_path_regex.go: JoinPath would clean "//")',
      path: '/api/x',
      regex: '^/api',
      replacement: '/',
    },
    { desc: '"/a/x" → "/a/./x"', path: '/a/x', regex: '^/a/', replacement: '/a/./' },
  ])('answers 400 when cleaning would change the result: $desc', async ({ path, regex, replacement }) => {
    const { result, ctx } = await run(createMiddleware('r', { replacePathRegex: { regex, replacement } }), { path });
    expect(result).toMatchObject({ status: 400, body: 'Bad Request\n' });
    expect(ctx.path).toBe(path);
    expect(ctx.upstreamHeaders['x-replaced-path']).toBeUndefined();
  });

  it.each([
    {
      desc: 'replacePath',
      config: { replacePath: { path: '/a%zz' } },
      body: 'invalid URL escape "%zz"\n',
      src: 'v3.7 replace_path.go: url.PathUnescape error → 500',
    },
    {
      desc: 'replacePathRegex',
      config: { replacePathRegex: { regex: '^/x', replacement: '/y%2' } },
      body: 'invalid URL escape "%2"\n',
      src: 'v3.7 replace_path_regex.go: url.PathUnescape error → 500',
    },
  ])('answers 500 for a $desc result with a malformed escape ($src)', async ({ config, body }) => {
    const { result, ctx } = await run(createMiddleware('r', config), { path: '/x' });
    expect(result).toMatchObject({ status: 500, body });
    expect(ctx.path).toBe('/x');
  });

  it('forwards a replacePath with dot segments as configured (v3.7 replace_path.go has no JoinPath check)', async () => {
    const { result, ctx } = await run(createMiddleware('r', { replacePath: { path: '/a/../b' } }), { path: '/x' });
    expect(result).toBeUndefined();
    expect(ctx.path).toBe('/a/../b');
  });

  it.each([
    { desc: 'missing regex', config: { replacePathRegex: { replacement: '/x' } }, path: 'replacePathRegex.regex' },
    {
      desc: 'invalid regex',
      config: { replacePathRegex: { regex: '([', replacement: '/x' } },
      path: 'replacePathRegex.regex',
    },
  ])('rejects $desc', ({ config, path }) => {
    expect(() => createMiddleware('r', config)).toThrow(
      expect.objectContaining({ code: 'LB_MIDDLEWARE_INVALID', path }),
    );
  });
});
