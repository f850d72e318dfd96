/**
 * Rule parsing properties on hostile input: arbitrary, grammar-shaped and regexp-shaped text, and
 * maximal hostile rules, either parse (and match without throwing) or fail with a coded error.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLbError } from '../errors';
import { ADVERSARIAL_RULES } from '../../test/support/adversarial-rules';
import { compileRule } from './compile';
import { compileGoRegExp } from './go-regexp';
import { RULE_TOKENS, syntax, tokens, tryParse } from '../../test/support/rule-properties';

// Data, repeated on purpose: like REGEX_PARTS in test/fuzz/rule-argument-arbitraries.ts but this
// suite's own, so editing one list does not change the other suite's inputs.
const REGEX_TOKENS = [
  'a',
  'b',
  '.',
  '*',
  '+',
  '?',
  '??',
  '{2}',
  '{2,}',
  '{1,3}',
  '{,1}',
  '{',
  '}',
  '(',
  ')',
  '(?:',
  '(?i)',
  '(?-i)',
  '(?s:',
  '(?m)',
  '(?U)',
  '(?P<x>',
  '(?<y>',
  '(?=',
  '|',
  '[',
  ']',
  '[^',
  '-',
  '^',
  '$',
  '\\',
  '\\d',
  '\\S',
  '\\w',
  '\\b',
  '\\A',
  '\\z',
  '\\Q',
  '\\E',
  '\\x{41}',
  '\\101',
  '\\1',
  '\\pL',
  '\\p{Greek}',
  '\\p{^L}',
  '\\P{',
  '[[:alpha:]]',
  '[:',
  ':]',
  'é',
  '😀',
  '\n',
];

const anyText = fc.string({ unit: 'binary', maxLength: 120 });

describe('rule parsing properties', () => {
  it('arbitrary text: parseRule returns or throws an LbError with position and expected', () => {
    fc.assert(
      fc.property(anyText, syntax, (rule, s) => void tryParse(rule, { syntax: s })),
      { numRuns: 2000 },
    );
  });

  it('grammar-shaped text: parseRule returns or throws an LbError', () => {
    fc.assert(
      fc.property(tokens(RULE_TOKENS, 40), syntax, (rule, s) => void tryParse(rule, { syntax: s })),
      { numRuns: 4000 },
    );
  });

  it('regex-shaped text: compileGoRegExp returns or throws an LbError, and the result never throws', () => {
    fc.assert(
      fc.property(tokens(REGEX_TOKENS, 20), fc.string({ unit: 'binary', maxLength: 40 }), (pattern, input) => {
        let re;
        try {
          re = compileGoRegExp(pattern);
        } catch (error) {
          expect(isLbError(error)).toBe(true);
          return;
        }
        expect(typeof re.test(input)).toBe('boolean');
        expect(typeof re.replaceAll(input, '<$1${x}$$>')).toBe('string');
      }),
      { numRuns: 4000 },
    );
  });

  it.each(ADVERSARIAL_RULES.map(([desc, rule, s]) => ({ desc, rule, s })))(
    'maximal hostile rule ($desc): returns or throws an LbError, and its matcher never throws',
    ({ rule, s }) => {
      const parsed = tryParse(rule, { syntax: s });
      if (parsed === undefined) return;
      const request = {
        method: 'GET',
        host: 'a',
        path: `/${'a/'.repeat(2000)}`,
        query: 'k1=v',
        headers: { k1: 'v1' },
        clientIp: '10.0.1.1',
      };
      expect(typeof compileRule(parsed)(request)).toBe('boolean');
    },
  );
});
