/**
 * Fuzz-only generators of Traefik rules for the rule fuzz tests: grammar-aware v2/v3 expressions
 * (every matcher name in several spellings, arguments shaped for each matcher, backtick and
 * double-quoted strings with Go escapes, `!`, `&&`, `||`, parentheses, odd white space), v1 rules
 * (`Name:a,b;Name:…` with templates and modifiers), mutations of both (deletions, insertions of
 * rule tokens, duplications, truncations), raw text, deep nesting and near-limit huge rules.
 * The pieces live in rule-argument-arbitraries.ts and rule-expression-arbitraries.ts; this module
 * mixes them into the cases the tests draw.
 */
import fc from 'fast-check';
import { MAX_RULE_DEPTH, MAX_RULE_LENGTH } from '../../src/rules/parse';
import { regexText } from './rule-argument-arbitraries';
import { call, expressionText, v1Text, validishText } from './rule-expression-arbitraries';

/** One generated rule and the syntax it is parsed with. */
export interface RuleCase {
  readonly rule: string;
  readonly syntax: 'auto' | 'v1' | 'v2' | 'v3';
}

// Data, repeated on purpose: the fuzz mutations draw from their own tokens, apart from RULE_TOKENS in
// test/support/rule-properties.ts, so editing one list does not change the other suite's inputs.
const TOKENS = [
  'Host(',
  'Path(',
  '`',
  '"',
  "'",
  '&&',
  '||',
  '!',
  '(',
  ')',
  ',',
  ':',
  ';',
  '{',
  '}',
  '\\',
  '=',
  ' ',
  '\n',
  'é',
  '😀',
  '\u0000',
  '\ud800',
  'Host:',
  'a',
];
interface Mutation {
  readonly kind: number;
  readonly at: number;
  readonly len: number;
  readonly token: string;
}
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.nat(4),
  at: fc.nat(),
  len: fc.nat(8),
  token: fc.constantFrom(...TOKENS),
});

/** Applies a mutation: delete, insert a token, duplicate a slice, replace a character, truncate. */
function mutate(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % (text.length + 1);
  switch (m.kind) {
    case 0:
      return text.slice(0, at) + text.slice(at + m.len);
    case 1:
      return text.slice(0, at) + m.token + text.slice(at);
    case 2:
      return text.slice(0, at + m.len) + text.slice(at, at + m.len) + text.slice(at + m.len);
    case 3:
      return text.slice(0, at) + m.token + text.slice(at + 1);
    default:
      return text.slice(0, at);
  }
}

const mutated = (base: fc.Arbitrary<string>) =>
  fc.tuple(base, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([t, ms]) => ms.reduce(mutate, t));
const syntax = fc.constantFrom('auto' as const, 'v1' as const, 'v2' as const, 'v3' as const);

/** The everyday mix: grammar-aware (mostly), mutated, and raw text, with a random syntax. */
export const ruleCase: fc.Arbitrary<RuleCase> = fc
  .oneof(
    { weight: 3, arbitrary: fc.tuple(validishText, fc.constantFrom('auto' as const, 'v2' as const, 'v3' as const)) },
    { weight: 5, arbitrary: fc.tuple(expressionText, fc.constantFrom('auto' as const, 'v2' as const, 'v3' as const)) },
    { weight: 2, arbitrary: fc.tuple(v1Text, fc.constantFrom('auto' as const, 'v1' as const)) },
    { weight: 3, arbitrary: fc.tuple(mutated(fc.oneof(expressionText, v1Text)), syntax) },
    {
      weight: 1,
      arbitrary: fc.tuple(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 40 })),
        syntax,
      ),
    },
  )
  .map(([rule, s]) => ({ rule, syntax: s }));

/** Mostly valid rules, for properties about accepted rules (route tables). */
export const validishCase: fc.Arbitrary<RuleCase> = fc
  .oneof(
    { weight: 4, arbitrary: fc.tuple(validishText, fc.constantFrom('auto' as const, 'v2' as const)) },
    { weight: 1, arbitrary: fc.tuple(v1Text, fc.constant('auto' as const)) },
  )
  .map(([rule, s]) => ({ rule, syntax: s }));

/** Nesting around the parser's depth cap, and long chains. */
export const deepCase: fc.Arbitrary<RuleCase> = fc
  .tuple(
    fc.integer({ min: MAX_RULE_DEPTH - 3, max: MAX_RULE_DEPTH + 3 }),
    fc.constantFrom('(', '!', '!(', '( !'),
    call,
    fc.nat(1),
  )
  .map(([depth, open, leaf, closed]) => {
    const closer = open === '(' || open === '!(' ? ')' : open === '( !' ? ')' : '';
    return { rule: `${open.repeat(depth)}${leaf}${closed === 0 ? closer.repeat(depth) : ''}`, syntax: 'auto' as const };
  });

/** Rules near and past the length limit: one generated piece repeated. */
export const hugeCase: fc.Arbitrary<RuleCase> = fc
  .tuple(
    fc.oneof(
      expressionText,
      v1Text,
      regexText.map((r) => `PathRegexp(\`${r}\`)`),
    ),
    fc.constantFrom(' || ', ' && ', ';', ',', ''),
    fc.integer({ min: -64, max: 64 }),
    syntax,
  )
  .map(([piece, sep, over, s]) => {
    const unit = piece + sep;
    const target = MAX_RULE_LENGTH + over;
    const rule = unit.repeat(Math.ceil(target / Math.max(1, unit.length))).slice(0, Math.max(0, target));
    return { rule, syntax: s };
  });
