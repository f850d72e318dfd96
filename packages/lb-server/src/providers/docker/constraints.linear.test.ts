/**
 * Docker constraints with pathological `LabelRegex` patterns: a hostile label value (31 and
 * 100,000 characters) is decided at once, because lb-core's Go regexps run in linear time
 * (re2js); a backtracking engine would stall the provider, and with it every reload.
 */
import { describe, expect, it } from 'vitest';
import { parseConstraints } from './constraints';

describe.each([31, 100_000])('LabelRegex on a hostile label value of %i characters', (size) => {
  const hostile = `${'a'.repeat(size - 1)}!`;
  it.each([
    { expr: 'LabelRegex(`env`, `^(a+)+$`)', friendly: 'aaaa' },
    { expr: 'LabelRegex(`env`, `^(\\w+\\s?)*$`)', friendly: 'prod eu' },
    { expr: '!LabelRegex(`env`, `(a|aa)+$`) && Label(`tier`, `front`)', friendly: 'ab!' },
  ])(
    '$expr finishes with the right answer',
    ({ expr, friendly }) => {
      const constraint = parseConstraints(expr);
      expect(constraint({ env: hostile, tier: 'front' })).toBe(expr.startsWith('!'));
      expect(constraint({ env: friendly, tier: 'front' })).toBe(true);
    },
    20_000,
  );
});
