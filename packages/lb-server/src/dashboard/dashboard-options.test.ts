import { describe, expect, it } from 'vitest';
import { parseStaticOptions } from '../options';
import { resolveCredentials, type DashboardSettings } from './dashboard-options';

const files: Record<string, string> = { '/users': 'a:{SHA}x\nb:{SHA}y\n', '/token': 'from-file-token-000\n' };
const read = (path: string): string => {
  const text = files[path];
  if (text === undefined) throw new Error(`ENOENT ${path}`);
  return text;
};

describe('resolveCredentials', () => {
  it.each([
    { desc: 'nothing', settings: {}, env: {}, expected: { users: [] } },
    {
      desc: 'inline users then the file',
      settings: { users: ['c:{SHA}z'], usersFile: '/users' },
      env: {},
      expected: { users: ['c:{SHA}z', 'a:{SHA}x', 'b:{SHA}y', ''] },
    },
    {
      desc: 'the token option wins',
      settings: { token: 'inline-token', tokenFile: '/token' },
      env: { JUNCTION_API_TOKEN: 'env' },
      expected: { users: [], token: 'inline-token' },
    },
    {
      desc: 'then the token file',
      settings: { tokenFile: '/token' },
      env: { JUNCTION_API_TOKEN: 'env' },
      expected: { users: [], token: 'from-file-token-000' },
    },
    {
      desc: 'then JUNCTION_API_TOKEN',
      settings: {},
      env: { JUNCTION_API_TOKEN: 'env-token' },
      expected: { users: [], token: 'env-token' },
    },
  ])('$desc', ({ settings, env, expected }) => {
    expect(resolveCredentials({ insecure: false, ...settings } as DashboardSettings, env, read)).toEqual(expected);
  });

  it('fails loudly on a missing file', () => {
    expect(() => resolveCredentials({ insecure: false, usersFile: '/nope' }, {}, read)).toThrow(/ENOENT/);
  });
});

describe('the options behind the settings', () => {
  it.each([
    { desc: 'the token from JUNCTION_API_TOKEN', argv: [], env: { JUNCTION_API_TOKEN: 'env-token-0123456789' } },
    {
      desc: 'the token file from JUNCTION_API_TOKENFILE',
      argv: [],
      env: { JUNCTION_API_TOKENFILE: '/run/secrets/token' },
    },
    {
      desc: 'users and a users file as flags',
      argv: ['--api.users=a:{SHA}x,b:{SHA}y', '--api.usersFile=/etc/junction/users'],
      env: {},
    },
  ])('accepts $desc', ({ argv, env }) => {
    expect(() => parseStaticOptions(argv, env)).not.toThrow();
  });
});
