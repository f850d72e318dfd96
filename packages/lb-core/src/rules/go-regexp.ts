/**
 * Go regular expressions (Traefik's regexp flavour) on re2js, the JavaScript port of RE2: Go's own
 * syntax and semantics (leftmost-first, ASCII `\d \s \w`, `.` not matching `\n`, Unicode classes and
 * case folding) and, like Go, matching in time linear in the input. No pattern from a label or a
 * file can make a match backtrack: `^/(a+)+$` against a hostile path costs what any pattern does.
 *
 * Used with Go's `MatchString`, `FindString` and `ReplaceAllString` semantics (including
 * `$1`/`${name}` expansion and Go's rule that an empty match right after a previous match is not
 * replaced). Patterns are first checked by {@link checkGoRegexp}, which gives the offset of an error;
 * re2js then compiles them (and rejects what Go rejects beyond that, such as unknown Unicode classes).
 */
import { RE2JS, RE2JSException } from 're2js';
import { createError } from '../errors';
import { checkGoRegexp, GoRegexpSyntaxError } from './go-regexp-check';

/** A compiled Go regular expression. */
export class GoRegExp {
  /** The Go pattern as written. */
  readonly source: string;
  /** Capture-group names by index (index 0 is the whole match; unnamed groups are `undefined`). */
  readonly names: readonly (string | undefined)[];
  readonly #re: RE2JS;

  constructor(source: string, re: RE2JS) {
    this.source = source;
    this.#re = re;
    const names: (string | undefined)[] = new Array<string | undefined>(re.groupCount() + 1).fill(undefined);
    for (const [name, index] of Object.entries(re.namedGroups())) names[index] = name;
    this.names = names;
  }

  /** The number of capture groups (Go's `NumSubexp`). */
  get numSubexp(): number {
    return this.names.length - 1;
  }

  /** Go's `MatchString`: true when the pattern matches anywhere in `s`. */
  test(s: string): boolean {
    try {
      return this.#re.test(s);
    } catch {
      return false;
    }
  }

  /**
   * Go's `FindString`: the leftmost match, or `undefined`. The capture-free `test` (re2js's DFA)
   * answers "no match" first: the capturing search costs several times more on long input.
   */
  find(s: string): string | undefined {
    try {
      if (!this.#re.test(s)) return undefined;
      const m = this.#re.matcher(s);
      return m.find() ? s.slice(m.start(), m.end()) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Go's `ReplaceAllString`: replaces every match, expanding `$n`, `${n}`, `$name`, `${name}`, `$$`. */
  replaceAll(src: string, template: string): string {
    try {
      return this.#replaceAll(src, template);
    } catch {
      return src;
    }
  }

  #replaceAll(src: string, template: string): string {
    if (!this.#re.test(src)) return src;
    const m = this.#re.matcher(src);
    let out = '';
    let lastMatchEnd = 0;
    let searchPos = 0;
    while (searchPos <= src.length && m.find(searchPos)) {
      const start = m.start();
      const end = m.end();
      out += src.slice(lastMatchEnd, start);
      if (end > lastMatchEnd || start === 0) out += this.#expand(template, (i) => m.group(i));
      lastMatchEnd = end;
      const width = (src.codePointAt(searchPos) ?? 0) > 0xffff ? 2 : 1;
      searchPos = searchPos + width > end ? searchPos + width : end;
    }
    return out + src.slice(lastMatchEnd);
  }

  #expand(template: string, group: (index: number) => string | null): string {
    let out = '';
    let t = template;
    for (;;) {
      const dollar = t.indexOf('$');
      if (dollar < 0) break;
      out += t.slice(0, dollar);
      t = t.slice(dollar + 1);
      if (t.startsWith('$')) {
        out += '$';
        t = t.slice(1);
        continue;
      }
      const ref = /^(?:\{([\p{L}\p{Nd}_]+)\}|([\p{L}\p{Nd}_]+))/u.exec(t);
      if (ref === null) {
        out += '$';
        continue;
      }
      t = t.slice(ref[0].length);
      const name = ref[1] ?? ref[2] ?? '';
      const num = /^(0|[1-9][0-9]{0,7})$/.test(name) ? Number(name) : -1;
      const index = num >= 0 ? num : this.names.indexOf(name);
      if (index >= 0 && index < this.names.length) out += group(index) ?? '';
    }
    return out + t;
  }
}

/**
 * Compiles a Go regular expression. Throws `LB_RULE_ARGUMENT` (with `position` when given, and the
 * offending `offset` inside the pattern) for invalid syntax.
 */
export function compileGoRegExp(pattern: string, position?: number): GoRegExp {
  try {
    checkGoRegexp(pattern);
    return new GoRegExp(pattern, RE2JS.compile(pattern));
  } catch (error) {
    const { reason, offset } = describe(error, pattern);
    throw createError('LB_RULE_ARGUMENT', `invalid regular expression \`${pattern}\`: ${reason}`, {
      ...(position === undefined ? {} : { position }),
      expected: 'a valid Go regular expression',
      offset,
      pattern,
    });
  }
}

/** The reason and offset of a compile failure: the syntax check's, or re2js's (located by its argument). */
function describe(error: unknown, pattern: string): { reason: string; offset: number } {
  if (error instanceof GoRegexpSyntaxError) return { reason: error.message, offset: error.offset };
  if (!(error instanceof RE2JSException))
    return { reason: 'the JavaScript RE2 engine (re2js) could not compile it', offset: 0 };
  const { error: what, input } = error as RE2JSException & { error?: string; input?: string | null };
  const detail = what === undefined ? error.message : input ? `${what}: \`${input}\`` : what;
  const at = input ? pattern.indexOf(input) : -1;
  return { reason: `rejected by the JavaScript RE2 engine (re2js): ${detail}`, offset: Math.max(at, 0) };
}
