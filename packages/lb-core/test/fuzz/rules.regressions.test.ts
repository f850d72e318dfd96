/**
 * Regressions found by the rule fuzz tests (rules.fuzz.test.ts), each named by the input that
 * found it: the refusal must stay coded and point at the offending part of the rule.
 */
import { describe, expect, it } from 'vitest';
import { parseRule } from '../../src/rules/parse';
import { thrown } from '../../src/rules/test-helpers';

describe('rule refusals found by fuzzing point inside the rule', () => {
  it.each([
    { rule: 'Host: ', code: 'LB_RULE_ARGUMENT', position: 5, desc: 'a blank v1 value is located at its blank, not past the end of the rule' },
    { rule: 'Host:a, ;Path:/', code: 'LB_RULE_ARGUMENT', position: 7, desc: 'a blank v1 value between commas' },
    { rule: '  :a', syntax: 'v1' as const, code: 'LB_RULE_UNKNOWN_MATCHER', position: 0, desc: 'a blank v1 function name is located at its blank' },
  ])('$rule: $desc', ({ rule, syntax, code, position }) => {
    const error = thrown(() => parseRule(rule, { syntax: syntax ?? 'auto' }));
    expect(error).toMatchObject({ code, position });
    expect(position).toBeLessThan(rule.length);
  });
});
