import { describe, expect, it } from 'vitest';
import type { Middleware } from './middleware';
import { createMiddleware } from './registry';
import { makeContext, run } from '../../test/support/middlewares/proxy-context';

function build(configs: Record<string, unknown>): (name: string) => Middleware | undefined {
  const built = new Map<string, Middleware>();
  const lookup = (name: string): Middleware | undefined => {
    if (!built.has(name) && configs[name] !== undefined)
      built.set(name, createMiddleware(name, configs[name], { lookup }));
    return built.get(name);
  };
  return lookup;
}

describe('chain middleware', () => {
  const lookup = build({
    strip: { stripPrefix: { prefixes: ['/api'] } },
    add: { addPrefix: { prefix: '/v2' } },
    deny: { ipAllowList: { sourceRange: ['10.0.0.0/8'] } },
    cors: { headers: { addVaryHeader: true } },
    inner: { chain: { middlewares: ['strip', 'add'] } },
  });

  it('runs its members in order', async () => {
    const mw = createMiddleware('c', { chain: { middlewares: ['strip', 'add'] } }, { lookup });
    const { result, ctx } = await run(mw, { path: '/api/x' });
    expect(result).toBeUndefined();
    expect(ctx.path).toBe('/v2/x');
  });

  it('stops at the first response', async () => {
    const mw = createMiddleware('c', { chain: { middlewares: ['deny', 'add'] } }, { lookup });
    const { result, ctx } = await run(mw, { clientIp: '1.1.1.1', path: '/x' });
    expect(result?.status).toBe(403);
    expect(ctx.path).toBe('/x');
  });

  it('nests, and forwards onResponse hooks of its members', () => {
    const mw = createMiddleware('c', { chain: { middlewares: ['inner', 'cors'] } }, { lookup });
    const headers: Record<string, string> = {};
    mw.onResponse?.(makeContext(), headers);
    expect(headers).toEqual({ vary: 'Origin' });
  });

  it('reports an unknown member at its index', () => {
    expect(() => createMiddleware('c', { chain: { middlewares: ['strip', 'ghost'] } }, { lookup })).toThrow(
      expect.objectContaining({ code: 'LB_MIDDLEWARE_UNKNOWN', path: 'chain.middlewares[1]' }),
    );
  });

  it('needs a lookup to resolve members', () => {
    expect(() => createMiddleware('c', { chain: { middlewares: ['strip'] } })).toThrow(
      expect.objectContaining({ path: 'chain.middlewares' }),
    );
  });
});
