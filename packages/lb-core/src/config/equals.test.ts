import { describe, expect, it } from 'vitest';
import { configEquals, stableStringify } from './equals';

describe('configEquals and stableStringify', () => {
  it.each([
    {
      desc: 'key order does not matter',
      a: { x: 1, y: { p: [1, 2], q: 'a' } },
      b: { y: { q: 'a', p: [1, 2] }, x: 1 },
      equal: true,
    },
    { desc: 'undefined properties count as absent', a: { x: 1, y: undefined }, b: { x: 1 }, equal: true },
    { desc: 'NaN equals NaN', a: { x: Number.NaN }, b: { x: Number.NaN }, equal: true },
    { desc: 'array order matters', a: [1, 2], b: [2, 1], equal: false },
    { desc: 'array length matters', a: [1], b: [1, 1], equal: false },
    { desc: 'a changed leaf', a: { x: { y: { z: 'a' } } }, b: { x: { y: { z: 'b' } } }, equal: false },
    { desc: 'an extra key', a: { x: 1 }, b: { x: 1, y: null }, equal: false },
    { desc: 'null is not an empty object', a: { x: null }, b: { x: {} }, equal: false },
    { desc: 'an array is not an object', a: { x: [] }, b: { x: {} }, equal: false },
    { desc: 'a number is not its text', a: { x: 1 }, b: { x: '1' }, equal: false },
  ])('$desc', ({ a, b, equal }) => {
    expect(configEquals(a, b)).toBe(equal);
    expect(configEquals(b, a)).toBe(equal);
    expect(stableStringify(a) === stableStringify(b)).toBe(equal);
  });

  it.each([
    { value: { b: 1, a: [true, null, { d: 'x', c: undefined }] }, json: '{"a":[true,null,{"d":"x"}],"b":1}' },
    { value: [undefined, 1], json: '[null,1]' },
    { value: 'text', json: '"text"' },
    { value: undefined, json: 'null' },
    { value: JSON.parse('{"__proto__":1,"a":2}'), json: '{"__proto__":1,"a":2}' },
  ])('stableStringify($json)', ({ value, json }) => {
    expect(stableStringify(value)).toBe(json);
  });
});
