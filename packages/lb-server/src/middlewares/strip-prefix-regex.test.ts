import { describe, expect, it } from 'vitest';
import { createMiddleware } from './registry';
import { run } from '../../test/support/middlewares/proxy-context';

describe('stripPrefixRegex middleware', () => {
  const mw = createMiddleware('s', { stripPrefixRegex: { regex: ['/users/[0-9]+/', '^/v[0-9]+'] } });

  it.each([
    { path: '/users/42/profile', expectedPath: '/profile', prefix: '/users/42/' },
    { path: '/v2/items', expectedPath: '/items', prefix: '/v2' },
    { path: '/other', expectedPath: '/other', prefix: undefined },
  ])('$path → $expectedPath', async ({ path, expectedPath, prefix }) => {
    const { result, ctx } = await run(mw, { path });
    expect(result).toBeUndefined();
    expect(ctx.path).toBe(expectedPath);
    expect(ctx.upstreamHeaders['x-forwarded-prefix']).toBe(prefix);
  });

  it.each([
    { path: '/v2./x', src: 'v3.7 strip_prefix_regex_test.go "/api./foo" (400)' },
    { path: '/v2../x', src: 'v3.7 strip_prefix_regex_test.go "/api../foo" (400)' },
    { path: '/v2//x', src: 'v3.7 strip_prefix_regex.go: JoinPath cleans "//x" to "/x"' },
  ])('answers 400 for $path, whose rest cleaning would change ($src)', async ({ path }) => {
    const { result, ctx } = await run(mw, { path });
    expect(result).toMatchObject({ status: 400, body: 'Bad Request\n' });
    expect(ctx.path).toBe(path);
  });

  it.each([
    { desc: 'missing regex', config: { stripPrefixRegex: {} }, path: 'stripPrefixRegex.regex' },
    {
      desc: 'invalid regex',
      config: { stripPrefixRegex: { regex: ['^/ok', '(bad'] } },
      path: 'stripPrefixRegex.regex[1]',
    },
  ])('rejects $desc', ({ config, path }) => {
    expect(() => createMiddleware('s', config)).toThrow(
      expect.objectContaining({ code: 'LB_MIDDLEWARE_INVALID', path }),
    );
  });
});
