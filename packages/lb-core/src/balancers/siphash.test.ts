import { describe, expect, it } from 'vitest';
import { fnv1a32 } from './hash';
import { deriveKey, sipHash24, sipHashHex, utf8 } from './siphash';

const KEY = Uint8Array.from({ length: 16 }, (_, i) => i);
const bytes = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => i);

describe('SipHash-2-4', () => {
  // Reference vectors from the SipHash paper (key 00..0f, message 00..n-1).
  it.each([
    { length: 0, expected: 0x726fdb47dd0e0e31n },
    { length: 1, expected: 0x74f839c593dc67fdn },
    { length: 7, expected: 0xab0200f58b01d137n },
    { length: 8, expected: 0x93f5f5799a932462n },
    { length: 15, expected: 0xa129ca6149be45e5n },
    { length: 63, expected: 0x958a324ceb064572n },
  ])('matches the reference vector for $length bytes', ({ length, expected }) => {
    expect(sipHash24(KEY, bytes(length))).toBe(expected);
  });

  it('rejects a key that is not 16 bytes', () => {
    expect(() => sipHash24(new Uint8Array(8), bytes(1))).toThrow(RangeError);
  });

  it('uses 32 hex digits as the key itself, and condenses other secrets', () => {
    expect(deriveKey('000102030405060708090a0b0c0d0e0f')).toEqual(KEY);
    expect(deriveKey('correct horse')).toHaveLength(16);
    expect(deriveKey('correct horse')).not.toEqual(deriveKey('correct horsf'));
  });

  it('gives 16 hex digits that depend on both the secret and the id', () => {
    const value = sipHashHex('s3cret', 'web-1');
    expect(value).toMatch(/^[0-9a-f]{16}$/);
    expect(sipHashHex('s3cret', 'web-1')).toBe(value);
    expect(sipHashHex('s3cret', 'web-2')).not.toBe(value);
    expect(sipHashHex('other', 'web-1')).not.toBe(value);
  });

  it.each([
    { text: 'a', expected: [0x61] },
    { text: 'é', expected: [0xc3, 0xa9] },
    { text: '☕', expected: [0xe2, 0x98, 0x95] },
    { text: '😀', expected: [0xf0, 0x9f, 0x98, 0x80] },
    { text: '\ud800', expected: [0xef, 0xbf, 0xbd] },
  ])('encodes $text as UTF-8', ({ text, expected }) => {
    expect([...utf8(text)]).toEqual(expected);
  });
});

describe('FNV-1a 32', () => {
  it.each([
    { text: '', expected: 0x811c9dc5 },
    { text: 'a', expected: 0xe40c292c },
    { text: 'foobar', expected: 0xbf9cf968 },
  ])('hashes "$text"', ({ text, expected }) => {
    expect(fnv1a32(text)).toBe(expected);
  });
});
