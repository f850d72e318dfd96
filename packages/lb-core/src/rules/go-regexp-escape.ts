/**
 * Escape and bracket-expression checks of the Go RE2 syntax check, following Go's `regexp/syntax`
 * parser: octal (`\0`, `\123`; a lone `\1`–`\7` is a backreference and rejected), hex (`\x7F`,
 * `\x{10FFFF}`), control escapes, escaped ASCII punctuation, Perl classes (`\d \s \w`),
 * `\pL`/`\p{Name}`/`\p{^Name}`, POSIX classes found by Go's `[:` … `:]` search, ranges in order, and
 * `]` as a literal when first in a class. Each check returns how many pattern characters it read.
 */

/** A Go regexp syntax error with its offset in the pattern. */
export class GoRegexpSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Go's POSIX class names, usable inside brackets as `[:name:]` or `[:^name:]`. */
const POSIX = new Set([
  'alnum',
  'alpha',
  'ascii',
  'blank',
  'cntrl',
  'digit',
  'graph',
  'lower',
  'print',
  'punct',
  'space',
  'upper',
  'word',
  'xdigit',
]);

/** True for the letter of a Perl class escape: `\d \D \s \S \w \W`. */
export function isPerlClass(letter: string): boolean {
  return letter.length === 1 && 'dDsSwW'.includes(letter);
}

/** Checks the escaped character at `at` (a backslash): its code point and length. */
export function checkEscapedChar(p: string, at: number): { readonly cp: number; readonly length: number } {
  const c = p[at + 1] ?? '';
  const bad = (): GoRegexpSyntaxError => new GoRegexpSyntaxError(`invalid escape sequence: \`\\${c}\``, at);
  if (c === '') throw new GoRegexpSyntaxError('trailing backslash at end of expression', at);
  if (/[0-7]/.test(c)) {
    if (c !== '0' && !/[0-7]/.test(p[at + 2] ?? '')) throw bad();
    const digits = /^[0-7]{1,3}/.exec(p.slice(at + 1, at + 4))?.[0] ?? c;
    return { cp: parseInt(digits, 8), length: 1 + digits.length };
  }
  if (c === 'x') {
    const braced = /^\{([0-9a-fA-F]{1,8})\}/.exec(p.slice(at + 2, at + 12));
    if (braced !== null) {
      const cp = parseInt(braced[1] ?? '', 16);
      if (cp > 0x10ffff) throw bad();
      return { cp, length: 2 + braced[0].length };
    }
    const two = /^[0-9a-fA-F]{2}/.exec(p.slice(at + 2, at + 4));
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

/** Checks `\pL`, `\p{Name}`, `\p{^Name}` or `\P…` at `at`; returns its length. */
export function checkUnicodeClass(p: string, at: number): number {
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
  if (name.startsWith('^')) name = name.slice(1);
  if (!/^[A-Za-z_]+$/.test(name))
    throw new GoRegexpSyntaxError(`invalid character class range: \`${p.slice(at, at + length)}\``, at);
  return length;
}

/** Checks the bracket expression starting at `start` (`[`): its length, and how many `\p` classes it holds. */
export function checkClass(p: string, start: number): { readonly length: number; readonly properties: number } {
  let i = start + 1;
  if (p[i] === '^') i++;
  let first = true;
  let properties = 0;
  const posixEnd = posixEndFinder(p);
  for (;;) {
    const c = p[i];
    if (c === undefined) throw new GoRegexpSyntaxError(`missing closing ]: \`${p.slice(start)}\``, start);
    if (c === ']' && !first) break;
    first = false;
    const item = classItem(p, i, posixEnd);
    if (item.property) properties++;
    i += item.length;
  }
  return { length: i + 1 - start, properties };
}

/** One item of a bracket expression: a POSIX, Perl or Unicode class, a character or a range. */
function classItem(
  p: string,
  i: number,
  posixEnd: (from: number) => number,
): { readonly length: number; readonly property: boolean } {
  const c = p[i];
  const next = p[i + 1] ?? '';
  if (c === '[' && next === ':') {
    const end = posixEnd(i + 2);
    if (end >= 0) {
      const raw = p.slice(i + 2, end);
      if (!POSIX.has(raw.startsWith('^') ? raw.slice(1) : raw)) {
        throw new GoRegexpSyntaxError(`invalid character class range: \`${p.slice(i, end + 2)}\``, i);
      }
      return { length: end + 2 - i, property: false };
    }
  }
  if (c === '\\' && (next === 'p' || next === 'P')) return { length: checkUnicodeClass(p, i), property: true };
  if (c === '\\' && isPerlClass(next)) return { length: 2, property: false };
  const lo = classChar(p, i);
  const dash = i + lo.length;
  if (p[dash] === '-' && p[dash + 1] !== undefined && p[dash + 1] !== ']') {
    const hi = classChar(p, dash + 1);
    if (hi.cp < lo.cp)
      throw new GoRegexpSyntaxError(`invalid character class range: \`${p.slice(i, dash + 1 + hi.length)}\``, i);
    return { length: lo.length + 1 + hi.length, property: false };
  }
  return { length: lo.length, property: false };
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

function classChar(p: string, at: number): { readonly cp: number; readonly length: number } {
  if (p[at] === '\\') return checkEscapedChar(p, at);
  const cp = p.codePointAt(at) ?? 0;
  return { cp, length: cp > 0xffff ? 2 : 1 };
}
