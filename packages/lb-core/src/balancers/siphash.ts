/**
 * SipHash-2-4 (Aumasson and Bernstein, 2012) in pure JavaScript: a keyed 64-bit pseudorandom
 * function designed for short inputs, used to turn a server id into an opaque sticky-cookie
 * value (under a fixed public key by default, so every balancer agrees: `stickyCookieValue`;
 * under a secret key when one is given) and a service name into a cookie name. Uses `BigInt`,
 * so it is meant for precomputation (on `update`), not for the per-request path.
 *
 * Strength, honestly: SipHash-2-4 is a PRF with a 128-bit key and a 64-bit output. Under a
 * secret key, a client can neither recover the id from a cookie value nor compute the value of
 * a server it has not been sent to, except by guessing 64-bit values; under the public key the
 * value is opaque but anyone knowing an id can compute it. It is not a MAC for long-term
 * secrets or a password hash.
 */

const MASK = 0xffffffffffffffffn;

/** Encodes `text` as UTF-8 bytes (lone surrogates become U+FFFD, as in `TextEncoder`). */
export function utf8(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const char of text) {
    let cp = char.codePointAt(0) ?? 0xfffd;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) bytes.push(cp);
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return Uint8Array.from(bytes);
}

const rotl = (x: bigint, b: bigint): bigint => ((x << b) | (x >> (64n - b))) & MASK;

/** Reads 8 little-endian bytes from `bytes` at `offset` (missing bytes count as 0). */
function readU64(bytes: Uint8Array, offset: number, length = 8): bigint {
  let value = 0n;
  for (let i = length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[offset + i] ?? 0);
  return value;
}

/**
 * SipHash-2-4 of `message` under the 16-byte `key`, as an unsigned 64-bit `bigint`.
 * Throws a `RangeError` when the key is not 16 bytes (a programming error).
 */
export function sipHash24(key: Uint8Array, message: Uint8Array): bigint {
  if (key.length !== 16) throw new RangeError('SipHash key must be 16 bytes');
  const k0 = readU64(key, 0);
  const k1 = readU64(key, 8);
  const v = [k0 ^ 0x736f6d6570736575n, k1 ^ 0x646f72616e646f6dn, k0 ^ 0x6c7967656e657261n, k1 ^ 0x7465646279746573n];
  const round = (): void => {
    let [v0, v1, v2, v3] = v as [bigint, bigint, bigint, bigint];
    v0 = (v0 + v1) & MASK;
    v1 = rotl(v1, 13n);
    v1 ^= v0;
    v0 = rotl(v0, 32n);
    v2 = (v2 + v3) & MASK;
    v3 = rotl(v3, 16n);
    v3 ^= v2;
    v0 = (v0 + v3) & MASK;
    v3 = rotl(v3, 21n);
    v3 ^= v0;
    v2 = (v2 + v1) & MASK;
    v1 = rotl(v1, 17n);
    v1 ^= v2;
    v2 = rotl(v2, 32n);
    v[0] = v0;
    v[1] = v1;
    v[2] = v2;
    v[3] = v3;
  };
  const compress = (m: bigint): void => {
    v[3] = (v[3] as bigint) ^ m;
    round();
    round();
    v[0] = (v[0] as bigint) ^ m;
  };
  const whole = message.length - (message.length % 8);
  for (let offset = 0; offset < whole; offset += 8) compress(readU64(message, offset));
  compress((BigInt(message.length & 0xff) << 56n) | readU64(message, whole, message.length - whole));
  v[2] = (v[2] as bigint) ^ 0xffn;
  for (let i = 0; i < 4; i++) round();
  const [v0, v1, v2, v3] = v as [bigint, bigint, bigint, bigint];
  return v0 ^ v1 ^ v2 ^ v3;
}

const ZERO_KEY = new Uint8Array(16);

/**
 * Derives a 16-byte SipHash key from a secret string. A string of exactly 32 hex digits is
 * used as the key itself; any other string is condensed with SipHash under a fixed key (two
 * domain-separated 64-bit halves), which keeps up to 128 bits of a random secret's entropy.
 * It is not a password-stretching KDF: pass a random secret, not a human password.
 */
export function deriveKey(secret: string): Uint8Array {
  const key = new Uint8Array(16);
  if (/^[0-9a-fA-F]{32}$/.test(secret)) {
    for (let i = 0; i < 16; i++) key[i] = Number.parseInt(secret.slice(i * 2, i * 2 + 2), 16);
    return key;
  }
  const halves = [
    sipHash24(ZERO_KEY, utf8(`junction-key-0:${secret}`)),
    sipHash24(ZERO_KEY, utf8(`junction-key-1:${secret}`)),
  ];
  halves.forEach((half, h) => {
    for (let i = 0; i < 8; i++) key[h * 8 + i] = Number((half >> BigInt(8 * i)) & 0xffn);
  });
  return key;
}

/**
 * The keyed sticky-cookie hash (used when a `secret` is given): SipHash-2-4 of the UTF-8 id
 * under the key derived from `secret` by {@link deriveKey}, as 16 lower-case hex digits.
 */
export function sipHashHex(secret: string, id: string): string {
  return sipHash24(deriveKey(secret), utf8(id)).toString(16).padStart(16, '0');
}
