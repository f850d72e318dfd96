/** Static TLS options from flags, environment and files: entry-point tls, redirections, ACME resolvers, cross-checks. */
import { describe, expect, it } from 'vitest';
import { isOptionsError } from './options-error';
import { parseStaticOptions } from './parse-static-options';

function issues(argv: string[], env: Record<string, string> = {}): string {
  try {
    parseStaticOptions(argv, env);
  } catch (error) {
    if (isOptionsError(error)) return error.message;
    throw error;
  }
  throw new Error('expected an OptionsError');
}

const fileOf = (text: string) => (): string => text;

describe('entry point tls and redirections', () => {
  it('reads Traefik flags with defaults (scheme https, permanent, top priority)', () => {
    const o = parseStaticOptions(
      [
        '--entrypoints.web.address=:80',
        '--entrypoints.web.http.redirections.entrypoint.to=websecure',
        '--entrypoints.websecure.address=:443',
        '--entrypoints.websecure.http.tls.certresolver=le',
        '--entrypoints.websecure.http.tls.domains[0].main=Example.com',
        '--entrypoints.websecure.http.tls.domains[0].sans=*.example.com,www.example.com',
        '--entrypoints.websecure.http.tls.domains[1].main=other.example',
        '--certificatesresolvers.le.acme.email=a@example.com',
        '--certificatesresolvers.le.acme.httpchallenge.entrypoint=web',
      ],
      {},
    );
    expect(o.entryPoints.web?.http?.tls).toBeUndefined();
    expect(o.entryPoints.web?.http?.redirections).toEqual({
      entryPoint: { to: 'websecure', scheme: 'https', permanent: true, priority: Number.MAX_SAFE_INTEGER - 1 },
    });
    expect(o.entryPoints.websecure?.http?.tls).toEqual({
      certResolver: 'le',
      domains: [{ main: 'example.com', sans: ['*.example.com', 'www.example.com'] }, { main: 'other.example' }],
    });
    expect(o.entryPoints.websecure?.http?.redirections).toBeUndefined();
    expect(o.certificatesResolvers).toEqual({
      le: {
        name: 'le',
        email: 'a@example.com',
        storage: 'acme.json',
        caServer: 'https://acme-v02.api.letsencrypt.org/directory',
        keyType: 'EC256',
        httpChallenge: { entryPoint: 'web' },
        tlsChallenge: false,
        certificatesDuration: 2160,
        renewBefore: 720 * 3600_000,
      },
    });
  });

  it('reads `tls: {}` as a section, and the same from the environment', () => {
    const env = {
      TRAEFIK_ENTRYPOINTS_WEBSECURE_ADDRESS: ':443',
      TRAEFIK_ENTRYPOINTS_WEBSECURE_HTTP_TLS: 'true',
      TRAEFIK_ENTRYPOINTS_WEBSECURE_HTTP_TLS_OPTIONS: 'modern@file',
      TRAEFIK_ENTRYPOINTS_WEBSECURE_HTTP_TLS_DOMAINS_0_MAIN: 'a.example',
      TRAEFIK_CERTIFICATESRESOLVERS_LE_ACME_TLSCHALLENGE: 'true',
      TRAEFIK_CERTIFICATESRESOLVERS_LE_ACME_RENEWBEFORE: '10s',
      TRAEFIK_CERTIFICATESRESOLVERS_LE_ACME_KEYTYPE: 'rsa4096',
    };
    const o = parseStaticOptions([], env);
    expect(o.entryPoints.websecure?.http?.tls).toEqual({ options: 'modern@file', domains: [{ main: 'a.example' }] });
    expect(o.certificatesResolvers.le).toMatchObject({ tlsChallenge: true, renewBefore: 10_000, keyType: 'RSA4096' });
    expect(o.certificatesResolvers.le?.httpChallenge).toBeUndefined();
  });

  it('reads a YAML file: tls {}, domains as a list, eab, redirection settings', () => {
    const yaml = [
      'entryPoints:',
      '  web:',
      '    address: ":80"',
      '    http:',
      '      redirections:',
      '        entryPoint: {to: ":443", scheme: https, permanent: false, priority: 10}',
      '  websecure:',
      '    address: ":443"',
      '    http:',
      '      tls: {}',
      '  alt:',
      '    address: ":8443"',
      '    http:',
      '      tls:',
      '        certResolver: le',
      '        domains:',
      '          - main: a.example',
      '            sans: [b.example]',
      'certificatesResolvers:',
      '  le:',
      '    acme:',
      '      email: a@example.com',
      '      storage: /data/acme.json',
      '      caServer: https://127.0.0.1:14000/dir',
      '      tlsChallenge: {}',
      '      eab: {kid: k, hmacEncoded: aGk}',
    ].join('\n');
    const o = parseStaticOptions(['--configFile=traefik.yml'], {}, fileOf(yaml));
    expect(o.entryPoints.web?.http?.redirections?.entryPoint).toEqual({
      to: ':443',
      scheme: 'https',
      permanent: false,
      priority: 10,
    });
    expect(o.entryPoints.websecure?.http?.tls).toEqual({});
    expect(o.entryPoints.alt?.http?.tls).toEqual({
      certResolver: 'le',
      domains: [{ main: 'a.example', sans: ['b.example'] }],
    });
    expect(o.certificatesResolvers.le).toMatchObject({
      storage: '/data/acme.json',
      caServer: 'https://127.0.0.1:14000/dir',
      tlsChallenge: true,
      eab: { kid: 'k', hmacEncoded: 'aGk' },
    });
  });
});

