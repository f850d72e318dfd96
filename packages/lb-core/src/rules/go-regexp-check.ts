/**
 * Syntax check of Go RE2 patterns (what Traefik's regexp matchers accept) before re2js compiles
 * them. re2js parses exactly Go's syntax but reports no offset; this walk follows Go's
 * `regexp/syntax` parser to say *where* a pattern is wrong (`offset` in the pattern), with Go's
 * messages: bad repeat counts (over 1000, min > max), nested repetition (`a**`), a repetition with
 * nothing to repeat, unbalanced parentheses, nesting over 1000, bad or duplicate group names, bad
 * flag groups, lookaround (`(?=`, `(?<=`…), bad escapes (backreferences, `\C`, `\Z`), bad classes.
 *
 * Junction is stricter than Go in two places: a repeated assertion (`^*`, `\b+`, which repeats
 * nothing) is rejected, and a pattern may hold at most {@link MAX_REGEXP_NODES} groups, classes,
 * assertions and repetitions (literals are free), which bounds re2js's compile time and program size
 * whatever a label says. What this walk lets through, re2js still checks (unknown Unicode classes,
 * Go's size limits); see `compileGoRegExp`.
 */
import { GoRegexpSyntaxError, checkClass, checkEscapedChar, checkUnicodeClass, isPerlClass } from './go-regexp-escape';

export { GoRegexpSyntaxError };

/** Structural budget of one pattern: groups, classes, assertions and repetitions (literals are free). */
export const MAX_REGEXP_NODES = 2000;

