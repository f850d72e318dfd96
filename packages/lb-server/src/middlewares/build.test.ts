import { describe, expect, it } from 'vitest';
import { buildMiddlewares, qualifyName } from './build';
import { run } from '../../test/support/middlewares/proxy-context';

describe('buildMiddlewares', () => {
  it('builds chains in any order and keeps going past bad elements', async () => {
    const { middlewares, errors } = buildMiddlewares({
      'secured@docker': { chain: { middlewares: ['strip', 'add@file'] } },
      'strip@docker': { stripPrefix: { prefixes: ['/api'] } },
      'add@file': { addPrefix: { prefix: '/v1' } },
      'broken@docker': { stripPrefix: {} },
    });
    expect([...middlewares.keys()].sort()).toEqual(['add@file', 'secured@docker', 'strip@docker']);
    expect(errors.get('broken@docker')).toMatchObject({ code: 'LB_MIDDLEWARE_INVALID', path: 'stripPrefix.prefixes' });
    const { ctx } = await run(middlewares.get('secured@docker')!, { path: '/api/x' });
    expect(ctx.path).toBe('/v1/x');
  });

  it('reports a chain whose member is invalid', () => {
    const { errors } = buildMiddlewares({ c: { chain: { middlewares: ['bad'] } }, bad: { addPrefix: {} } });
    expect(errors.get('c')).toMatchObject({ code: 'LB_MIDDLEWARE_INVALID', path: 'chain.middlewares[0]' });
    expect(errors.get('bad')).toMatchObject({ path: 'addPrefix.prefix' });
  });

  it.each([
    { desc: 'self reference', configs: { a: { chain: { middlewares: ['a'] } } }, failing: ['a'] },
    {
      desc: 'two chains',
      configs: {
        a: { chain: { middlewares: ['b'] } },
        b: { chain: { middlewares: ['a'] } },
        ok: { addPrefix: { prefix: '/x' } },
      },
      failing: ['a', 'b'],
    },
  ])('reports cycles: $desc', ({ configs, failing }) => {
    const { middlewares, errors } = buildMiddlewares(configs);
    expect([...errors.keys()].sort()).toEqual(failing);
    for (const name of failing) expect(errors.get(name)?.code).toBe('LB_MIDDLEWARE_CYCLE');
    expect(middlewares.size).toBe(Object.keys(configs).length - failing.length);
  });
});

describe('qualifyName', () => {
  const known = (n: string): boolean => ['auth@docker', 'auth', 'x@file'].includes(n);
  it.each([
    { ref: 'auth', from: 'chain@docker', expected: 'auth@docker' },
    { ref: 'x@file', from: 'chain@docker', expected: 'x@file' },
    { ref: 'x', from: 'chain@docker', expected: 'x' },
    { ref: 'auth', from: 'chain', expected: 'auth' },
  ])('$ref from $from → $expected', ({ ref, from, expected }) => {
    expect(qualifyName(ref, from, known)).toBe(expected);
  });
});
