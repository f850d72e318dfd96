/**
 * ACME's wiring decisions from static options (Traefik's flags parsed for real): which entry
 * points answer HTTP-01 challenges, which resolvers cannot work and why (coded; the option parser
 * refuses most of them first), and that nothing
 * starts — no certificate store asked for — without a resolver.
 */
import { describe, expect, test } from 'vitest';
import { parseStaticOptions } from '../options';
import { acmeHttpChallenges, resolverProblem, startAcme } from './start-acme';

const parse = (flags: readonly string[]) =>
  parseStaticOptions(['--entrypoints.web.address=:80', '--entrypoints.websecure.address=:443', ...flags], {});

describe('ACME wiring', () => {
  test('HTTP-01 is served on each httpChallenge entry point, and only there', () => {
    const options = parse([
      '--certificatesresolvers.a.acme.httpchallenge.entrypoint=web',
      '--certificatesresolvers.b.acme.tlschallenge=true',
    ]);
    expect([...(acmeHttpChallenges(options)?.entryPoints ?? [])]).toEqual(['web']);
    expect(acmeHttpChallenges(parse(['--certificatesresolvers.b.acme.tlschallenge=true']))).toBeUndefined();
  });

  test('the static options refuse a resolver without a challenge; built in code, it is still a coded problem', () => {
    expect(() => parse(['--certificatesresolvers.none.acme.email=a@b.example'])).toThrow(/needs a challenge/);
    const options = parse(['--certificatesresolvers.ok.acme.tlschallenge=true']);
    const ok = options.certificatesResolvers.ok;
    if (ok === undefined) throw new Error('resolver not parsed');
    expect(resolverProblem(ok, options)).toBeUndefined();
    expect(resolverProblem({ ...ok, tlsChallenge: false }, options)).toMatchObject({ code: 'LB_ACME_NO_CHALLENGE' });
    expect(resolverProblem({ ...ok, httpChallenge: { entryPoint: 'nope' } }, options)).toMatchObject({
      code: 'LB_ACME_UNKNOWN_ENTRYPOINT',
      message: expect.stringContaining('certificatesResolvers.ok.acme.httpChallenge.entryPoint'),
    });
  });

  test('without a resolver nothing starts and the certificate store is never asked for', async () => {
    let asked = false;
    const manager = await startAcme({
      options: parse([]),
      env: {},
      logger: { info() {}, warn() {}, error() {} },
      runtime: { current: undefined as never, subscribe: () => () => undefined },
      certificates: () => {
        asked = true;
        throw new Error('not expected');
      },
    });
    expect(manager).toBeUndefined();
    expect(asked).toBe(false);
  });
});
