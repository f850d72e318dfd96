import { describe, expect, it } from 'vitest';
import type { ResponseHeaderBag } from '../middlewares/middleware';
import { appendSetCookies, stripHopByHop } from './forwarded-headers';
import { responseHeaderList } from './http-exchange';

function pairsOf(bag: ResponseHeaderBag): string[][] {
  return Object.entries(bag)
    .flatMap(([name, value]) =>
      Array.isArray(value) ? value.map((v) => [name, v]) : value === undefined ? [] : [[name, String(value)]],
    )
    .sort();
}

function pairs(list: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < list.length; i += 2) out.push([list[i] as string, list[i + 1] as string]);
  return out.sort();
}

describe('responseHeaderList', () => {
  it.each([
    {
      desc: 'plain answer, sticky cookie',
      headers: {
        'content-type': 'text/plain',
        'content-length': '5',
        connection: 'keep-alive',
        'keep-alive': 'timeout=5',
      },
      cookies: ['s=1; Path=/'],
      close: false,
    },
    {
      desc: 'Connection lists a header',
      headers: {
        connection: 'X-Private, close',
        'x-private': 'a',
        'x-kept': 'b',
        'transfer-encoding': 'chunked',
        upgrade: 'h2c',
        'proxy-authenticate': 'Basic',
      },
      cookies: undefined,
      close: false,
    },
    {
      desc: 'upstream cookies kept before the sticky one',
      headers: { 'set-cookie': ['a=1', 'b=2'], 'content-length': 3 },
      cookies: ['s=9'],
      close: true,
    },
  ])('$desc: same headers as stripHopByHop + appendSetCookies', ({ headers, cookies, close }) => {
    const bag: ResponseHeaderBag = structuredClone(headers);
    stripHopByHop(bag);
    if (cookies !== undefined) appendSetCookies(bag, cookies);
    if (close) bag.connection = 'close';
    expect(pairs(responseHeaderList(structuredClone(headers), cookies, close))).toEqual(pairsOf(bag));
  });

  it('keeps the sticky cookie after the upstream ones', () => {
    const list = responseHeaderList({ 'set-cookie': ['a=1'] }, ['s=1'], false);
    expect(list).toEqual(['set-cookie', 'a=1', 'set-cookie', 's=1']);
  });
});
