import { describe, expect, it } from 'vitest';
import { createMiddleware } from './registry';
import { makeContext } from '../../test/support/middlewares/proxy-context';
import { applyRewrite, currentPath } from './upstream-path';

/** Runs middlewares built from `configs` in order on `path`; returns the context. */
async function chain(path: string, ...configs: Record<string, unknown>[]): Promise<ReturnType<typeof makeContext>> {
  const ctx = makeContext({ path });
  for (const [i, config] of configs.entries()) await createMiddleware(`m${i}`, config).handle(ctx);
  return ctx;
}

describe('upstream path between middlewares (Traefik URL.Path)', () => {
  it.each([
    {
      desc: 'an emptied path is sent as / but prefixed bare',
      path: '/api',
      configs: [{ stripPrefix: { prefixes: ['/api'] } }, { addPrefix: { prefix: '/v1' } }],
      expected: '/v1',
    },
    {
      desc: 'forceSlash keeps the / for the next middleware',
      path: '/api',
      configs: [{ stripPrefix: { prefixes: ['/api'], forceSlash: true } }, { addPrefix: { prefix: '/v1' } }],
      expected: '/v1/',
    },
    {
      desc: 'an emptied path does not start with /',
      path: '/api',
      configs: [{ stripPrefix: { prefixes: ['/api'] } }, { replacePathRegex: { regex: '^/', replacement: '/slash' } }],
      expected: '/',
    },
    {
      desc: 'stripPrefixRegex empties the path too',
      path: '/api',
      configs: [{ stripPrefixRegex: { regex: ['^/api'] } }, { addPrefix: { prefix: '/v1' } }],
      expected: '/v1',
    },
    {
      desc: 'a replacement without a leading / is prefixed as written',
      path: '/api/x',
      configs: [{ replacePathRegex: { regex: '^/api/(.*)', replacement: '$1' } }, { addPrefix: { prefix: '/p-' } }],
      expected: '/p-x',
    },
    {
      desc: 'that replacement alone is sent with a /',
      path: '/api/x',
      configs: [{ replacePathRegex: { regex: '^/api/(.*)', replacement: '$1' } }],
      expected: '/x',
    },
  ])('$desc', async ({ path, configs, expected }) => {
    expect((await chain(path, ...configs)).path).toBe(expected);
  });

  it('sends a path without / with one, and remembers the form Traefik holds', () => {
    const ctx = makeContext({ path: '/a' });
    applyRewrite(ctx, { path: '', headers: { 'X-Forwarded-Prefix': '/a' } });
    expect(ctx.path).toBe('/');
    expect(currentPath(ctx)).toBe('');
    expect(ctx.upstreamHeaders).toEqual({ 'x-forwarded-prefix': '/a' });
  });

  it('forgets the held form once something else rewrites ctx.path', () => {
    const ctx = makeContext({ path: '/a' });
    applyRewrite(ctx, { path: 'x', headers: {} });
    expect(currentPath(ctx)).toBe('x');
    ctx.path = '/other';
    expect(currentPath(ctx)).toBe('/other');
  });

  it('keeps the first value of a header set twice', () => {
    const ctx = makeContext({ path: '/a/b' });
    applyRewrite(ctx, { path: '/b', headers: { 'X-Forwarded-Prefix': '/a' } });
    applyRewrite(ctx, { path: '', headers: { 'X-Forwarded-Prefix': '/b' } });
    expect(ctx.upstreamHeaders['x-forwarded-prefix']).toBe('/a');
  });
});
