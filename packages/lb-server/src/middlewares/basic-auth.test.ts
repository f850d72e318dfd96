import { describe, expect, it } from 'vitest';
import { parseBasicCredentials } from './basic-auth';
import type { MiddlewareDeps } from './middleware';
import { createMiddleware } from './registry';
import { makeContext, run } from '../../test/support/middlewares/proxy-context';

// Hashes made by independent tools (openssl passwd, libxcrypt): every password is "secret".
const USERS = [
  'bob:$2y$04$abcdefghijklmnopqrstuu2r9OfJnfCsdneAXAGHnS4UpFFP8WIrW',
  'ann:$apr1$abcdefgh$h9FWgUz3n9YxylKLlR5SQ/',
  'sam:{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ=',
];

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

describe('basicAuth middleware', () => {
  const mw = createMiddleware('auth', { basicAuth: { users: USERS } });

  it.each([
    { desc: 'bcrypt user', user: 'bob', password: 'secret', ok: true },
    { desc: 'apr1 user', user: 'ann', password: 'secret', ok: true },
    { desc: 'SHA1 user', user: 'sam', password: 'secret', ok: true },
    { desc: 'bcrypt wrong password', user: 'bob', password: 'nope', ok: false },
    { desc: 'apr1 wrong password', user: 'ann', password: 'Secret', ok: false },
    { desc: 'SHA1 wrong password', user: 'sam', password: 'secret!', ok: false },
    { desc: 'unknown user', user: 'eve', password: 'secret', ok: false },
  ])('$desc → $ok', async ({ user, password, ok }) => {
    const { result } = await run(mw, { headers: { authorization: basic(user, password) } });
    if (ok) expect(result).toBeUndefined();
    else expect(result).toMatchObject({ status: 401, headers: { 'www-authenticate': 'Basic realm="traefik"' } });
  });

  it.each([
    { desc: 'no header', headers: {} },
    { desc: 'another scheme', headers: { authorization: 'Bearer abc' } },
    { desc: 'no colon', headers: { authorization: `Basic ${Buffer.from('bob').toString('base64')}` } },
  ])('refuses $desc', async ({ headers }) => {
    const { result } = await run(mw, { headers });
    expect(result?.status).toBe(401);
  });

  it('uses the configured realm, sets headerField and removes Authorization', async () => {
    const custom = createMiddleware('auth', {
      basicAuth: { users: USERS, realm: 'My "Zone"', headerField: 'X-WebAuth-User', removeHeader: true },
    });
    const denied = await run(custom);
    expect(denied.result?.headers?.['www-authenticate']).toBe('Basic realm="My \\"Zone\\""');
    const { result, ctx } = await run(custom, { headers: { authorization: basic('ann', 'secret') } });
    expect(result).toBeUndefined();
    expect(ctx.upstreamHeaders).toEqual({ 'x-webauth-user': 'ann', authorization: '' });
  });

  it('answers a cached bcrypt success synchronously, and shares concurrent checks', async () => {
    const fresh = createMiddleware('auth', { basicAuth: { users: USERS } });
    const good = { headers: { authorization: basic('bob', 'secret') } };
    const a = fresh.handle(makeContext(good));
    const b = fresh.handle(makeContext(good));
    expect(a).toBeInstanceOf(Promise);
    expect(await a).toBeUndefined();
    expect(await b).toBeUndefined();
    expect(fresh.handle(makeContext(good))).toBeUndefined(); // no Promise: served from the cache
    const wrong = fresh.handle(makeContext({ headers: { authorization: basic('bob', 'guess') } }));
    expect(wrong).toBeInstanceOf(Promise);
    expect(await wrong).toMatchObject({ status: 401 });
  });

  it('reads usersFile once through deps.readFile; the file wins over users', async () => {
    const reads: string[] = [];
    const deps: MiddlewareDeps = {
      readFile: (path) => {
        reads.push(path);
        return '# comment\n\n  sam:{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ=  \n';
      },
    };
    const mw2 = createMiddleware(
      'auth',
      { basicAuth: { users: ['sam:{SHA}AAAAAAAAAAAAAAAAAAAAAAAAAAA='], usersFile: '/etc/users' } },
      deps,
    );
    expect((await run(mw2, { headers: { authorization: basic('sam', 'secret') } })).result).toBeUndefined();
    expect((await run(mw2, { headers: { authorization: basic('sam', 'secret') } })).result).toBeUndefined();
    expect(reads).toEqual(['/etc/users']);
  });

  it.each([
    { desc: 'plain-text password', config: { users: ['bob:secret'] }, path: 'basicAuth.users[0]' },
    { desc: 'missing hash', config: { users: [USERS[0], 'bob'] }, path: 'basicAuth.users[1]' },
    { desc: 'too many colons', config: { users: ['a:b:c'] }, path: 'basicAuth.users[0]' },
    { desc: 'no users', config: {}, path: 'basicAuth.users' },
    { desc: 'usersFile without a reader', config: { usersFile: '/x' }, path: 'basicAuth.usersFile' },
    { desc: 'unknown option', config: { users: USERS, realmm: 'x' }, path: 'basicAuth.realmm' },
  ])('rejects $desc at $path', ({ config, path }) => {
    expect(() => createMiddleware('a', { basicAuth: config })).toThrow(
      expect.objectContaining({ code: 'LB_MIDDLEWARE_INVALID', path }),
    );
  });

  it('reports the file line of a bad entry, and an unreadable file', () => {
    const bad: MiddlewareDeps = { readFile: () => 'sam:{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ=\nbob:plain\n' };
    expect(() => createMiddleware('a', { basicAuth: { usersFile: 'f' } }, bad)).toThrow(
      expect.objectContaining({ path: 'basicAuth.usersFile:2' }),
    );
    const missing: MiddlewareDeps = {
      readFile: () => {
        throw new Error('ENOENT');
      },
    };
    expect(() => createMiddleware('a', { basicAuth: { usersFile: 'f' } }, missing)).toThrow(/ENOENT/);
  });
});

describe('parseBasicCredentials', () => {
  it.each([
    { header: basic('a', 'b:c'), expected: { user: 'a', password: 'b:c' } },
    { header: `basic ${Buffer.from('u:').toString('base64')}`, expected: { user: 'u', password: '' } },
    { header: 'Basic', expected: undefined },
    { header: undefined, expected: undefined },
  ])('$header', ({ header, expected }) => {
    expect(parseBasicCredentials(header)).toEqual(expected);
  });
});
