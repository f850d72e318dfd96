/**
 * Syntax check of Go RE2 patterns (what Traefik's regexp matchers accept) before re2js compiles
 * them. re2js parses exactly Go's syntax but reports no offset; this walk follows Go's
 * `regexp/syntax` parser to say *where* a pattern is wrong (`offset` in the pattern), with Go's
 * messages: bad repeat counts (over 1000, min > max), nested repetition (`a**`), a repetition with
 * nothing to repeat, unbalanced parentheses, nesting over 1000, bad or duplicate group names, bad
 * flag groups, lookaround (`(?=`, `(?<=`…), bad escapes (backreferences, `\C`, `\Z`), bad classes.
 *
 * Junction is stricter than Go in three places: a repeated assertion (`^*`, `\b+`, which repeats
 * nothing) is rejected; a pattern may hold at most {@link MAX_REGEXP_NODES} groups, classes,
 * assertions and repetitions (literals are free), which bounds re2js's compile time; and its
 * *width* may not exceed {@link MAX_REGEXP_WIDTH}. Matching is linear in the input, but each input
 * character costs up to one step per instruction that can be live at once, and Node matches on its
 * one thread: `[a-z]{1,1000}` five times over took 7 s on a 16 KB header. The width counts what can be
 * live: character classes, `.`, Perl and Unicode classes, and letters under `(?i)`, each multiplied
 * by the counts of the repetitions around it (`[a-z]{1,200}` is 200); plain literals are free (as
 * re2js finds them by string search). What this walk lets through, re2js still checks (unknown
 * Unicode classes, Go's size limits); see `compileGoRegExp`.
 */
import { GoRegexpSyntaxError, checkClass, checkEscapedChar, checkUnicodeClass, isPerlClass } from './go-regexp-escape';

export { GoRegexpSyntaxError };

/** Structural budget of one pattern: groups, classes, assertions and repetitions (literals are free). */
export const MAX_REGEXP_NODES = 2000;

/**
 * Width budget of one pattern: classes and case-folded letters, multiplied by repetition counts.
 * 256 admits `[a-z0-9-]{1,63}`, UUIDs, `.{0,255}`; at 1000 a 16 KB hostile input took up to 1 s.
 */
export const MAX_REGEXP_WIDTH = 256;

