import { describe, expect, it } from 'vitest';
import { createMiddleware } from './registry';
import { run } from '../../test/support/middlewares/proxy-context';

describe('replacePath middleware', () => {
  it('replaces the path and keeps the original in X-Replaced-Path', async () => {
    const { result, ctx } = await run(createMiddleware('r', { replacePath: { path: '/foo' } }), { path: '/bar/baz', query: 'q=1' });
    expect(result).toBeUndefined();
    expect(ctx.path).toBe('/foo');
    expect(ctx.query).toBe('q=1');
    expect(ctx.upstreamHeaders['x-replaced-path']).toBe('/bar/baz');
  });

  it('rejects a missing path', () => {
    expect(() => createMiddleware('r', { replacePath: {} })).toThrow(expect.objectContaining({ path: 'replacePath.path' }));
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
    { desc: 'an empty replacement does nothing (Traefik)', config: { regex: '^/foo', replacement: '' }, expected: '/foo/x', replaced: undefined },
    { desc: 'a missing replacement does nothing', config: { regex: '^/foo' }, expected: '/foo/x', replaced: undefined },
    { desc: 'Go syntax: named groups and inline flags', config: { regex: '(?i)^/FOO/(?P<rest>.*)', replacement: '/r/${rest}' }, expected: '/r/x', replaced: '/foo/x' },
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
    { desc: 'missing regex', config: { replacePathRegex: { replacement: '/x' } }, path: 'replacePathRegex.regex' },
    { desc: 'invalid regex', config: { replacePathRegex: { regex: '([', replacement: '/x' } }, path: 'replacePathRegex.regex' },
  ])('rejects $desc', ({ config, path }) => {
    expect(() => createMiddleware('r', config)).toThrow(expect.objectContaining({ code: 'LB_MIDDLEWARE_INVALID', path }));
  });
});
