/**
 * Escape and bracket-expression parsing for the Go RE2 → JavaScript translation, following Go's
 * `regexp/syntax` parser: octal (`\0`, `\123`; a lone `\1`–`\7` is a backreference and rejected),
 * hex (`\x7F`, `\x{10FFFF}`), control escapes, escaped ASCII punctuation, `\pL`/`\p{Name}`/`\p{^Name}`,
 * POSIX classes found by Go's `[:` … `:]` search, and `]` as a literal when first in a class.
 */
import { complement, escapeCodePoint, GoRegexpSyntaxError, perlClass, POSIX, rangesBody, unicodeProperty } from './go-regexp-class';

/** A parsed piece: its JS text (or code point) and how many pattern characters it used. */
interface Piece { readonly length: number }

/** Parses the escaped character at `at` (a backslash): its code point and length. */
export function parseEscapedChar(p: string, at: number): Piece & { readonly cp: number } {
  const c = p[at + 1] ?? '';
  const bad = (): GoRegexpSyntaxError => new GoRegexpSyntaxError(`invalid escape sequence: \`\\${c}\``, at);
  if (c === '') throw new GoRegexpSyntaxError('trailing backslash at end of expression', at);
  if (/[0-7]/.test(c)) {
    if (c !== '0' && !/[0-7]/.test(p[at + 2] ?? '')) throw bad();
    const digits = /^[0-7]{1,3}/.exec(p.slice(at + 1))?.[0] ?? c;
    return { cp: parseInt(digits, 8), length: 1 + digits.length };
  }
  if (c === 'x') {
    const braced = /^\{([0-9a-fA-F]{1,8})\}/.exec(p.slice(at + 2));
    if (braced !== null) {
      const cp = parseInt(braced[1] ?? '', 16);
      if (cp > 0x10ffff) throw bad();
      return { cp, length: 2 + braced[0].length };
    }
    const two = /^[0-9a-fA-F]{2}/.exec(p.slice(at + 2));
    if (two === null) throw bad();
    return { cp: parseInt(two[0], 16), length: 4 };
  }
  const control: Readonly<Record<string, number>> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
  const ctl = Object.hasOwn(control, c) ? control[c] : undefined;
  if (ctl !== undefined) return { cp: ctl, length: 2 };
  const cp = c.codePointAt(0) ?? 0;
  if (cp < 0x80 && !/[A-Za-z0-9]/.test(c)) return { cp, length: 2 };
  throw bad();
}

/** Parses `\pL`, `\p{Name}`, `\p{^Name}` or `\P…` at `at`. */
export function parseUnicodeClass(p: string, at: number): Piece & { readonly prop: string; readonly negate: boolean } {
  let negate = p[at + 1] === 'P';
  let name: string;
  let length: number;
  if (p[at + 2] === '{') {
    const end = p.indexOf('}', at + 3);
    if (end < 0) throw new GoRegexpSyntaxError(`invalid character class range: \`${p.slice(at)}\``, at);
    name = p.slice(at + 3, end);
    length = end + 1 - at;
  } else {
    const cp = p.codePointAt(at + 2);
    if (cp === undefined) throw new GoRegexpSyntaxError(`invalid escape sequence: \`${p.slice(at)}\``, at);
    name = String.fromCodePoint(cp);
    length = 2 + name.length;
  }
  if (name.startsWith('^')) {
    negate = !negate;
    name = name.slice(1);
  }
  if (!/^[A-Za-z_]+$/.test(name)) throw new GoRegexpSyntaxError(`invalid character class range: \`${p.slice(at, at + length)}\``, at);
  return { prop: unicodeProperty(name), negate, length };
}

/** Parses the bracket expression starting at `start` (`[`) into a JS class. */
export function parseClass(p: string, start: number): Piece & { readonly js: string } {
  let i = start + 1;
  const negate = p[i] === '^';
  if (negate) i++;
  let body = '';
  let first = true;
  const posixEnd = posixEndFinder(p);
  for (;;) {
    const c = p[i];
    if (c === undefined) throw new GoRegexpSyntaxError(`missing closing ]: \`${p.slice(start)}\``, start);
    if (c === ']' && !first) break;
    first = false;
    const piece = classItem(p, i, posixEnd);
    body += piece.js;
    i += piece.length;
  }
  return { js: `[${negate ? '^' : ''}${body}]`, length: i + 1 - start };
}

/** One item of a bracket expression: a POSIX, Perl or Unicode class, a character or a range. */
function classItem(p: string, i: number, posixEnd: (from: number) => number): Piece & { readonly js: string } {
  const c = p[i];
  const next = p[i + 1] ?? '';
  if (c === '[' && next === ':') {
    const end = posixEnd(i + 2);
    if (end >= 0) {
      const raw = p.slice(i + 2, end);
      const name = raw.startsWith('^') ? raw.slice(1) : raw;
      const ranges = Object.hasOwn(POSIX, name) ? POSIX[name] : undefined;
      if (ranges === undefined) throw new GoRegexpSyntaxError(`invalid character class range: \`${p.slice(i, end + 2)}\``, i);
      return { js: rangesBody(raw.startsWith('^') ? complement(ranges) : ranges), length: end + 2 - i };
    }
  }
  if (c === '\\' && (next === 'p' || next === 'P')) {
    const { prop, negate, length } = parseUnicodeClass(p, i);
    const js = prop === 'Any' ? (negate ? '' : rangesBody([[0, 0x10ffff]])) : `\\${negate ? 'P' : 'p'}{${prop}}`;
    return { js, length };
  }
  const perl = c === '\\' ? perlClass(next) : undefined;
  if (perl !== undefined) return { js: rangesBody(perl.negate ? complement(perl.ranges) : perl.ranges), length: 2 };
  const lo = classChar(p, i);
  const dash = i + lo.length;
  if (p[dash] === '-' && p[dash + 1] !== undefined && p[dash + 1] !== ']') {
    const hi = classChar(p, dash + 1);
    if (hi.cp < lo.cp) throw new GoRegexpSyntaxError(`invalid character class range: \`${p.slice(i, dash + 1 + hi.length)}\``, i);
    return { js: `${escapeCodePoint(lo.cp)}-${escapeCodePoint(hi.cp)}`, length: lo.length + 1 + hi.length };
  }
  return { js: escapeCodePoint(lo.cp), length: lo.length };
}

/**
 * `p.indexOf(':]', from)` for increasing `from`, remembering the last answer so a class full of
 * `[:` does not rescan the pattern each time (linear instead of quadratic on hostile input).
 */
function posixEndFinder(p: string): (from: number) => number {
  let found = -2;
  return (from) => {
    if (found === -1 || found >= from) return found;
    found = p.indexOf(':]', from);
    return found;
  };
}

function classChar(p: string, at: number): Piece & { readonly cp: number } {
  if (p[at] === '\\') return parseEscapedChar(p, at);
  const cp = p.codePointAt(at) ?? 0;
  return { cp, length: cp > 0xffff ? 2 : 1 };
}
