/**
 * Translates Go RE2 syntax (what Traefik's regexp matchers accept) into an equivalent JavaScript
 * `u`-mode RegExp source. Semantics kept: Go's ASCII `\d \s \w \b`, `.` not matching `\n` (unless
 * `(?s)`), `^`/`$` at text edges (line edges under `(?m)`), `\A`, `\z`, `\Q…\E`, octal/hex escapes,
 * POSIX and Unicode classes, inline flags `(?imsU)` and `(?flags:…)` scoped like Go (to the end of
 * the enclosing group, across `|`), named groups `(?P<n>…)`/`(?<n>…)`, leftmost-first alternation.
 *
 * Rejected, as Go rejects them: lookaround, backreferences, `\C`, `\Z`, nested repetition (`a**`),
 * counts over 1000, nesting over 1000. Rejected because JS differs: quantified assertions (`^*`).
 *
 * Rejected because of V8's limits: more than {@link MAX_REGEXP_NODES} groups, classes, assertions
 * and repetitions (V8 compiles regexps recursively and lazily; long sequences overflow its stack).
 *
 * Not reproduced: Go's linear-time guarantee. JS backtracks, so a pathological pattern such as
 * `(a+)+$` can take exponential time on hostile input; rule authors are trusted configuration.
 */
import { escapeCodePoint, GoRegexpSyntaxError, literal, perlClass, rangesClass } from './go-regexp-class';
import { parseClass, parseEscapedChar, parseUnicodeClass } from './go-regexp-escape';

export { GoRegexpSyntaxError };

/** Result of a translation: JS source and flags, and Go's capture-group names (index 0 unused). */
export interface Translation {
  readonly source: string;
  readonly flags: string;
  readonly names: readonly (string | undefined)[];
}

interface Flags { i: boolean; m: boolean; s: boolean; U: boolean }
interface Frame { flags: Flags; wraps: string[] }

const MAX_REPEAT = 1000;
const MAX_NESTING = 1000;

/** Structural budget of one pattern: groups, classes, assertions and repetitions (literals are free). */
export const MAX_REGEXP_NODES = 2000;

/** Unicode property classes cost more: V8 expands them into large code-point sets. */
const PROPERTY_COST = 5;

/** Translates a Go pattern; throws {@link GoRegexpSyntaxError}. */
export function translateGoRegexp(pattern: string): Translation {
  return new Translator(pattern).run();
}

class Translator {
  readonly #p: string;
  #i = 0;
  #out = '';
  readonly #frames: Frame[] = [{ flags: { i: false, m: false, s: false, U: false }, wraps: [] }];
  readonly #names: (string | undefined)[] = [undefined];
  readonly #seen = new Set<string>();
  #globalI = false;
  #canRepeat = false;
  #lastRepeat = -1;
  #nodes = 0;

  constructor(pattern: string) {
    this.#p = pattern;
  }

  run(): Translation {
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
        const rep = /^\{([0-9]+)(,([0-9]*))?\}/.exec(p.slice(start));
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
      else if (c === '|') this.#alternate();
      else if (c === '[') {
        const cls = parseClass(p, start);
        this.#atom(cls.js, cls.length, cls.js.includes('\\p{') || cls.js.includes('\\P{') ? PROPERTY_COST : 1);
      }
      else if (c === '\\') this.#escape();
      else if (c === '^' || c === '$') this.#assertion(this.#anchor(c));
      else if (c === '.') this.#atom(this.#flags.s ? rangesClass([[0, 0x10ffff]]) : '[^\\n]', 1);
      else {
        const cp = p.codePointAt(this.#i) ?? 0;
        this.#atom(literal(cp), cp > 0xffff ? 2 : 1, 0);
      }
    }
    if (this.#frames.length > 1) throw this.#error('missing closing )', p.length);
    this.#closeWraps();
    return { source: this.#out, flags: this.#globalI ? 'iu' : 'u', names: this.#names };
  }

  get #frame(): Frame {
    return this.#frames[this.#frames.length - 1] as Frame;
  }

  get #flags(): Flags {
    return this.#frame.flags;
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

  #atom(js: string, advance = 0, cost = 1): void {
    this.#cost(cost);
    this.#out += js;
    this.#i += advance;
    this.#canRepeat = true;
  }

