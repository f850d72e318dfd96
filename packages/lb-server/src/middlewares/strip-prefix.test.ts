import { describe, expect, it } from 'vitest';
import { createMiddleware } from './registry';
import { run } from '../../test/support/middlewares/proxy-context';

describe('stripPrefix middleware', () => {
  it.each([
    { desc: 'strips and records the prefix', path: '/api/jokes', expectedPath: '/jokes', prefix: '/api' },
    { desc: 'leaves other paths alone', path: '/web/x', expectedPath: '/web/x', prefix: undefined },
    { desc: 'empty rest becomes /', path: '/api', expectedPath: '/', prefix: '/api' },
    { desc: 'a trailing-slash prefix keeps a leading slash', path: '/v1/x', expectedPath: '/x', prefix: '/v1/' },
    { desc: 'first in order wins, not the longest', path: '/api/v1/x', expectedPath: '/v1/x', prefix: '/api' },
    { desc: 'not segment-aware', path: '/apiary', expectedPath: '/ary', prefix: '/api' },
  ])('$desc', async ({ path, expectedPath, prefix }) => {
    const mw = createMiddleware('strip', { stripPrefix: { prefixes: ['/api', '/api/v1', '/v1/'] } });
    const { result, ctx } = await run(mw, { path, query: 'a=1' });
    expect(result).toBeUndefined();
    expect(ctx.path).toBe(expectedPath);
    expect(ctx.query).toBe('a=1');
    expect(ctx.upstreamHeaders['x-forwarded-prefix']).toBe(prefix);
  });

  it.each([
    {
      desc: '"/api./foo" leaves "/./foo" (v3.7 strip_prefix_test.go "dot in the path not stripped by the prefix")',
      path: '/api./foo',
      forceSlash: false,
    },
    {
      desc: '"/api../foo" leaves "/../foo" (v3.7 "multiple dots in the path not stripped by the prefix")',
      path: '/api../foo',
      forceSlash: false,
    },
    { desc: 'the same with forceSlash (v3.7 "… with forceSlash")', path: '/api../foo', forceSlash: true },
    {
      desc: '"/api//x" leaves "//x" (v3.7 strip_prefix.go: JoinPath cleans empty segments too)',
      path: '/api//x',
      forceSlash: false,
    },
  ])('answers 400 when cleaning would change the rest: $desc', async ({ path, forceSlash }) => {
    const mw = createMiddleware('strip', { stripPrefix: { prefixes: ['/api'], forceSlash } });
    const { result, ctx } = await run(mw, { path });
    expect(result).toMatchObject({ status: 400, body: 'Bad Request\n' });
    expect(ctx.path).toBe(path);
    expect(ctx.upstreamHeaders['x-forwarded-prefix']).toBeUndefined();
  });

  it('keeps a trailing slash and escaped dots, which cleaning leaves alone', async () => {
    const mw = createMiddleware('strip', { stripPrefix: { prefixes: ['/api'] } });
    expect((await run(mw, { path: '/api/a/' })).ctx.path).toBe('/a/');
    expect((await run(mw, { path: '/api/%2E%2E/x' })).ctx.path).toBe('/%2E%2E/x');
  });

  it('accepts label-style options (comma list, lower-case keys)', async () => {
    const mw = createMiddleware('strip', { stripprefix: { prefixes: '/a,/b', forceslash: 'false' } });
    const { ctx } = await run(mw, { path: '/b/c' });
    expect(ctx.path).toBe('/c');
  });

  it.each([
    { desc: 'no prefixes', config: { stripPrefix: {} }, path: 'stripPrefix.prefixes' },
    { desc: 'empty list', config: { stripPrefix: { prefixes: [] } }, path: 'stripPrefix.prefixes' },
    { desc: 'unknown option', config: { stripPrefix: { prefixes: ['/a'], prefix: '/b' } }, path: 'stripPrefix.prefix' },
  ])('rejects $desc', ({ config, path }) => {
    expect(() => createMiddleware('strip', config)).toThrow(
      expect.objectContaining({ code: 'LB_MIDDLEWARE_INVALID', path }),
    );
  });
});
