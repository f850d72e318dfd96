import { describe, expect, it } from 'vitest';
import { createMiddleware } from './registry';
import { run } from '../../test/support/middlewares/proxy-context';

describe('addPrefix middleware', () => {
  it.each([
    { prefix: '/api', path: '/users', expected: '/api/users' },
    { prefix: 'api', path: '/', expected: '/api/' },
  ])('$prefix + $path → $expected', async ({ prefix, path, expected }) => {
    const { result, ctx } = await run(createMiddleware('p', { addPrefix: { prefix } }), { path });
    expect(result).toBeUndefined();
    expect(ctx.path).toBe(expected);
  });

  it.each([{ addPrefix: {} }, { addPrefix: { prefix: '' } }, { addPrefix: { prefix: 3, extra: 1 } }])(
    'rejects %j',
    (config) => {
      expect(() => createMiddleware('p', config)).toThrow(expect.objectContaining({ code: 'LB_MIDDLEWARE_INVALID' }));
    },
  );
});
