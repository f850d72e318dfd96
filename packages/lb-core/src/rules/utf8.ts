/**
 * UTF-8 helpers. Go strings are byte strings; where Traefik's behaviour depends on bytes (rule
 * length as priority, percent-decoding, `\x` escapes) these helpers reproduce it on JS strings.
 */

/** Length of `s` in UTF-8 bytes, as Go's `len(s)` (lone surrogates count as U+FFFD, 3 bytes). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1))) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Appends the UTF-8 encoding of code point `cp` to `out`. */
export function pushUtf8(out: number[], cp: number): void {
  if (cp < 0x80) out.push(cp);
  else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
}

/** Appends the UTF-8 bytes of a JS string to `out`. */
export function pushUtf8String(out: number[], s: string): void {
  for (const ch of s) pushUtf8(out, ch.codePointAt(0) ?? 0xfffd);
}

/**
 * Decodes UTF-8 bytes; each invalid sequence becomes U+FFFD, like Go's `for range` over a string.
 * Pure and allocation-light: lb-core may not rely on `TextDecoder`.
 */
export function decodeUtf8(bytes: readonly number[]): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const [len, min] =
      b < 0x80
        ? [1, 0]
        : b >= 0xc2 && b < 0xe0
          ? [2, 0x80]
          : b >= 0xe0 && b < 0xf0
            ? [3, 0x800]
            : b >= 0xf0 && b < 0xf5
              ? [4, 0x10000]
              : [0, 0];
    if (len === 1) {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    let cp = len === 0 ? -1 : b & (0xff >> (len + 1));
    for (let k = 1; k < len && cp >= 0; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) cp = -1;
      else cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      out += '\ufffd';
      i++;
    } else {
      out += String.fromCodePoint(cp);
      i += len;
    }
  }
  return out;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
