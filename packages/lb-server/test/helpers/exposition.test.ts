import { describe, expect, it } from 'vitest';
import { findSamples, parseExposition } from './exposition';

describe('parseExposition', () => {
  it('reads samples, labels with escapes, special values and types', () => {
    const e = parseExposition(
      [
        '# HELP x_total Things.',
        '# TYPE x_total counter',
        'x_total{a="1",b="q\\"uote\\\\ \\nline",} 3',
        'y 1.5e3 1700000000000',
        'z_bucket{le="+Inf"} +Inf',
        '',
      ].join('\n'),
    );
    expect(e.samples).toEqual([
      { name: 'x_total', labels: { a: '1', b: 'q"uote\\ \nline' }, value: 3 },
      { name: 'y', labels: {}, value: 1500 },
      { name: 'z_bucket', labels: { le: '+Inf' }, value: Number.POSITIVE_INFINITY },
    ]);
    expect(e.types.get('x_total')).toBe('counter');
    expect(findSamples(e, 'x_total', { a: '1' })).toHaveLength(1);
    expect(findSamples(e, 'x_total', { a: '2' })).toHaveLength(0);
  });

  it.each(['x{a=1} 2', 'not a metric line', 'x{a="1"'])('refuses %j', (line) => {
    expect(() => parseExposition(line)).toThrow(SyntaxError);
  });
});
