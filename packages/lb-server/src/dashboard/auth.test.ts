import { createHash } from 'node:crypto';
import aprMd5 from 'apache-md5';
import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { DashboardAuth, parseUsers } from './auth';

const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const users = [
  `bee:${bcrypt.hashSync('pw-bee', 4)}`,
  `apr:${aprMd5('pw-apr')}`,
  `sha:{SHA}${createHash('sha1').update('pw-sha').digest('base64')}`,
];
const TOKEN = 'a-long-enough-token-value';

describe('DashboardAuth', () => {
  const auth = new DashboardAuth({ users, token: TOKEN });

  it.each([
    { desc: 'bcrypt user', header: basic('bee', 'pw-bee'), user: 'bee' },
    { desc: 'bcrypt user again (cached)', header: basic('bee', 'pw-bee'), user: 'bee' },
    { desc: 'apr1 user', header: basic('apr', 'pw-apr'), user: 'apr' },
    { desc: 'SHA1 user', header: basic('sha', 'pw-sha'), user: 'sha' },
    { desc: 'token', header: `Bearer ${TOKEN}`, user: 'token' },
    { desc: 'token, scheme in any case', header: `bearer ${TOKEN}`, user: 'token' },
    { desc: 'wrong bcrypt password', header: basic('bee', 'pw-apr'), user: undefined },
    { desc: 'wrong token', header: `Bearer ${TOKEN}x`, user: undefined },
    { desc: 'unknown user', header: basic('who', 'pw-bee'), user: undefined },
    { desc: 'no header', header: undefined, user: undefined },
    { desc: 'another scheme', header: 'Digest x', user: undefined },
  ])('$desc', async ({ header, user }) => {
    expect((await auth.authenticate(header))?.user).toBe(user);
  });

  it('tells which methods are configured', () => {
    expect(auth.methods).toEqual(['basic', 'bearer']);
    expect(new DashboardAuth({ token: TOKEN }).methods).toEqual(['bearer']);
    expect(new DashboardAuth({}).enabled).toBe(false);
  });

  it('never accepts a token when none is configured', async () => {
    expect(await new DashboardAuth({ users }).authenticate('Bearer ')).toBeUndefined();
  });

  it.each([
    { desc: 'a plain-text password', lines: ['admin:secret'] },
    { desc: 'no colon', lines: ['admin'] },
    { desc: 'no user', lines: [`:${aprMd5('x')}`] },
  ])('refuses $desc', ({ lines }) => {
    expect(() => parseUsers(lines)).toThrow(/entry 1/);
  });

  it('skips blank lines and comments, and refuses a short token', () => {
    expect([...parseUsers(['', '# comment', users[1]!]).keys()]).toEqual(['apr']);
    expect(() => new DashboardAuth({ token: 'short' })).toThrow(/at least 16/);
  });
});
