/**
 * Reads the server name (SNI, RFC 6066 §3) and the offered application protocols (ALPN, RFC
 * 7301) from the first bytes of a TLS connection — the ClientHello — before any TLS server sees
 * them, as Traefik's TCP router peeks them (`pkg/server/router/tcp/router.go` `clientHelloInfo`).
 * A TLS entry point decides from them which TLS options (versions, ciphers, client
 * authentication) the handshake gets and whether it is an ACME TLS-ALPN-01 challenge.
 *
 * The ClientHello is one handshake message that may span several TLS records (RFC 8446 §5.1),
 * each of which may arrive in several TCP segments: the parser takes all bytes read so far and
 * says whether it needs more. It only reads; the TLS server parses the same bytes again.
 */

/** Largest ClientHello accepted (post-quantum key shares make them ~2 KiB; OpenSSL allows far less than 2^24). */
export const MAX_CLIENT_HELLO_BYTES = 64 * 1024;

/** What {@link parseClientHello} found. */
export type ClientHelloResult =
  | { readonly kind: 'incomplete' }
  | { readonly kind: 'hello'; readonly serverName: string | undefined; readonly alpn: readonly string[] }
  | { readonly kind: 'invalid'; readonly reason: string };

const RECORD_HANDSHAKE = 0x16;
const HANDSHAKE_CLIENT_HELLO = 0x01;
const EXT_SERVER_NAME = 0x0000;
const EXT_ALPN = 0x0010;
const INCOMPLETE: ClientHelloResult = { kind: 'incomplete' };

function invalid(reason: string): ClientHelloResult {
  return { kind: 'invalid', reason };
}

/** True when `first` starts a TLS handshake record (what a TLS client sends first). */
export function looksLikeTls(first: number): boolean {
  return first === RECORD_HANDSHAKE;
}

/**
 * Joins the handshake-record fragments of `data` until the whole first handshake message is
 * there; `undefined` when more bytes are needed.
 */
function handshakeMessage(data: Buffer): Buffer | string | undefined {
  const fragments: Buffer[] = [];
  let have = 0;
  let need = -1;
  let offset = 0;
  while (need < 0 || have < need) {
    if (data.length < offset + 5) return undefined;
    if (data[offset] !== RECORD_HANDSHAKE) return 'a record other than handshake before the ClientHello ended';
    const length = data.readUInt16BE(offset + 3);
    if (length === 0) return 'an empty handshake record';
    if (data.length < offset + 5 + length) return undefined;
    fragments.push(data.subarray(offset + 5, offset + 5 + length));
    have += length;
    offset += 5 + length;
    if (need < 0 && have >= 4) {
      const joined = Buffer.concat(fragments);
      if (joined[0] !== HANDSHAKE_CLIENT_HELLO) return 'the first handshake message is not a ClientHello';
      need = 4 + joined.readUIntBE(1, 3);
      if (need > MAX_CLIENT_HELLO_BYTES) return `a ClientHello of ${need} bytes (at most ${MAX_CLIENT_HELLO_BYTES})`;
    }
  }
  return Buffer.concat(fragments).subarray(0, need);
}

/** A bounds-checked reader over the ClientHello body. */
class Reader {
  #at = 0;
  constructor(private readonly buf: Buffer) {}
  get left(): number {
    return this.buf.length - this.#at;
  }
  u8(): number {
    return this.#take(1).readUInt8(0);
  }
  u16(): number {
    return this.#take(2).readUInt16BE(0);
  }
  bytes(n: number): Buffer {
    return this.#take(n);
  }
  #take(n: number): Buffer {
    if (this.#at + n > this.buf.length) throw new RangeError('truncated');
    const slice = this.buf.subarray(this.#at, this.#at + n);
    this.#at += n;
    return slice;
  }
}

function readServerName(data: Buffer): string | undefined {
  const r = new Reader(data);
  const list = new Reader(r.bytes(r.u16()));
  while (list.left > 0) {
    const type = list.u8();
    const name = list.bytes(list.u16());
    if (type === 0) return name.toString('latin1');
  }
  return undefined;
}

function readAlpn(data: Buffer): string[] {
  const r = new Reader(data);
  const list = new Reader(r.bytes(r.u16()));
  const protocols: string[] = [];
  while (list.left > 0) protocols.push(list.bytes(list.u8()).toString('latin1'));
  return protocols;
}

/** Parses the ClientHello at the start of `data` (all bytes read so far); see module comment. */
export function parseClientHello(data: Buffer): ClientHelloResult {
  if (data.length === 0) return INCOMPLETE;
  if (data[0] !== RECORD_HANDSHAKE) return invalid('not a TLS handshake record');
  const message = handshakeMessage(data);
  if (message === undefined) return INCOMPLETE;
  if (typeof message === 'string') return invalid(message);
  try {
    const r = new Reader(message.subarray(4));
    r.bytes(2 + 32); // legacy_version, random
    r.bytes(r.u8()); // legacy_session_id
    r.bytes(r.u16()); // cipher_suites
    r.bytes(r.u8()); // legacy_compression_methods
    let serverName: string | undefined;
    let alpn: string[] = [];
    if (r.left === 0) return { kind: 'hello', serverName, alpn }; // no extensions (SSL 3.0 style)
    const extensions = new Reader(r.bytes(r.u16()));
    while (extensions.left > 0) {
      const type = extensions.u16();
      const body = extensions.bytes(extensions.u16());
      if (type === EXT_SERVER_NAME) serverName = readServerName(body);
      else if (type === EXT_ALPN) alpn = readAlpn(body);
    }
    return { kind: 'hello', serverName, alpn };
  } catch {
    return invalid('a truncated ClientHello');
  }
}
