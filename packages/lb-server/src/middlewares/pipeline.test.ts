import { describe, expect, it } from 'vitest';
import type { Middleware, MiddlewareResult } from './middleware';
import { runMiddlewares, runResponseHooks } from './pipeline';
import { makeContext } from '../../test/support/middlewares/proxy-context';

function mw(name: string, log: string[], result: MiddlewareResult | Promise<MiddlewareResult> = undefined): Middleware {
  return {
    name,
    type: 'test',
    handle: () => {
      log.push(name);
      return result;
    },
    onResponse: () => {
      log.push(`<${name}`);
    },
  };
}

describe('runMiddlewares', () => {
  it.each([
    {
      desc: 'all pass, synchronously',
      results: [undefined, undefined],
      expected: undefined,
      ran: ['a', 'b'],
      sync: true,
    },
    {
      desc: 'a response stops the run',
      results: [{ status: 401 }, undefined],
      expected: { status: 401 },
      ran: ['a'],
      sync: true,
    },
    {
      desc: 'an async pass continues',
      results: [Promise.resolve(undefined), undefined],
      expected: undefined,
      ran: ['a', 'b'],
      sync: false,
    },
    {
      desc: 'an async response stops',
      results: [undefined, Promise.resolve({ status: 429 })],
      expected: { status: 429 },
      ran: ['a', 'b'],
      sync: false,
    },
  ])('$desc', async ({ results, expected, ran, sync }) => {
    const log: string[] = [];
    const list = results.map((r, i) => mw(String.fromCharCode(97 + i), log, r as MiddlewareResult));
    const out = runMiddlewares(list, makeContext());
    expect(out instanceof Promise).toBe(!sync);
    expect(await out).toEqual(expected);
    expect(log).toEqual(ran);
  });
});

describe('runResponseHooks', () => {
  it('calls hooks innermost first', () => {
    const log: string[] = [];
    runResponseHooks([mw('a', log), mw('b', log)], makeContext(), {});
    expect(log).toEqual(['<b', '<a']);
  });
});
