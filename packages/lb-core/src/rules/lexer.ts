/**
 * Tokenizer for Traefik v2/v3 rules. Traefik parses rules as Go expressions (vulcand/predicate over
 * `go/parser`), so tokens follow Go: identifiers, raw strings in backticks (carriage returns
 * dropped, no escapes), interpreted strings in double quotes (Go escapes: `\n`, `\"`, `\x41`, `\101`,
 * `\u00e9`, `\U0001F600`…), `&&`, `||`, `!`, `(`, `)`, `,`, with white space in between.
 * Anything else (a single quote, a lone `&`…) becomes an `invalid` token the parser reports.
 */
import { createError } from '../errors';
import { decodeUtf8, pushUtf8, pushUtf8String } from './utf8';

/** A token with its 0-based offset in the rule. */
export interface Token {
  readonly kind: 'ident' | 'string' | '(' | ')' | ',' | '&&' | '||' | '!' | 'invalid' | 'eof';
  /** Identifier name, decoded string value, or the invalid text. */
  readonly value: string;
  readonly pos: number;
}

/**
 * Identifier characters, tested one code point at a time. A sticky Unicode RegExp run from an
 * offset is not used: V8 steps a match back to the start of a surrogate pair when `lastIndex`
 * falls inside one, so its length no longer counts from the offset, and the fuzz suite saw the
 * tokenizer run past the end of a rule and start again at 0 (an endless loop, then out of memory).
 */
const IDENT_START = /^[\p{L}_]$/u;
const IDENT_PART = /^[\p{L}\p{Nd}_]$/u;

/** The end of the identifier starting at `start` (`start` itself when there is none). */
function identEnd(rule: string, start: number): number {
  let i = start;
  while (i < rule.length) {
    const char = String.fromCodePoint(rule.codePointAt(i) ?? 0);
    if (!(i === start ? IDENT_START : IDENT_PART).test(char)) break;
    i += char.length;
  }
  return i;
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

/** Tokenizes a rule. Throws `LB_RULE_SYNTAX` for unterminated or malformed strings. */
export function tokenize(rule: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  for (;;) {
    while (isSpace(rule[i])) i += 1;
    if (i >= rule.length) break;
    const c = rule[i] ?? '';
    const two = rule.slice(i, i + 2);
    if (two === '&&' || two === '||') {
      tokens.push({ kind: two, value: two, pos: i });
      i += 2;
    } else if (c === '(' || c === ')' || c === ',' || c === '!') {
      tokens.push({ kind: c, value: c, pos: i });
      i += 1;
    } else if (c === '`' || c === '"') {
      const { value, end } = c === '`' ? rawString(rule, i) : interpretedString(rule, i);
      tokens.push({ kind: 'string', value, pos: i });
      i = end;
    } else {
      const end = identEnd(rule, i);
      if (end > i) {
        tokens.push({ kind: 'ident', value: rule.slice(i, end), pos: i });
        i = end;
      } else {
        const cp = rule.codePointAt(i) ?? 0;
        const text = String.fromCodePoint(cp);
        tokens.push({ kind: 'invalid', value: text, pos: i });
        i += text.length;
      }
    }
  }
  tokens.push({ kind: 'eof', value: '', pos: rule.length });
  return tokens;
}

function unterminated(quote: string, pos: number): never {
  throw createError('LB_RULE_SYNTAX', `unterminated string, expected closing ${quote}`, {
    position: pos,
    expected: quote,
  });
}

function rawString(rule: string, start: number): { value: string; end: number } {
  const close = rule.indexOf('`', start + 1);
  if (close < 0) unterminated('`', start);
  return { value: rule.slice(start + 1, close).replaceAll('\r', ''), end: close + 1 };
}

function interpretedString(rule: string, start: number): { value: string; end: number } {
  const bytes: number[] = [];
  let i = start + 1;
  for (;;) {
    const c = rule[i];
    if (c === undefined || c === '\n') unterminated('"', start);
    if (c === '"') return { value: decodeUtf8(bytes), end: i + 1 };
    if (c !== '\\') {
      const cp = rule.codePointAt(i) ?? 0;
      pushUtf8String(bytes, String.fromCodePoint(cp));
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    i += escape(rule, i, bytes);
  }
}

const SIMPLE: Readonly<Record<string, number>> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, '"': 34 };
const FIXED: Readonly<Record<string, readonly [RegExp, number]>> = {
  x: [/^[0-9a-fA-F]{2}/, 16],
  u: [/^[0-9a-fA-F]{4}/, 16],
  U: [/^[0-9a-fA-F]{8}/, 16],
};

/** Decodes the escape at `at` (a backslash) into `bytes`; returns the characters consumed. */
function escape(rule: string, at: number, bytes: number[]): number {
  const c = rule[at + 1] ?? '';
  const bad = (): never => {
    throw createError('LB_RULE_SYNTAX', `invalid escape sequence \\${c} in string`, {
      position: at,
      expected: 'a Go string escape',
    });
  };
  if (Object.hasOwn(SIMPLE, c)) {
    bytes.push(SIMPLE[c] ?? 0);
    return 2;
  }
  if (/[0-7]/.test(c)) {
    const oct = /^[0-7]{3}/.exec(rule.slice(at + 1))?.[0];
    if (oct === undefined || parseInt(oct, 8) > 255) return bad();
    bytes.push(parseInt(oct, 8));
    return 4;
  }
  const fixed = Object.hasOwn(FIXED, c) ? FIXED[c] : undefined;
  const digits = fixed?.[0].exec(rule.slice(at + 2))?.[0];
  if (fixed === undefined || digits === undefined) return bad();
  const value = parseInt(digits, fixed[1]);
  if (c === 'x') bytes.push(value);
  else if (value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) bad();
  else pushUtf8(bytes, value);
  return 2 + digits.length;
}