/** `{n}`, `{n,}`, `{n,m}` and a named group's head, read in place (sticky: no slicing, linear). */
const REPEAT = /\{([0-9]+)(,([0-9]*))?\}/y;
const NAMED = /\(\?P?<([^>]*)>/y;

const MAX_REPEAT = 1000;
const MAX_NESTING = 1000;

/** Unicode property classes cost more, each one, in a bracket too: they compile into large code-point sets. */
const PROPERTY_COST = 5;

/** Checks a Go pattern; throws {@link GoRegexpSyntaxError} with the offset of the first error. */
export function checkGoRegexp(pattern: string): void {
  new Checker(pattern).run();
}

/** An open group: whether `(?i)` is on in it, and the width of what it holds so far. */
interface Frame {
  fold: boolean;
  width: number;
}

class Checker {
  readonly #p: string;
  #i = 0;
  readonly #frames: Frame[] = [{ fold: false, width: 0 }];
  #lastWidth = 0;
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
        this.#repeat(c, start, 1);
        continue;
      }
      if (c === '{') {
        REPEAT.lastIndex = start;
        const rep = REPEAT.exec(p);
        if (rep !== null && !hasLeadingZero(rep[1]) && !hasLeadingZero(rep[3])) {
          const min = Number(rep[1]);
          const max = rep[2] === undefined ? min : rep[3] === '' ? -1 : Number(rep[3]);
          if (min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && min > max))
            throw this.#error('invalid repeat count', start);
          this.#i += rep[0].length;
          this.#repeat(rep[0], start, max < 0 ? min + 1 : max);
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
        this.#atom(cls.length, Math.max(1, cls.properties * PROPERTY_COST));
      } else if (c === '\\') this.#escape();
      else if (c === '^' || c === '$') this.#assertion(1);
      else if (c === '.') this.#atom(1);
      else this.#atom((p.codePointAt(this.#i) ?? 0) > 0xffff ? 2 : 1, 0, this.#literalWidth);
    }
    if (this.#frames.length > 1) throw this.#error('missing closing )', p.length);
    if (this.#frame.width > MAX_REGEXP_WIDTH) {
      throw this.#error(
        `expression too complex: more than ${MAX_REGEXP_WIDTH} character classes and case-folded letters, counting repetitions`,
        0,
      );
    }
  }

  get #frame(): Frame {
    return this.#frames[this.#frames.length - 1] as Frame;
  }

  /** Width of one literal character: live only under `(?i)` (re2js finds plain text by string search). */
  get #literalWidth(): number {
    return this.#frame.fold ? 1 : 0;
  }

  #error(message: string, offset = this.#i): GoRegexpSyntaxError {
    return new GoRegexpSyntaxError(message, offset);
  }

  #cost(n: number): void {
    this.#nodes += n;
    if (this.#nodes > MAX_REGEXP_NODES) {
      throw this.#error(
        `expression too complex: more than ${MAX_REGEXP_NODES} groups, classes, assertions and repetitions`,
      );
    }
  }

  #atom(advance: number, cost = 1, width = 1): void {
    this.#cost(cost);
    this.#i += advance;
    this.#canRepeat = true;
    this.#frame.width += width;
    this.#lastWidth = width;
  }

  #assertion(advance: number): void {
    this.#cost(1);
    this.#i += advance;
    this.#canRepeat = false;
  }

  /** A repetition of the last atom; `times` copies of it can be live (1 for `*`, `+`, `?`). */
  #repeat(op: string, start: number, times: number): void {
    if (this.#lastRepeat >= 0)
      throw this.#error(
        `invalid nested repetition operator: \`${this.#p.slice(this.#lastRepeat, this.#i)}\``,
        this.#lastRepeat,
      );
    if (!this.#canRepeat) throw this.#error(`missing argument to repetition operator: \`${op}\``, start);
    if (this.#p[this.#i] === '?') this.#i++;
    this.#cost(1);
    this.#lastRepeat = start;
    this.#frame.width += this.#lastWidth * (times - 1);
  }

  #open(): void {
    const p = this.#p;
    const start = this.#i;
    if (this.#frames.length > MAX_NESTING) throw this.#error('expression nests too deeply', start);
    this.#cost(1);
    this.#canRepeat = false;
    if (p[start + 1] !== '?') {
      this.#i++;
      this.#frames.push({ fold: this.#frame.fold, width: 0 });
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
      this.#frames.push({ fold: this.#frame.fold, width: 0 });
      return;
    }
    this.#flagGroup(start);
  }

  /** `(?flags)` or `(?flags:` with Go's parsing rules (`-` once, at least one flag after it). */
  #flagGroup(start: number): void {
    const p = this.#p;
    let negated = false;
    let sawFlag = false;
    let fold = this.#frame.fold;
    for (let i = start + 2; i < p.length; i++) {
      const c = p[i];
      if (c === 'i' || c === 'm' || c === 's' || c === 'U') {
        sawFlag = true;
        if (c === 'i') fold = !negated;
      } else if (c === '-' && !negated) {
        negated = true;
        sawFlag = false;
      } else if ((c === ':' || c === ')') && (!negated || sawFlag)) {
        this.#i = i + 1;
        if (c === ':') this.#frames.push({ fold, width: 0 });
        else this.#frame.fold = fold;
        return;
      } else break;
    }
    throw this.#error(`invalid or unsupported Perl syntax: \`${p.slice(start, start + 3)}\``, start);
  }

  #close(): void {
    if (this.#frames.length === 1) throw this.#error('unexpected )');
    const group = this.#frames.pop() as Frame;
    this.#atom(1, 1, group.width);
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
      if (quoted !== '') this.#atom(0, 0, this.#literalWidth * quoted.length);
    } else if (isPerlClass(c)) this.#atom(2);
    else if (c === 'p' || c === 'P') this.#atom(checkUnicodeClass(p, this.#i), PROPERTY_COST);
    else this.#atom(checkEscapedChar(p, this.#i).length, 0, this.#literalWidth);
  }
}

function hasLeadingZero(digits: string | undefined): boolean {
  return digits !== undefined && digits.length >= 2 && digits[0] === '0';
}
