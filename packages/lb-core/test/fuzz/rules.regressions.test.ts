/**
 * Regressions found by the rule fuzz tests (rules.fuzz.test.ts), each named by the input that
 * found it: the refusal must stay coded and point at the offending part of the rule.
 */
import { describe, expect, it } from 'vitest';
import { parseRule } from '../../src/rules/parse';
import { tokenize } from '../../src/rules/lexer';
import { thrown } from '../support/rule-helpers';

describe('rule refusals found by fuzzing point inside the rule', () => {
  it.each([
    {
      rule: 'Host: ',
      code: 'LB_RULE_ARGUMENT',
      position: 5,
      desc: 'a blank v1 value is located at its blank, not past the end of the rule',
    },
    { rule: 'Host:a, ;Path:/', code: 'LB_RULE_ARGUMENT', position: 7, desc: 'a blank v1 value between commas' },
    {
      rule: '  :a',
      syntax: 'v1' as const,
      code: 'LB_RULE_UNKNOWN_MATCHER',
      position: 0,
      desc: 'a blank v1 function name is located at its blank',
    },
  ])('$rule: $desc', ({ rule, syntax, code, position }) => {
    const error = thrown(() => parseRule(rule, { syntax: syntax ?? 'auto' }));
    expect(error).toMatchObject({ code, position });
    expect(position).toBeLessThan(rule.length);
  });
});

describe('the tokenizer always moves forward', () => {
  // Seed 21 of the fuzz suite ran out of memory here: a sticky Unicode RegExp asked to match inside
  // a surrogate pair matched from the pair's start, the tokenizer overshot the end of the rule and
  // started again at 0. Every offset of such a rule is tried, many times, so V8's optimised
  // RegExp code (it compiles a RegExp natively after some runs) is exercised too.
  const rule = 'PathStripRegex: a,,b,a, ;Headers :    ,\u{10000}\u{10000}\u{10000}\u{10001}\u{45b61}\uda31';
  it('tokenizes every suffix of a rule with supplementary letters and a lone surrogate', () => {
    for (let round = 0; round < 200; round++) {
      for (let from = 0; from < rule.length; from++) {
        const tokens = tokenize(rule.slice(from));
        const positions = tokens.map((t) => t.pos);
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
        expect(tokens.at(-1)).toEqual({ kind: 'eof', value: '', pos: rule.length - from });
      }
    }
  });

  it('reads a supplementary letter as part of an identifier, a lone surrogate as invalid', () => {
    expect(tokenize('\u{10000}a\u{10001} \uda31').map((t) => [t.kind, t.value, t.pos])).toEqual([
      ['ident', '\u{10000}a\u{10001}', 0],
      ['invalid', '\uda31', 6],
      ['eof', '', 7],
    ]);
  });
});
