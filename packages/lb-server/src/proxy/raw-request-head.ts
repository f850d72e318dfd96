/**
 * Reads one HTTP/1.x request head from the bytes Node's parser refused, for the entry point's
 * fallback to method tokens llhttp does not know (`server/unparsed-method.ts`). Strict and
 * bounded: the request line `token SP target SP HTTP/1.x` (RFC 9112 §3, method a RFC 9110 token,
 * target visible ASCII), then header lines `token ":" OWS value OWS` each ending in CRLF (no
 * obs-fold, no bare LF, no control bytes in values) up to the empty line. It reads at most
 * `limit` bytes; anything else, or a head not complete in them, is `undefined`. Never throws.
 */

/** RFC 9110 §5.6.2 `tchar`, by byte. */
const TCHAR = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") {
  TCHAR[c.charCodeAt(0)] = 1;
}
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const REQUEST_LINE = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+) ([\x21-\x7e]+) HTTP\/1\.([01])$/;
/** A field value: visible bytes, obs-text, spaces and tabs (RFC 9110 §5.5). */
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** A request head read from raw bytes. */
export interface RawRequestHead {
  readonly method: string;
  /** The request target as sent. */
  readonly url: string;
  /** 0 for HTTP/1.0, 1 for HTTP/1.1. */
  readonly httpVersionMinor: number;
  /** Names and values alternating, as sent (Node's `rawHeaders`). */
  readonly rawHeaders: string[];
  /** Lower-case names; repeated lines joined with `, ` (`set-cookie` kept as a list). */
  readonly headers: Record<string, string | string[]>;
}

/** Whether `packet[0..end)` is all token bytes (the start of the refused request's method). */
export function startsWithToken(packet: Buffer, end: number): boolean {
  if (end > packet.length) return false;
  for (let i = 0; i < end; i++) if (TCHAR[packet[i] as number] !== 1) return false;
  return true;
}

/** Reads the head at the start of `packet` (see module comment). */
export function readRequestHead(packet: Buffer, limit: number): RawRequestHead | undefined {
  const end = packet.subarray(0, limit).indexOf('\r\n\r\n', 0, 'latin1');
  if (end === -1) return undefined;
  const lines = packet.toString('latin1', 0, end).split('\r\n');
  const line = REQUEST_LINE.exec(lines[0] as string);
  if (line === null) return undefined;
  const rawHeaders: string[] = [];
  const headers: Record<string, string | string[]> = {};
  for (let i = 1; i < lines.length; i++) {
    const text = lines[i] as string;
    const colon = text.indexOf(':');
    if (colon <= 0) return undefined;
    const name = text.slice(0, colon);
    const value = text.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
    if (!TOKEN.test(name) || !FIELD_VALUE.test(value)) return undefined; // obs-fold starts with SP: no token
    rawHeaders.push(name, value);
    const key = name.toLowerCase();
    const seen = headers[key];
    if (key === 'set-cookie') headers[key] = [...((seen as string[] | undefined) ?? []), value];
    else headers[key] = seen === undefined ? value : `${seen as string}, ${value}`;
  }
  return {
    method: line[1] as string,
    url: line[2] as string,
    httpVersionMinor: Number(line[3]),
    rawHeaders,
    headers,
  };
}
