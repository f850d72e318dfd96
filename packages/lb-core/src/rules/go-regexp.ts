/**
 * Go regular expressions (Traefik's regexp flavour) running on JavaScript's engine: compiled once
 * through {@link translateGoRegexp}, then used with Go's `MatchString`, `FindStringSubmatch` and
 * `ReplaceAllString` semantics (including `$1`/`${name}` expansion and Go's rule that an empty match
 * right after a previous match is not replaced).
 *
 * V8 compiles a RegExp lazily, on first use; `compileGoRegExp` forces that compilation so engine
 * limits surface as configuration errors. Should the engine still fail later (it compiles again
 * when it tiers up), matching fails closed: `test` is false and nothing is replaced.
 */
import { createError } from '../errors';
import { translateGoRegexp, GoRegexpSyntaxError } from './go-regexp-translate';

/** A compiled Go regular expression. */
export class GoRegExp {
  /** The Go pattern as written. */
  readonly source: string;
  /** Capture-group names by index (index 0 is the whole match; unnamed groups are `undefined`). */
  readonly names: readonly (string | undefined)[];
  readonly #re: RegExp;
  #global: RegExp | undefined;

  constructor(source: string, re: RegExp, names: readonly (string | undefined)[]) {
    this.source = source;
    this.#re = re;
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

  /** Go's `FindString`: the leftmost match, or `undefined`. */
  find(s: string): string | undefined {
    try {
      return this.#re.exec(s)?.[0];
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
    const re = (this.#global ??= new RegExp(this.#re.source, `${this.#re.flags}g`));
    let out = '';
    let lastMatchEnd = 0;
    let searchPos = 0;
    while (searchPos <= src.length) {
      re.lastIndex = searchPos;
      const m = re.exec(src);
      if (m === null) break;
      const start = m.index;
      const end = start + m[0].length;
      out += src.slice(lastMatchEnd, start);
      if (end > lastMatchEnd || start === 0) out += this.#expand(template, m);
      lastMatchEnd = end;
      const width = (src.codePointAt(searchPos) ?? 0) > 0xffff ? 2 : 1;
      searchPos = searchPos + width > end ? searchPos + width : end;
    }
    return out + src.slice(lastMatchEnd);
  }

  #expand(template: string, m: RegExpExecArray): string {
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
      if (index >= 0) out += m[index] ?? '';
    }
    return out + t;
  }
}

/**
 * Compiles a Go regular expression. Throws `LB_RULE_ARGUMENT` (with `position` when given, and the
 * offending `offset` inside the pattern) for invalid syntax or syntax JavaScript cannot reproduce.
 */
export function compileGoRegExp(pattern: string, position?: number): GoRegExp {
  try {
    const { source, flags, names } = translateGoRegexp(pattern);
    const re = new RegExp(source, flags);
    re.test(''); // V8 compiles on first use: surface engine limits (stack overflow, size) here
    return new GoRegExp(pattern, re, names);
  } catch (error) {
    const go = error instanceof GoRegexpSyntaxError;
    const reason = go ? error.message : 'not supported by the JavaScript regular expression engine';
    throw createError('LB_RULE_ARGUMENT', `invalid regular expression \`${pattern}\`: ${reason}`, {
      ...(position === undefined ? {} : { position }),
      expected: 'a valid Go regular expression',
      offset: go ? error.offset : 0,
      pattern,
    });
  }
}
