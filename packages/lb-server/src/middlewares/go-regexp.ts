/**
 * Go `regexp` compatibility for configs written for Traefik: translate the RE2 spellings that
 * JavaScript lacks, and expand replacement templates exactly like Go's `Regexp.Expand`
 * (`$1`, `${1}`, `$name`, `${name}`, `$$`; a name is the longest run of letters, digits and `_`,
 * so `$1x` names group `1x`, which does not exist and expands to nothing, as in Go).
 */

/** Compiles a Go (RE2) pattern as a JavaScript RegExp; throws `SyntaxError` when invalid. */
export function compileGoRegExp(pattern: string, global = false): RegExp {
  let source = pattern;
  let flags = global ? 'g' : '';
  // A leading `(?flags)` group applies to the whole pattern in Go; JS wants real flags.
  const lead = /^\(\?([imsU]+)\)/.exec(source);
  if (lead !== null) {
    const inline = lead[1] ?? '';
    if (inline.includes('U')) throw new SyntaxError('the U (ungreedy) flag is not supported');
    flags += [...new Set(inline)].join('');
    source = source.slice(lead[0].length);
  }
  source = source.replaceAll('(?P<', '(?<').replaceAll('\\A', '^').replaceAll('\\z', '$(?![\\s\\S])');
  return new RegExp(source, flags);
}

/** One piece of a compiled replacement template. */
type TemplatePart = string | number | { readonly name: string };

const NAME = /^[A-Za-z0-9_]+/;

/** A Go replacement template compiled once, expanded per match. */
export class GoTemplate {
  readonly #parts: readonly TemplatePart[];

  constructor(template: string) {
    const parts: TemplatePart[] = [];
    let text = '';
    let i = 0;
    while (i < template.length) {
      const dollar = template.indexOf('$', i);
      if (dollar === -1) { text += template.slice(i); break; }
      text += template.slice(i, dollar);
      const rest = template.slice(dollar + 1);
      let name: string | undefined;
      let used = 0;
      if (rest.startsWith('$')) { text += '$'; i = dollar + 2; continue; }
      if (rest.startsWith('{')) {
        const close = rest.indexOf('}');
        const inner = close === -1 ? '' : rest.slice(1, close);
        if (close !== -1 && NAME.exec(inner)?.[0] === inner) { name = inner; used = close + 1; }
      } else {
        const m = NAME.exec(rest);
        if (m !== null) { name = m[0]; used = m[0].length; }
      }
      if (name === undefined) { text += '$'; i = dollar + 1; continue; } // malformed: literal `$`
      if (text !== '') { parts.push(text); text = ''; }
      parts.push(/^\d+$/.test(name) ? Number(name) : { name });
      i = dollar + 1 + used;
    }
    if (text !== '') parts.push(text);
    this.#parts = parts;
  }

  /** Expands the template for one match; unknown groups expand to nothing. */
  expand(match: RegExpExecArray): string {
    let out = '';
    for (const part of this.#parts) {
      if (typeof part === 'string') out += part;
      else if (typeof part === 'number') out += match[part] ?? '';
      else out += match.groups?.[part.name] ?? '';
    }
    return out;
  }

  /** Go's `ReplaceAllString`: replaces every match of the global `re` in `input`. */
  replaceAll(re: RegExp, input: string): string {
    re.lastIndex = 0;
    let out = '';
    let last = 0;
    let prevEnd = -1;
    for (let m = re.exec(input); m !== null; m = re.exec(input)) {
      if (m[0] === '') re.lastIndex++;
      if (m[0] === '' && m.index === prevEnd) continue; // Go ignores an empty match abutting the previous one
      out += input.slice(last, m.index) + this.expand(m);
      last = m.index + m[0].length;
      prevEnd = last;
    }
    return out + input.slice(last);
  }
}
