/**
 * htpasswd hash verification, for the formats Traefik's basicAuth accepts (it uses
 * `go-http-auth`): bcrypt (`$2a$`, `$2b$`, `$2y$`), Apache MD5 (`$apr1$`), MD5-crypt (`$1$`) and
 * SHA-1 (`{SHA}` + base64). Plain-text passwords are not a format: Traefik never matches them,
 * and Junction rejects them at construction so the mistake is visible.
 *
 * MD5 and SHA-1 are checked synchronously and compared in constant time. bcrypt is deliberately
 * slow (tens of milliseconds in JavaScript), so it runs asynchronously (bcryptjs yields to the
 * event loop between rounds); basicAuth caches its successes.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import aprMd5 from 'apache-md5';
import bcrypt from 'bcryptjs';

/** The hash formats understood. */
export type HashKind = 'bcrypt' | 'apr1' | 'md5-crypt' | 'sha1';

/** The format of an htpasswd hash, or `undefined` when it is not one (e.g. plain text). */
export function hashKind(hash: string): HashKind | undefined {
  if (/^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/.test(hash)) return 'bcrypt';
  if (/^\$apr1\$[^$]{1,8}\$[./A-Za-z0-9]{22}$/.test(hash)) return 'apr1';
  if (/^\$1\$[^$]{1,8}\$[./A-Za-z0-9]{22}$/.test(hash)) return 'md5-crypt';
  if (/^\{SHA\}[A-Za-z0-9+/]{27}=$/.test(hash)) return 'sha1';
  return undefined;
}

/** Constant-time string equality (lengths are equalised by hashing both sides first). */
export function safeEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db);
}

/**
 * Checks `password` against a non-bcrypt `hash` synchronously. apache-md5 hashes a string's
 * code units as bytes, so the password is handed over as its UTF-8 bytes (what htpasswd hashes).
 */
export function verifySync(password: string, hash: string, kind: Exclude<HashKind, 'bcrypt'>): boolean {
  if (kind === 'sha1') {
    return safeEqual(`{SHA}${createHash('sha1').update(password, 'utf8').digest('base64')}`, hash);
  }
  const bytes = Buffer.from(password, 'utf8').toString('latin1');
  return safeEqual(aprMd5(bytes, hash), hash);
}

/** Checks `password` against a bcrypt `hash` without blocking the event loop. */
export function verifyBcrypt(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}
