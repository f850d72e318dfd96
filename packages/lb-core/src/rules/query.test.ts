import { describe, expect, it } from 'vitest';
import { parseQuery, queryUnescape } from './query';

describe('parseQuery (AllowQuerySemicolons + Go url.ParseQuery)', () => {
  it.each([
    { query: '', values: {} },
    { query: 'a=1&b=2&a=3', values: { a: ['1', '3'], b: ['2'] } },
    { query: 'k', values: { k: [''] } },
    { query: 'k=', values: { k: [''] } },
    { query: '=v', values: { '': ['v'] } },
    { query: 'a=1&&b', values: { a: ['1'], b: [''] } },
    // traefik docs entrypoints.md encodeQuerySemicolons table (default false): ; is &
    { query: 'a=1;b=2&c=3', values: { a: ['1'], b: ['2'], c: ['3'] } },
    { query: 'foo=bar&baz=bar;foo', values: { foo: ['bar', ''], baz: ['bar'] } },
    { query: 'a=%zz&b=%41', values: { b: ['A'] } },
    { query: 'q=a+b%20c', values: { q: ['a b c'] } },
    { query: 'a=b=c', values: { a: ['b=c'] } },
    { query: 'e=%C3%A9&bad=%ff', values: { e: ['é'], bad: ['\ufffd'] } },
  ])('$query', ({ query, values }) => {
    expect(Object.fromEntries(parseQuery(query))).toEqual(values);
  });

  it.each([
    { s: '%', out: undefined },
    { s: '%4', out: undefined },
    { s: '100%', out: undefined },
    { s: '%2b+', out: '+ ' },
  ])('queryUnescape($s) = $out', ({ s, out }) => {
    expect(queryUnescape(s)).toBe(out);
  });
});
