/**
 * Shared set-up of the rule property tests (src/rules/rules.property.*.test.ts): grammar-shaped text
 * built from rule tokens, a random rule syntax, and a parse that accepts only coded errors (an
 * LbError with a position and what was expected there).
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { isLbError } from '../../src/errors';
import { parseRule } from '../../src/rules/parse';
import type { ParsedRule } from '../../src/rules/parse';

/** Rule tokens (v1 and v2/v3 punctuation, matcher names, odd characters) to build text from. */
export const RULE_TOKENS = [
  'Host(',
  'host(',
  'PathPrefix(',
  'Path(',
  'PathRegexp(',
  'HostRegexp(',
  'Query(',
  'QueryRegexp(',
  'Header(',
  'HeaderRegexp(',
  'ClientIP(',
  'Method(',
  'Headers(',
  'HostHeader(',
  'Host:',
  'PathPrefixStrip:',
  'PathStripRegex:',
  'HostRegexp:',
  'Headers:',
  'Query:',
  'AddPrefix:',
  'ReplacePathRegex:',
  '`',
  '"',
  "'",
  '&&',
  '||',
  '&',
  '|',
  '!',
  '(',
  ')',
  ',',
  ':',
  ';',
  '{',
  '}',
  '\\',
  '\\x',
  '\\u',
  'a',
  'b.example.com',
  '/x',
  '/',
  ' ',
  '\n',
  '[',
  ']',
  '*',
  '+',
  '?',
  '.',
  '=',
  '^',
  '$',
  '(?i)',
  '(?P<n>',
  '(?=',
  '\\p{',
  '\\pL',
  '[[:',
  ':]]',
  '\\Q',
  '\\E',
  '{1000}',
  '{1001}',
  '10.0.0.0/8',
  '::1',
  'fe80::/10',
  '{id:[0-9]+}',
  'é',
  '😀',
  '\u0000',
];

/** Text of up to `maxLength` tokens from `list`. */
export function tokens(list: readonly string[], maxLength: number): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...list), { maxLength }).map((parts) => parts.join(''));
}

/** Any rule syntax, including auto-detection. */
export const syntax = fc.constantFrom('auto' as const, 'v1' as const, 'v2' as const, 'v3' as const);

/** Parses, returning the rule or undefined; fails the property on any non-LbError. */
export function tryParse(rule: string, options: { syntax: 'auto' | 'v1' | 'v2' | 'v3' }): ParsedRule | undefined {
  try {
    return parseRule(rule, options);
  } catch (error) {
    if (!isLbError(error)) throw error;
    expect(typeof error.details.position).toBe('number');
    expect(typeof error.details.expected).toBe('string');
    return undefined;
  }
}