describe('cross-checks name the option as written', () => {
  it.each([
    {
      desc: 'an unknown resolver on an entry point',
      argv: ['--entrypoints.websecure.address=:443', '--entrypoints.websecure.http.tls.certResolver=nope'],
      says: '--entrypoints.websecure.http.tls.certResolver: unknown certificate resolver "nope" (none is defined)',
    },
    {
      desc: 'a redirection to an unknown entry point',
      argv: [
        '--entrypoints.web.address=:80',
        '--entrypoints.web.http.redirections.entryPoint.to=webscure',
        '--entrypoints.websecure.address=:443',
      ],
      says: '--entrypoints.web.http.redirections.entryPoint.to: unknown entry point "webscure"',
    },
    {
      desc: 'a redirection to itself',
      argv: ['--entrypoints.web.address=:80', '--entrypoints.web.http.redirections.entryPoint.to=web'],
      says: 'cannot redirect to itself',
    },
    {
      desc: 'redirection settings without to',
      argv: ['--entrypoints.web.address=:80', '--entrypoints.web.http.redirections.entryPoint.permanent=false'],
      says: 'needs the entry point (or port)',
    },
    {
      desc: 'a resolver without a challenge',
      argv: ['--certificatesresolvers.le.acme.email=a@b.c'],
      says: '--certificatesResolvers.le.acme: a certificate resolver needs a challenge: httpChallenge.entryPoint or tlsChallenge',
    },
    {
      desc: 'an HTTP challenge on an unknown entry point',
      argv: ['--certificatesresolvers.le.acme.httpchallenge.entrypoint=http'],
      says: '--certificatesresolvers.le.acme.httpchallenge.entrypoint: unknown entry point "http"',
    },
    {
      desc: 'half an EAB pair',
      argv: ['--certificatesresolvers.le.acme.tlschallenge', '--certificatesresolvers.le.acme.eab.kid=k'],
      says: 'needs both .kid and .hmacEncoded',
    },
    {
      desc: 'a key type Traefik does not know',
      argv: ['--certificatesresolvers.le.acme.tlschallenge', '--certificatesresolvers.le.acme.keytype=EC521'],
      says: 'expected one of EC256, EC384, RSA2048, RSA4096, RSA8192',
    },
    {
      desc: 'a domain without a name',
      argv: ['--entrypoints.websecure.address=:443', '--entrypoints.websecure.http.tls.domains[0].main='],
      says: '--entrypoints.websecure.http.tls.domains[0].main: expected a domain name',
    },
    {
      desc: 'a typo in an ACME option, with a suggestion',
      argv: ['--certificatesresolvers.le.acme.tlschallenge', '--certificatesresolvers.le.acme.emial=a@b.c'],
      says: 'did you mean --certificatesresolvers.le.acme.email',
    },
  ])('$desc', ({ argv, says }) => {
    expect(issues(argv)).toContain(says);
  });
});

describe('Traefik v1 entry points', () => {
  it('reads the string form, repeated, with defaultEntryPoints (a v1 redirect is temporary)', () => {
    const o = parseStaticOptions(
      [
        '--entryPoints=Name:http Address::80 Redirect.EntryPoint:https',
        '--entryPoints=Name:https Address::443 TLS',
        '--defaultEntryPoints=http,https',
      ],
      {},
    );
    expect(o.entryPoints.http).toMatchObject({ address: { port: 80 }, asDefault: true });
    expect(o.entryPoints.http?.http?.redirections?.entryPoint).toMatchObject({
      to: 'https',
      scheme: 'https',
      permanent: false,
    });
    expect(o.entryPoints.https).toMatchObject({ address: { port: 443 }, asDefault: true, http: { tls: {} } });
  });

  it('reads the v1 TOML keys: [entryPoints.https.tls] and [entryPoints.http.redirect]', () => {
    const toml =
      'defaultEntryPoints = ["http", "https"]\n[entryPoints.http]\naddress = ":80"\n[entryPoints.http.redirect]\nentryPoint = "https"\npermanent = true\n[entryPoints.https]\naddress = ":443"\n[entryPoints.https.tls]\n';
    const o = parseStaticOptions(['--configFile=traefik.toml'], {}, fileOf(toml));
    expect(o.entryPoints.http?.http?.redirections?.entryPoint).toMatchObject({ to: 'https', permanent: true });
    expect(o.entryPoints.https?.http?.tls).toEqual({});
  });

  it.each([
    {
      desc: 'certificates on the entry point',
      argv: ['--entryPoints=Name:https Address::443 TLS:/c.pem,/k.pem'],
      says: 'belong to the dynamic configuration now: tls.certificates',
    },
    {
      desc: 'a field Junction does not take',
      argv: ['--entryPoints=Name:http Address::80 Compress:true'],
      says: 'the Traefik v1 entry point field Compress is not supported',
    },
    { desc: 'no name', argv: ['--entryPoints=Address::80'], says: 'needs Name:' },
  ])('refuses $desc', ({ argv, says }) => {
    expect(issues(argv)).toContain(says);
  });

  it.each([
    { key: 'defaultEntryPoints', says: 'defaultEntryPoints: expected a list (comma-separated or an array)' },
    { key: 'entryPoints', says: 'entryPoints: expected Traefik 1.7 entry point definitions: text, or a list of texts' },
  ])('refuses objects in a v1 $key list with a clear error, not a crash', ({ key, says }) => {
    // `{ toString: 1 }` is what String() cannot convert: it threw a TypeError out of the parser.
    const yaml = `${key}:\n  - toString: 1\n    valueOf: 1\n`;
    let thrown: unknown;
    try {
      parseStaticOptions(['--configFile=traefik.yml'], {}, fileOf(yaml));
    } catch (error) {
      thrown = error;
    }
    expect(isOptionsError(thrown) && thrown.message).toContain(says);
  });
});
