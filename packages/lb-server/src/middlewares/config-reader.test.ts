import { describe, expect, it } from 'vitest';
import { ConfigReader } from './config-reader';
import { MiddlewareConfigError } from './errors';

function reader(value: unknown): ConfigReader {
  return new ConfigReader(value, 'm');
}

describe('ConfigReader', () => {
  it.each([
    { desc: 'YAML list', value: { xs: ['a', ' b '] }, expected: ['a', 'b'] },
    { desc: 'label string', value: { xs: 'a, b,,c' }, expected: ['a', 'b', 'c'] },
    { desc: 'numbers become strings', value: { xs: [1, 2] }, expected: ['1', '2'] },
    { desc: 'key case is ignored', value: { XS: ['a'] }, expected: ['a'] },
  ])('list: $desc', ({ value, expected }) => {
    expect(reader(value).list('xs')).toEqual(expected);
  });

  it.each([
    { desc: 'number', value: 3, expected: 3 },
    { desc: 'label string', value: '42', expected: 42 },
    { desc: 'absent', value: undefined, expected: undefined },
  ])('int: $desc', ({ value, expected }) => {
    expect(reader({ n: value }).int('n')).toBe(expected);
  });

  it.each([
    { desc: 'boolean', value: true, expected: true },
    { desc: 'label string', value: 'false', expected: false },
  ])('bool: $desc', ({ value, expected }) => {
    expect(reader({ b: value }).bool('b')).toBe(expected);
  });

  it.each([
    { desc: 'int from a word', call: (r: ConfigReader) => r.int('n'), value: { n: 'ten' }, path: 'm.n' },
    { desc: 'int under min', call: (r: ConfigReader) => r.int('n', 1), value: { n: 0 }, path: 'm.n' },
    { desc: 'fractional int', call: (r: ConfigReader) => r.int('n'), value: { n: 1.5 }, path: 'm.n' },
    { desc: 'bool from a word', call: (r: ConfigReader) => r.bool('b'), value: { b: 'yes' }, path: 'm.b' },
    {
      desc: 'list entry of a wrong type',
      call: (r: ConfigReader) => r.list('xs'),
      value: { xs: ['a', {}] },
      path: 'm.xs[1]',
    },
    { desc: 'missing required string', call: (r: ConfigReader) => r.string('s', true), value: {}, path: 'm.s' },
    { desc: 'blank required string', call: (r: ConfigReader) => r.string('s', true), value: { s: ' ' }, path: 'm.s' },
    { desc: 'bad duration', call: (r: ConfigReader) => r.durationMs('d'), value: { d: 'later' }, path: 'm.d' },
    { desc: 'negative duration', call: (r: ConfigReader) => r.durationMs('d'), value: { d: '-1s' }, path: 'm.d' },
    {
      desc: 'map with an object value',
      call: (r: ConfigReader) => r.stringMap('h'),
      value: { h: { a: {} } },
      path: 'm.h.a',
    },
    { desc: 'options not an object', call: (r: ConfigReader) => r, value: ['x'], path: 'm' },
  ])('rejects $desc at $path', ({ call, value, path }) => {
    const err = (() => {
      try {
        call(reader(value));
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(MiddlewareConfigError);
    expect((err as MiddlewareConfigError).code).toBe('LB_MIDDLEWARE_INVALID');
    expect((err as MiddlewareConfigError).path).toBe(path);
  });

  it('done() names the first option nobody read', () => {
    const r = reader({ known: 1, typo: 2 });
    r.int('known');
    expect(() => r.done()).toThrow(expect.objectContaining({ path: 'm.typo' }));
  });

  it('treats null and an empty label as no options', () => {
    expect(() => reader(null).done()).not.toThrow();
    expect(() => reader('').done()).not.toThrow();
  });
});
