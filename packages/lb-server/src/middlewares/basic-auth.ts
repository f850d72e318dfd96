/**
 * `basicAuth` (Traefik): HTTP Basic authentication against htpasswd entries (`user:hash`) from
 * `users` and `usersFile` (read once at construction through `deps.readFile`; blank lines and
 * `#` comments skipped; on a name in both, the file wins, as Traefik documents). Failure answers
 * 401 with `WWW-Authenticate: Basic realm="…"` (default realm `traefik`). Success can put the
 * user name in the upstream header `headerField` and drop `Authorization` (`removeHeader`).
 *
 * bcrypt cache, and its trade-off: a bcrypt check costs tens of milliseconds of CPU, so a client
 * sending valid credentials on every request would pay it every time. Successful checks are
 * remembered in an LRU of {@link BASIC_AUTH_CACHE_SIZE} keys, each an HMAC-SHA256 (random
 * per-instance key) of user, password and stored hash, so repeated good requests cost one HMAC,
 * a changed hash invalidates the entry, and concurrent checks of the same credentials share one
 * computation. The price: while cached, a password is verified by a fast hash held in memory
 * rather than by bcrypt, so someone able to read this process's memory could test guesses for
 * cached users quickly (they would also need the HMAC key, which lives there too). Failures are
 * not cached: a flood of wrong passwords still pays bcrypt, as it does in Traefik.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { ConfigReader } from './config-reader';
import { invalid } from './errors';
import { hashKind, verifyBcrypt, verifySync, type HashKind } from './htpasswd';
import { LruSet } from './lru';
import {
  requestHeader,
  type Middleware,
  type MiddlewareDeps,
  type MiddlewareResponse,
  type ProxyContext,
} from './middleware';

/** How many successful bcrypt verifications are remembered per middleware. */
export const BASIC_AUTH_CACHE_SIZE = 1024;

interface Entry {
  readonly hash: string;
  readonly kind: HashKind;
}

function parseEntry(line: string, path: string, users: Map<string, Entry>): void {
  const parts = line.split(':');
  if (parts.length !== 2 || parts[0] === '') throw invalid(path, 'expected "user:hash"');
  const [user = '', hash = ''] = parts;
  const kind = hashKind(hash);
  if (kind === undefined) {
    throw invalid(
      path,
      `unsupported password hash for user ${JSON.stringify(user)}: use bcrypt, apr1 or SHA1 (plain text is not accepted)`,
    );
  }
  users.set(user, { hash, kind });
}

function readUsers(options: ConfigReader, deps: MiddlewareDeps): Map<string, Entry> {
  const users = new Map<string, Entry>();
  (options.list('users') ?? []).forEach((line, i) => parseEntry(line, options.at('users', i), users));
  const file = options.string('usersFile')?.trim();
  if (file) {
    if (deps.readFile === undefined) throw invalid(options.at('usersFile'), 'no file reader available');
    let text: string;
    try {
      text = deps.readFile(file);
    } catch (err) {
      throw invalid(options.at('usersFile'), `cannot read ${file}: ${(err as Error).message}`);
    }
    text.split('\n').forEach((raw, i) => {
      const line = raw.trim();
      if (line !== '' && !line.startsWith('#')) parseEntry(line, `${options.at('usersFile')}:${i + 1}`, users);
    });
  }
  if (users.size === 0) throw invalid(options.at('users'), 'at least one user is required');
  return users;
}

/** Decodes `Authorization: Basic …` into user and password (split at the first colon). */
export function parseBasicCredentials(header: string | undefined): { user: string; password: string } | undefined {
  if (header === undefined || header.length < 6 || header.slice(0, 6).toLowerCase() !== 'basic ') return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Builds a `basicAuth` middleware. */
export function createBasicAuth(name: string, options: ConfigReader, deps: MiddlewareDeps = {}): Middleware {
  const users = readUsers(options, deps);
  const realm = options.string('realm')?.trim() || 'traefik';
  const headerField = options.string('headerField')?.trim().toLowerCase() || undefined;
  const removeHeader = options.bool('removeHeader') ?? false;
  options.done();

  const unauthorized: MiddlewareResponse = Object.freeze({
    status: 401,
    headers: Object.freeze({
      'www-authenticate': `Basic realm="${realm.replace(/["\\]/g, '\\$&')}"`,
      'content-type': 'text/plain; charset=utf-8',
    }),
    body: '401 Unauthorized\n',
  });
  const hmacKey = randomBytes(32);
  const verified = new LruSet(BASIC_AUTH_CACHE_SIZE);
  const pending = new Map<string, Promise<boolean>>();

  const accept = (ctx: ProxyContext, user: string): undefined => {
    if (headerField !== undefined) ctx.upstreamHeaders[headerField] = user;
    if (removeHeader) ctx.upstreamHeaders.authorization = '';
    return undefined;
  };
  const checkBcrypt = (user: string, password: string, hash: string): true | Promise<boolean> => {
    const key = createHmac('sha256', hmacKey).update(`${user}\0${password}\0${hash}`).digest('base64');
    if (verified.has(key)) return true;
    let check = pending.get(key);
    if (check === undefined) {
      check = verifyBcrypt(password, hash)
        .then(
          (ok) => {
            if (ok) verified.add(key);
            return ok;
          },
          () => false,
        )
        .finally(() => pending.delete(key));
      pending.set(key, check);
    }
    return check;
  };

  return {
    name,
    type: 'basicAuth',
    handle(ctx) {
      const creds = parseBasicCredentials(requestHeader(ctx, 'authorization'));
      const entry = creds === undefined ? undefined : users.get(creds.user);
      if (creds === undefined || entry === undefined) return unauthorized;
      if (entry.kind !== 'bcrypt')
        return verifySync(creds.password, entry.hash, entry.kind) ? accept(ctx, creds.user) : unauthorized;
      const ok = checkBcrypt(creds.user, creds.password, entry.hash);
      if (ok === true) return accept(ctx, creds.user);
      return ok.then((good) => (good ? accept(ctx, creds.user) : unauthorized));
    },
  };
}
