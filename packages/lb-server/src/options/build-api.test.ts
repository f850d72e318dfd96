import { describe, expect, it } from 'vitest';
import { apiHasCredentials, apiServed } from './build';
import { parseStaticOptions } from './parse-static-options';

const files: Record<string, string> = {
  'junction.yml': [
    'api:',
    '  insecure: false',
    '  users:',
    '    - "a:$2y$05$x"',
    '    - "b:{SHA}y"',
    '  tokenFile: /run/secrets/token',
    'entryPoints:',
    '  web:',
    '    address: ":80"',
  ].join('\n'),
};
const readFile = (path: string): string => {
  const text = files[path];
  if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  return text;
};

describe('buildStaticOptions: api credentials', () => {
  it.each([
    {
      source: 'flags',
      argv: [
        '--api.users=a:$2y$05$x,b:{SHA}y',
        '--api.usersFile=/etc/htpasswd',
        '--api.token=0123456789abcdef',
        '--api.tokenFile=/run/token',
      ],
      env: {},
    },
    {
      source: 'env',
      argv: [],
      env: {
        JUNCTION_API_USERS: 'a:$2y$05$x,b:{SHA}y',
        JUNCTION_API_USERSFILE: '/etc/htpasswd',
        JUNCTION_API_TOKEN: '0123456789abcdef',
        JUNCTION_API_TOKENFILE: '/run/token',
      },
    },
  ])('reads users, usersFile, token and tokenFile from $source', ({ argv, env }) => {
    const options = parseStaticOptions(argv, env);
    expect(options.api).toEqual({
      insecure: true,
      dashboard: true,
      debug: false,
      users: ['a:$2y$05$x', 'b:{SHA}y'],
      usersFile: '/etc/htpasswd',
      token: '0123456789abcdef',
      tokenFile: '/run/token',
    });
    expect(Object.isFrozen(options.api?.users)).toBe(true);
  });

  it('reads them from a configuration file, users as a YAML list', () => {
    const options = parseStaticOptions(['--configFile=junction.yml'], {}, readFile);
    expect(options.api).toMatchObject({
      insecure: false,
      users: ['a:$2y$05$x', 'b:{SHA}y'],
      usersFile: undefined,
      token: undefined,
      tokenFile: '/run/secrets/token',
    });
  });

  it('leaves all four undefined when none is given (an empty list or string counts as unset)', () => {
    const options = parseStaticOptions(['--api', '--api.users=', '--api.token='], {});
    expect(options.api).toMatchObject({
      users: undefined,
      usersFile: undefined,
      token: undefined,
      tokenFile: undefined,
    });
    expect(apiHasCredentials(options.api)).toBe(false);
  });

  it.each([
    { argv: ['--api'], served: true, traefik: true },
    { argv: ['--api.insecure=false'], served: false, traefik: false },
    { argv: ['--api.insecure=false', '--api.token=0123456789abcdef'], served: true, traefik: true },
    { argv: ['--api.insecure=false', '--api.usersFile=/etc/htpasswd'], served: true, traefik: true },
    { argv: ['--ping=false'], served: false, traefik: false },
  ])('serves the API on traefik for $argv: $served', ({ argv, served, traefik }) => {
    const options = parseStaticOptions(argv, {});
    expect(apiServed(options.api)).toBe(served);
    expect(options.entryPoints.traefik !== undefined).toBe(traefik);
  });
});
