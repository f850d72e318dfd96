/**
 * Who may act on the dashboard: HTTP Basic users with htpasswd hashes (bcrypt, apr1, SHA-1 — the
 * formats of Traefik's basicAuth, verified by the same code, `middlewares/htpasswd.ts`) and/or
 * one bearer token (`Authorization: Bearer …`, compared in constant time). Plain-text passwords
 * are refused when the options are read, so a mistake is loud.
 *
 * Successful bcrypt checks are remembered (keyed by an HMAC of user, password and hash under a
 * per-process key), as in the basicAuth middleware: the dashboard's assets and event stream
 * would otherwise pay bcrypt's tens of milliseconds on every request.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { parseBasicCredentials } from '../middlewares/basic-auth';
import { hashKind, safeEqual, verifyBcrypt, verifySync, type HashKind } from '../middlewares/htpasswd';
import { LruSet } from '../middlewares/lru';

/** An authenticated caller, for the audit log. */
export interface Principal {
  /** The user name; `token` for the bearer token. */
  readonly user: string;
  readonly method: 'basic' | 'bearer';
}

/** Credentials the dashboard accepts. */
export interface DashboardCredentials {
  /** htpasswd entries, `user:hash`. */
  readonly users?: readonly string[];
  /** The bearer token; at least 16 characters. */
  readonly token?: string;
}

/** The shortest bearer token accepted. */
export const MIN_TOKEN_LENGTH = 16;

interface Entry {
  readonly hash: string;
  readonly kind: HashKind;
}

/** Parses htpasswd lines; throws a `TypeError` naming the bad line (plain text, no colon). */
export function parseUsers(lines: readonly string[]): Map<string, Entry> {
  const users = new Map<string, Entry>();
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const colon = line.indexOf(':');
    const user = line.slice(0, colon);
    const hash = line.slice(colon + 1);
    const kind = colon > 0 ? hashKind(hash) : undefined;
    if (kind === undefined)
      throw new TypeError(
        `dashboard user entry ${i + 1}: expected "user:hash" with a bcrypt, apr1 or SHA1 hash (plain text is not accepted)`,
      );
    users.set(user, { hash, kind });
  });
  return users;
}

/** Checks `Authorization` headers against the configured users and token. */
export class DashboardAuth {
  readonly #users: Map<string, Entry>;
  readonly #token: string | undefined;
  readonly #key = randomBytes(32);
  readonly #verified = new LruSet(256);

  constructor(credentials: DashboardCredentials) {
    this.#users = parseUsers(credentials.users ?? []);
    const token = credentials.token?.trim();
    if (token !== undefined && token !== '' && token.length < MIN_TOKEN_LENGTH) {
      throw new TypeError(`the dashboard token must be at least ${MIN_TOKEN_LENGTH} characters`);
    }
    this.#token = token === '' ? undefined : token;
  }

  /** Whether any credential is configured (otherwise every action is refused). */
  get enabled(): boolean {
    return this.#users.size > 0 || this.#token !== undefined;
  }

  /** The methods configured, for the UI's sign-in form. */
  get methods(): ('basic' | 'bearer')[] {
    return [
      ...(this.#users.size > 0 ? ['basic' as const] : []),
      ...(this.#token === undefined ? [] : ['bearer' as const]),
    ];
  }

  /** The caller named by an `Authorization` header, or `undefined` when it does not check out. */
  async authenticate(header: string | undefined): Promise<Principal | undefined> {
    if (header === undefined) return undefined;
    if (/^bearer /i.test(header)) {
      const given = header.slice(7).trim();
      return this.#token !== undefined && safeEqual(given, this.#token)
        ? { user: 'token', method: 'bearer' }
        : undefined;
    }
    const creds = parseBasicCredentials(header);
    const entry = creds === undefined ? undefined : this.#users.get(creds.user);
    if (creds === undefined || entry === undefined) return undefined;
    const ok =
      entry.kind === 'bcrypt'
        ? await this.#bcrypt(creds.user, creds.password, entry.hash)
        : verifySync(creds.password, entry.hash, entry.kind);
    return ok ? { user: creds.user, method: 'basic' } : undefined;
  }

  async #bcrypt(user: string, password: string, hash: string): Promise<boolean> {
    const key = createHmac('sha256', this.#key).update(`${user}\0${password}\0${hash}`).digest('base64');
    if (this.#verified.has(key)) return true;
    const ok = await verifyBcrypt(password, hash).catch(() => false);
    if (ok) this.#verified.add(key);
    return ok;
  }
}
