import { describe, expect, it } from 'vitest';
import { hashKind, safeEqual, verifyBcrypt, verifySync } from './htpasswd';

// Vectors made by independent tools: `openssl passwd -apr1/-1` and libxcrypt's crypt(3).
const APR1 = '$apr1$abcdefgh$h9FWgUz3n9YxylKLlR5SQ/'; // secret
const APR1_UTF8 = '$apr1$Zx9Y8w7V$UUN16QsFChSjnTu6Npbjn0'; // pässwörd
const MD5_CRYPT = '$1$abcdefgh$cHJi5PXp/ki/ktXzqlk6I1'; // secret
const SHA1 = '{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ='; // secret
const BCRYPT_2B = '$2b$04$y3/d4w9zmNGM8c5R1/XSr.LsSmC5Ct.VsT.9Pl60IozZJFtYtPcey'; // secret
const BCRYPT_2Y = '$2y$04$abcdefghijklmnopqrstuu2r9OfJnfCsdneAXAGHnS4UpFFP8WIrW'; // secret
const BCRYPT_2A = '$2a$05$0123456789abcdefghijkezUgIbSggCpWorCPjVZj7Y5z/jqErOkG'; // hunter2

describe('hashKind', () => {
  it.each([
    { hash: APR1, kind: 'apr1' },
    { hash: MD5_CRYPT, kind: 'md5-crypt' },
    { hash: SHA1, kind: 'sha1' },
    { hash: BCRYPT_2B, kind: 'bcrypt' },
    { hash: BCRYPT_2Y, kind: 'bcrypt' },
    { hash: 'secret', kind: undefined },
    { hash: '$2x$04$abcdefghijklmnopqrstuu2r9OfJnfCsdneAXAGHnS4UpFFP8WIrW', kind: undefined },
    { hash: '{SHA}short', kind: undefined },
  ])('$hash → $kind', ({ hash, kind }) => {
    expect(hashKind(hash)).toBe(kind);
  });
});

describe('verifySync', () => {
  it.each([
    { hash: APR1, kind: 'apr1' as const, password: 'secret', ok: true },
    { hash: APR1, kind: 'apr1' as const, password: 'Secret', ok: false },
    { hash: APR1_UTF8, kind: 'apr1' as const, password: 'pässwörd', ok: true },
    { hash: MD5_CRYPT, kind: 'md5-crypt' as const, password: 'secret', ok: true },
    { hash: MD5_CRYPT, kind: 'md5-crypt' as const, password: 'secret ', ok: false },
    { hash: SHA1, kind: 'sha1' as const, password: 'secret', ok: true },
    { hash: SHA1, kind: 'sha1' as const, password: '', ok: false },
  ])('$kind "$password" → $ok', ({ hash, kind, password, ok }) => {
    expect(verifySync(password, hash, kind)).toBe(ok);
  });
});

describe('verifyBcrypt', () => {
  it.each([
    { hash: BCRYPT_2B, password: 'secret', ok: true },
    { hash: BCRYPT_2Y, password: 'secret', ok: true },
    { hash: BCRYPT_2A, password: 'hunter2', ok: true },
    { hash: BCRYPT_2Y, password: 'wrong', ok: false },
  ])('$hash "$password" → $ok', async ({ hash, password, ok }) => {
    expect(await verifyBcrypt(password, hash)).toBe(ok);
  });
});

describe('safeEqual', () => {
  it.each([
    { a: 'abc', b: 'abc', ok: true },
    { a: 'abc', b: 'abd', ok: false },
    { a: 'abc', b: 'abcd', ok: false },
  ])('$a vs $b', ({ a, b, ok }) => {
    expect(safeEqual(a, b)).toBe(ok);
  });
});
