/**
 * Go's two views of a request path (`net/url`), which Traefik's middlewares switch between:
 * `URL.Path`, fully percent-decoded (`%2F` becomes `/`), and the escaped form the proxy sends
 * (`URL.EscapedPath`: `RawPath` when the client's escaping differs from Go's own, else
 * `escape(Path)`). Junction carries the escaped form; these helpers give the decoded one, Go's
 * canonical escaping, and where a prefix of the decoded path ends in the escaped one; Traefik 1.7
 * worked on `URL.Path` (`escapeDecoded`, `decodedHeaderValue`); header values go as Go's bytes
 * (`headerValue`).
 */
import { decodeUtf8, pushUtf8String, utf8Length } from './utf8';

const HEX = '0123456789ABCDEF';
/** Bytes Go's `escape(…, encodePath)` leaves alone. */
const PATH_SAFE = /[A-Za-z0-9\-_.~$&+,/:;=@]/;

/** Value of one hex digit (char code), -1 when it is none. */
export function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** `%XX` with upper-case hex. */
export function escapeByte(b: number): string {
  return `%${HEX[b >> 4]}${HEX[b & 15]}`;
}

/** The bytes of an escaped path with every escape decoded (escapes assumed well-formed). */
function decodedBytes(path: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c === 37 /* % */ && i + 2 < path.length) {
      bytes.push(hexValue(path.charCodeAt(i + 1)) * 16 + hexValue(path.charCodeAt(i + 2)));
      i += 2;
    } else if (c < 0x80) bytes.push(c);
    else {
      const cp = path.codePointAt(i) ?? c;
      pushUtf8String(bytes, String.fromCodePoint(cp));
      if (cp > 0xffff) i++;
    }
  }
  return bytes;
}

/** Go's `URL.Path` for an escaped path: every escape decoded. */
export function decodePath(path: string): string {
  return path.includes('%') ? decodeUtf8(decodedBytes(path)) : path;
}

/** Go's `escape(unescape(path), encodePath)`: the canonical escaped form of the decoded bytes. */
export function canonicalEscape(path: string): string {
  let out = '';
  for (const b of decodedBytes(path)) {
    const char = String.fromCharCode(b);
    out += b < 0x80 && PATH_SAFE.test(char) ? char : escapeByte(b);
  }
  return out;
}

/**
 * Length, in the escaped `path`, of the part that decodes to `prefix` (a prefix of the decoded
 * path): Traefik strips `RawPath` by the encoded length of the prefix matched on `Path`.
 */
export function escapedPrefixLength(path: string, prefix: string): number {
  const wanted = utf8Length(prefix);
  let bytes = 0;
  let i = 0;
  while (bytes < wanted && i < path.length) {
    if (path.charCodeAt(i) === 37 /* % */) {
      bytes += 1;
      i += 3;
    } else {
      const cp = path.codePointAt(i) ?? 0;
      bytes += utf8Length(String.fromCodePoint(cp));
      i += cp > 0xffff ? 2 : 1;
    }
  }
  return i;
}

/** Go's `escape(path, encodePath)` of a decoded path (its UTF-8 bytes): what `EscapedPath` sends for a new `URL.Path`. */
export function escapeDecoded(path: string): string {
  const bytes: number[] = [];
  pushUtf8String(bytes, path);
  let out = '';
  for (const b of bytes) {
    const char = String.fromCharCode(b);
    out += b < 0x80 && PATH_SAFE.test(char) ? char : escapeByte(b);
  }
  return out;
}

/** Bytes as a header value Node sends byte for byte (one latin1 character each); see {@link headerValue}. */
function bytesAsHeader(bytes: Iterable<number>): string {
  let out = '';
  for (const b of bytes) out += (b < 0x20 && b !== 0x09) || b === 0x7f ? escapeByte(b) : String.fromCharCode(b);
  return out;
}

/**
 * `text` as the bytes Go writes in a header line: its UTF-8 bytes, one latin1 character each,
 * which is how Node sends a header value byte for byte (`é` goes as C3 A9, and `日` no longer
 * makes the client refuse the request). A control character, which Go's client refuses in a
 * header (`httpguts.ValidHeaderFieldValue`, the request fails), is sent percent-escaped instead.
 */
export function headerValue(text: string): string {
  if (/^[\x20-\x7e\t]*$/.test(text)) return text;
  const bytes: number[] = [];
  pushUtf8String(bytes, text);
  return bytesAsHeader(bytes);
}

/** The decoded path of an escaped one (`URL.Path`'s exact bytes) as a header value ({@link headerValue}). */
export function decodedHeaderValue(path: string): string {
  if (!path.includes('%')) return headerValue(path);
  return bytesAsHeader(decodedBytes(path));
}

/**
 * Go's `url.PathUnescape` error for an escaped path, `invalid URL escape "%zz"` (the bad escape,
 * at most three characters), or `undefined` when every `%` starts a valid escape.
 */
export function unescapeError(path: string): string | undefined {
  for (let i = path.indexOf('%'); i !== -1; i = path.indexOf('%', i + 3)) {
    if (hexValue(path.charCodeAt(i + 1)) < 0 || hexValue(path.charCodeAt(i + 2)) < 0) {
      return `invalid URL escape ${JSON.stringify(path.slice(i, i + 3))}`;
    }
  }
  return undefined;
}