  #assertion(js: string): void {
    this.#cost(1);
    this.#out += js;
    this.#i++;
    this.#canRepeat = false;
  }

  #anchor(c: string): string {
    if (!this.#flags.m) return c;
    return c === '^' ? '(?<![^\\n])' : '(?![^\\n])';
  }

  #repeat(op: string, start: number): void {
    if (this.#lastRepeat >= 0) throw this.#error(`invalid nested repetition operator: \`${this.#p.slice(this.#lastRepeat, this.#i)}\``, this.#lastRepeat);
    if (!this.#canRepeat) throw this.#error(`missing argument to repetition operator: \`${op}\``, start);
    let lazy = false;
    if (this.#p[this.#i] === '?') {
      lazy = true;
      this.#i++;
    }
    this.#cost(1);
    this.#out += op + (lazy !== this.#flags.U ? '?' : '');
    this.#lastRepeat = start;
  }

  #open(): void {
    const p = this.#p;
    const start = this.#i;
    if (this.#frames.length > MAX_NESTING) throw this.#error('expression nests too deeply', start);
    this.#cost(1);
    this.#canRepeat = false;
    if (p[start + 1] !== '?') {
      this.#i++;
      this.#push('(', true);
      return;
    }
    const named = /^\(\?P?<([^>]*)>/.exec(p.slice(start));
    if (named !== null && !p.startsWith('(?<=', start) && !p.startsWith('(?<!', start)) {
      const name = named[1] ?? '';
      if (!/^[A-Za-z0-9_]+$/.test(name)) throw this.#error(`invalid named capture: \`${named[0]}\``, start);
      if (this.#seen.has(name)) throw this.#error(`duplicate capture group name: \`${name}\``, start);
      this.#i += named[0].length;
      this.#names.push(name);
      this.#seen.add(name);
      this.#out += '(';
      this.#frames.push({ flags: { ...this.#flags }, wraps: [] });
      return;
    }
    this.#flagGroup(start);
  }

  #push(js: string, capture: boolean, flags: Flags = { ...this.#flags }): void {
    if (capture) this.#names.push(undefined);
    this.#out += js;
    this.#frames.push({ flags, wraps: [] });
  }

  /** `(?flags)` or `(?flags:` with Go's parsing rules (`-` once, at least one flag after it). */
  #flagGroup(start: number): void {
    const p = this.#p;
    const flags = { ...this.#flags };
    let sign = 1;
    let sawFlag = false;
    for (let i = start + 2; i < p.length; i++) {
      const c = p[i];
      if (c === 'i' || c === 'm' || c === 's' || c === 'U') {
        flags[c] = sign > 0;
        sawFlag = true;
      } else if (c === '-' && sign > 0) {
        sign = -1;
        sawFlag = false;
      } else if ((c === ':' || c === ')') && (sign > 0 || sawFlag)) {
        this.#i = i + 1;
        const foldChange = flags.i !== this.#flags.i ? (flags.i ? '(?i:' : '(?-i:') : undefined;
        if (c === ':') this.#push(foldChange ?? '(?:', false, flags);
        else this.#setFlags(flags, foldChange);
        return;
      } else break;
    }
    throw this.#error(`invalid or unsupported Perl syntax: \`${p.slice(start, start + 3)}\``, start);
  }

  #setFlags(flags: Flags, foldChange: string | undefined): void {
    const frame = this.#frame;
    if (foldChange !== undefined) {
      if (this.#frames.length === 1 && this.#out === '' && flags.i) this.#globalI = true;
      else {
        frame.wraps.push(foldChange);
        this.#out += foldChange;
      }
    }
    frame.flags = flags;
  }

  #closeWraps(): void {
    this.#out += ')'.repeat(this.#frame.wraps.length);
  }

  #close(): void {
    if (this.#frames.length === 1) throw this.#error('unexpected )');
    this.#closeWraps();
    this.#frames.pop();
    this.#atom(')', 1);
  }

  #alternate(): void {
    this.#closeWraps();
    this.#out += '|' + this.#frame.wraps.join('');
    this.#i++;
    this.#canRepeat = false;
  }

  #escape(): void {
    const p = this.#p;
    const c = p[this.#i + 1];
    if (c === undefined) throw this.#error('trailing backslash at end of expression');
    const simple: Record<string, string> = { A: '(?<![\\s\\S])', z: '(?![\\s\\S])', b: '\\b', B: '\\B' };
    const assertion = simple[c];
    if (assertion !== undefined) {
      this.#i++;
      this.#assertion(assertion);
    } else if (c === 'Q') {
      const end = p.indexOf('\\E', this.#i + 2);
      const text = p.slice(this.#i + 2, end < 0 ? p.length : end);
      this.#i = end < 0 ? p.length : end + 2;
      for (const ch of text) this.#atom(literal(ch.codePointAt(0) ?? 0), 0, 0);
    } else if (perlClass(c) !== undefined) {
      const perl = perlClass(c);
      this.#atom(rangesClass(perl?.ranges ?? [], perl?.negate), 2);
    } else if (c === 'p' || c === 'P') {
      const { prop, negate, length } = parseUnicodeClass(p, this.#i);
      this.#atom(prop === 'Any' ? rangesClass([[0, 0x10ffff]], negate) : `\\${negate ? 'P' : 'p'}{${prop}}`, length, PROPERTY_COST);
    } else {
      const { cp, length } = parseEscapedChar(p, this.#i);
      this.#atom(escapeCodePoint(cp), length, 0);
    }
  }
}

function hasLeadingZero(digits: string | undefined): boolean {
  return digits !== undefined && digits.length >= 2 && digits[0] === '0';
}
