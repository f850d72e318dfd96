/**
 * Go's `strings.FieldsFunc` for one separator, keeping each field's offset in the rule:
 * splits `text` on `sep` and drops empty fields. Used by the v1 parser, whose splitting on `;`,
 * `:` and `,` this reproduces.
 */

/** A piece of the rule text and its 0-based offset. */
export interface Field {
  readonly text: string;
  readonly pos: number;
}

/** Splits `text` (found at offset `base`) on `sep`, dropping empty fields. */
export function fields(text: string, sep: string, base: number): Field[] {
  const out: Field[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text[i] !== sep) continue;
    if (i > start) out.push({ text: text.slice(start, i), pos: base + start });
    start = i + 1;
  }
  return out;
}
