/**
 * Character-class pieces of the Go RE2 → JavaScript translation: Perl classes (`\d \s \w`),
 * POSIX classes (`[[:alpha:]]`), Unicode classes (`\pL`, `\p{Greek}`) and code-point literals,
 * rendered for a JS `u`-mode RegExp with Go's ASCII-only meanings (Go `\s` is `[\t\n\f\r ]`,
 * narrower than JS's Unicode `\s`).
 */

/** Inclusive code-point ranges. */
export type Ranges = readonly (readonly [number, number])[];

const MAX = 0x10ffff;

/** Go's Perl classes: `\d`, `\s`, `\w` (upper-case letters negate). */
export const PERL: Readonly<Record<string, Ranges>> = {
  d: [[0x30, 0x39]],
  s: [[0x09, 0x0a], [0x0c, 0x0d], [0x20, 0x20]],
  w: [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]],
};

/** Go's POSIX classes, usable inside brackets as `[:name:]` or `[:^name:]`. */
export const POSIX: Readonly<Record<string, Ranges>> = {
  alnum: [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]],
  alpha: [[0x41, 0x5a], [0x61, 0x7a]],
  ascii: [[0x00, 0x7f]],
  blank: [[0x09, 0x09], [0x20, 0x20]],
  cntrl: [[0x00, 0x1f], [0x7f, 0x7f]],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [[0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]],
  space: [[0x09, 0x0d], [0x20, 0x20]],
  upper: [[0x41, 0x5a]],
  word: [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]],
  xdigit: [[0x30, 0x39], [0x41, 0x46], [0x61, 0x66]],
};

/** Unicode general categories Go knows by their short names; any other name is a script. */
const CATEGORIES = new Set(
  'C Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs'.split(' '),
);

/** The complement of sorted, non-overlapping ranges over all code points. */
export function complement(ranges: Ranges): Ranges {
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of ranges) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX) out.push([next, MAX]);
  return out;
}

/** A code point as a JS `u`-mode escape, safe inside and outside brackets. */
export function escapeCodePoint(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

/** A literal code point outside brackets: plain when unambiguous, escaped otherwise. */
export function literal(cp: number): string {
  const plain =
    (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) ||
    cp === 0x2f || cp === 0x2d || cp === 0x5f || (cp >= 0x80 && (cp < 0xd800 || cp > 0xdfff));
  return plain ? String.fromCodePoint(cp) : escapeCodePoint(cp);
}

/** Ranges as the inside of a JS bracket expression. */
export function rangesBody(ranges: Ranges): string {
  return ranges.map(([lo, hi]) => (lo === hi ? escapeCodePoint(lo) : `${escapeCodePoint(lo)}-${escapeCodePoint(hi)}`)).join('');
}

/** Ranges as a standalone JS class. */
export function rangesClass(ranges: Ranges, negate = false): string {
  return `[${negate ? '^' : ''}${rangesBody(ranges)}]`;
}

/**
 * A Go Unicode class name as a JS property escape body (`L`, `Script=Greek`), or `'Any'`.
 */
export function unicodeProperty(name: string): string {
  if (name === 'Any') return 'Any';
  return CATEGORIES.has(name) ? name : `Script=${name}`;
}

/** A Go regexp syntax error with its offset in the pattern. */
export class GoRegexpSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

/** Go's Perl class for the letter after a backslash (`d`, `D`, `s`, …), or `undefined`. */
export function perlClass(letter: string): { ranges: Ranges; negate: boolean } | undefined {
  const lower = letter.toLowerCase();
  if (!Object.hasOwn(PERL, lower)) return undefined;
  return { ranges: PERL[lower] as Ranges, negate: letter !== lower };
}