/** `{n}`, `{n,}`, `{n,m}` and a named group's head, read in place (sticky: no slicing, linear). */
const REPEAT = /\{([0-9]+)(,([0-9]*))?\}/y;
const NAMED = /\(\?P?<([^>]*)>/y;

const MAX_REPEAT = 1000;
const MAX_NESTING = 1000;

/** Unicode property classes cost more: they compile into large code-point sets. */
const PROPERTY_COST = 5;

/** Checks a Go pattern; throws {@link GoRegexpSyntaxError} with the offset of the first error. */
export function checkGoRegexp(pattern: string): void {
  new Checker(pattern).run();
}

class Checker {
  readonly #p: string;
  #i = 0;
  #depth = 0;
  readonly #seen = new Set<string>();
  #canRepeat = false;
  #lastRepeat = -1;
  #nodes = 0;

  constructor(pattern: string) {
    this.#p = pattern;
  }

  run(): void {
    const p = this.#p;
    while (this.#i < p.length) {
      const c = p[this.#i] ?? '';
      const start = this.#i;
      if (c === '*' || c === '+' || c === '?') {
        this.#i++;
        this.#repeat(c, start);
        continue;
      }
      if (c === '{') {
        REPEAT.lastIndex = start;
        const rep = REPEAT.exec(p);
        if (rep !== null && !hasLeadingZero(rep[1]) && !hasLeadingZero(rep[3])) {
          const min = Number(rep[1]);
          const max = rep[2] === undefined ? min : rep[3] === '' ? -1 : Number(rep[3]);
          if (min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && min > max)) throw this.#error('invalid repeat count', start);
          this.#i += rep[0].length;
          this.#repeat(rep[0], start);
          continue;
        }
      }
      this.#lastRepeat = -1;
      if (c === '(') this.#open();
      else if (c === ')') this.#close();
      else if (c === '|') {
        this.#i++;
        this.#canRepeat = false;
      } else if (c === '[') {
        const cls = checkClass(p, start);
        this.#atom(cls.length, cls.properties ? PROPERTY_COST : 1);
      } else if (c === '\\') this.#escape();
      else if (c === '^' || c === '$') this.#assertion(1);
      else if (c === '.') this.#atom(1);
      else this.#atom((p.codePointAt(this.#i) ?? 0) > 0xffff ? 2 : 1, 0);
    }
    if (this.#depth > 0) throw this.#error('missing closing )', p.length);
  }

  #error(message: string, offset = this.#i): GoRegexpSyntaxError {
    return new GoRegexpSyntaxError(message, offset);
  }

  #cost(n: number): void {
    this.#nodes += n;
    if (this.#nodes > MAX_REGEXP_NODES) {
      throw this.#error(`expression too complex: more than ${MAX_REGEXP_NODES} groups, classes, assertions and repetitions`);
    }
  }

  #atom(advance: number, cost = 1): void {
    this.#cost(cost);
    this.#i += advance;
    this.#canRepeat = true;
  }

  #assertion(advance: number): void {
    this.#cost(1);
    this.#i += advance;
    this.#canRepeat = false;
  }

  #repeat(op: string, start: number): void {
    if (this.#lastRepeat >= 0) throw this.#error(`invalid nested repetition operator: \`${this.#p.slice(this.#lastRepeat, this.#i)}\``, this.#lastRepeat);
    if (!this.#canRepeat) throw this.#error(`missing argument to repetition operator: \`${op}\``, start);
    if (this.#p[this.#i] === '?') this.#i++;
    this.#cost(1);
    this.#lastRepeat = start;
  }

  #open(): void {
    const p = this.#p;
    const start = this.#i;
    if (this.#depth >= MAX_NESTING) throw this.#error('expression nests too deeply', start);
    this.#cost(1);
    this.#canRepeat = false;
    if (p[start + 1] !== '?') {
      this.#i++;
      this.#depth++;
      return;
    }
    NAMED.lastIndex = start;
    const named = p.startsWith('(?<=', start) || p.startsWith('(?<!', start) ? null : NAMED.exec(p);
    if (named !== null) {
      const name = named[1] ?? '';
      if (!/^[A-Za-z0-9_]+$/.test(name)) throw this.#error(`invalid named capture: \`${named[0]}\``, start);
      if (this.#seen.has(name)) throw this.#error(`duplicate capture group name: \`${name}\``, start);
      this.#seen.add(name);
      this.#i += named[0].length;
      this.#depth++;
      return;
    }
    this.#flagGroup(start);
  }

  /** `(?flags)` or `(?flags:` with Go's parsing rules (`-` once, at least one flag after it). */
  #flagGroup(start: number): void {
    const p = this.#p;
    let negated = false;
    let sawFlag = false;
    for (let i = start + 2; i < p.length; i++) {
      const c = p[i];
      if (c === 'i' || c === 'm' || c === 's' || c === 'U') sawFlag = true;
      else if (c === '-' && !negated) {
        negated = true;
        sawFlag = false;
      } else if ((c === ':' || c === ')') && (!negated || sawFlag)) {
        this.#i = i + 1;
        if (c === ':') this.#depth++;
        return;
      } else break;
    }
    throw this.#error(`invalid or unsupported Perl syntax: \`${p.slice(start, start + 3)}\``, start);
  }

  #close(): void {
    if (this.#depth === 0) throw this.#error('unexpected )');
    this.#depth--;
    this.#atom(1);
  }

  #escape(): void {
    const p = this.#p;
    const c = p[this.#i + 1];
    if (c === undefined) throw this.#error('trailing backslash at end of expression');
    if (c === 'A' || c === 'z' || c === 'b' || c === 'B') this.#assertion(2);
    else if (c === 'Q') {
      const end = p.indexOf('\\E', this.#i + 2);
      const quoted = p.slice(this.#i + 2, end < 0 ? p.length : end);
      this.#i = end < 0 ? p.length : end + 2;
      this.#canRepeat = quoted !== '' || this.#canRepeat;
    } else if (isPerlClass(c)) this.#atom(2);
    else if (c === 'p' || c === 'P') this.#atom(checkUnicodeClass(p, this.#i), PROPERTY_COST);
    else this.#atom(checkEscapedChar(p, this.#i).length, 0);
  }
}

function hasLeadingZero(digits: string | undefined): boolean {
  return digits !== undefined && digits.length >= 2 && digits[0] === '0';
}
