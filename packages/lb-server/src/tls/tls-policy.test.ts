/**
 * TLS options profiles and the per-configuration policy: Go names turned into OpenSSL's, Go's
 * client authentication rules, a refused profile keeping its last good one, which entry points
 * can do TLS, and SNI → options with Traefik's rule for conflicting routers.
 */
import type { TlsConfig } from '@junction/lb-core';
import { describe, expect, it } from 'vitest';
import type { Runtime, TlsRouterInfo } from '../runtime/runtime';
import { buildTlsProfile, DEFAULT_ALPN_PROTOCOLS, isOptionsError, type TlsProfile } from './tls-options';
import { TlsPolicies } from './tls-policy';

const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const readPem = (value: string): string => {
  if (value.includes('-----BEGIN')) return value;
  if (value === '/ca.pem') return CA;
  throw new Error(`ENOENT: no such file or directory, open '${value}'`);
};

function profile(config: Parameters<typeof buildTlsProfile>[1]): TlsProfile {
  const built = buildTlsProfile('x', config, readPem);
  if (isOptionsError(built)) throw new Error(built.message);
  return built;
}

describe('buildTlsProfile', () => {
  it('defaults to TLS 1.2–1.3, no client certificate, the default ALPN list', () => {
    expect(profile({})).toMatchObject({
      context: { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3' },
      clientAuth: 'NoClientCert',
      sniStrict: false,
      alpn: DEFAULT_ALPN_PROTOCOLS,
    });
    expect(profile({ alpnProtocols: ['http/1.1'] }).alpn).toEqual(['http/1.1']);
  });

  it.each([
    {
      desc: 'TLS 1.2 suites in OpenSSL names',
      suites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256'],
      ciphers: 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-CHACHA20-POLY1305',
    },
    {
      desc: 'TLS 1.3 suites ignored, as Go does',
      suites: ['TLS_AES_128_GCM_SHA256', 'TLS_RSA_WITH_AES_256_GCM_SHA384'],
      ciphers: 'AES256-GCM-SHA384',
    },
    { desc: 'only TLS 1.3 suites: the defaults stay', suites: ['TLS_AES_256_GCM_SHA384'], ciphers: undefined },
  ])('maps cipher suites: $desc', ({ suites, ciphers }) => {
    expect(profile({ cipherSuites: suites }).context.ciphers).toBe(ciphers);
  });

  it("maps versions and curves, and lowers OpenSSL's security level for TLS 1.0", () => {
    const p = profile({
      minVersion: 'VersionTLS10',
      maxVersion: 'VersionTLS12',
      curvePreferences: ['CurveP384', 'X25519', 'secp384r1'],
    });
    expect(p.context).toMatchObject({
      minVersion: 'TLSv1',
      maxVersion: 'TLSv1.2',
      ecdhCurve: 'P-384:X25519',
      ciphers: 'DEFAULT:@SECLEVEL=0',
    });
  });

  it('follows Go and Traefik for client authentication', () => {
    expect(profile({ clientAuth: { caFiles: ['/ca.pem'] } })).toMatchObject({
      clientAuth: 'RequireAndVerifyClientCert',
      context: { ca: [CA] },
    });
    expect(profile({ clientAuth: { clientAuthType: 'RequestClientCert' } }).clientAuth).toBe('RequestClientCert');
    expect(buildTlsProfile('x', { clientAuth: { clientAuthType: 'VerifyClientCertIfGiven' } }, readPem)).toMatchObject({
      code: 'LB_TLS_CLIENT_CA_REQUIRED',
      path: 'tls.options.x.clientAuth.caFiles',
    });
    expect(buildTlsProfile('x', { clientAuth: { caFiles: ['/ca.pem', '/missing.pem'] } }, readPem)).toMatchObject({
      code: 'LB_TLS_CLIENT_CA_UNREADABLE',
      path: 'tls.options.x.clientAuth.caFiles[1]',
      message: expect.stringContaining('/missing.pem'),
    });
  });

  it('refuses suites OpenSSL no longer has (RC4) with a coded error on cipherSuites', () => {
    expect(buildTlsProfile('old', { cipherSuites: ['TLS_RSA_WITH_RC4_128_SHA'] }, readPem)).toMatchObject({
      code: 'LB_TLS_OPTIONS_REFUSED',
      path: 'tls.options.old.cipherSuites',
    });
  });

  it('gives equal settings the same key and different ones another', () => {
    expect(profile({ sniStrict: true }).key).toBe(profile({ sniStrict: true }).key);
    expect(profile({ sniStrict: true }).key).not.toBe(profile({}).key);
  });
});

function runtime(tls: TlsConfig, tlsRouters: readonly Partial<TlsRouterInfo>[]): Runtime {
  const routers = tlsRouters.map((r, i) => ({
    router: `r${i}`,
    entryPoints: ['websecure'],
    hosts: [],
    options: 'default',
    domains: [],
    ...r,
  }));
  return { tls, tlsRouters: routers } as unknown as Runtime;
}

describe('TlsPolicies', () => {
  it('knows where TLS can happen: entry points of TLS routers and static http.tls', () => {
    const policies = new TlsPolicies(new Set(['admin']), undefined, readPem);
    expect([...policies.of(runtime({}, [{ entryPoints: ['websecure'] }])).entryPoints].sort()).toEqual([
      'admin',
      'websecure',
    ]);
    expect([...policies.of(runtime({}, [])).entryPoints]).toEqual(['admin']);
  });

  it('picks options by SNI: exact host, wildcard host, default; conflicting routers get default', () => {
    const warnings: string[] = [];
    const policies = new TlsPolicies(new Set(), { warn: (_o, msg) => warnings.push(msg) }, readPem);
    const policy = policies.of(
      runtime({ options: { strict: { sniStrict: true }, modern: { minVersion: 'VersionTLS13' } } }, [
        { hosts: ['a.test', '*.w.test'], options: 'modern' },
        { hosts: ['b.test'], options: 'strict' },
        { hosts: ['b.test'], options: 'modern' },
        { hosts: ['c.test'], options: 'strict', entryPoints: ['other'] },
      ]),
    );
    expect(policy.profileFor('websecure', 'A.test').name).toBe('modern');
    expect(policy.profileFor('websecure', 'x.w.test').name).toBe('modern');
    expect(policy.profileFor('websecure', 'y.x.w.test').name).toBe('default');
    expect(policy.profileFor('websecure', 'b.test').name).toBe('default');
    expect(policy.profileFor('websecure', 'c.test').name).toBe('default');
    expect(policy.profileFor('other', 'c.test').name).toBe('strict');
    expect(policy.profileFor('websecure', undefined).name).toBe('default');
    expect(warnings).toEqual([expect.stringContaining('b.test')]);
  });

  it('keeps the last good profile of refused options, logging the error once', () => {
    const warnings: string[] = [];
    const policies = new TlsPolicies(new Set(), { warn: (_o, msg) => warnings.push(msg) }, readPem);
    const routers = [{ hosts: ['a.test'], options: 'mtls' }];
    const good = policies.of(runtime({ options: { mtls: { clientAuth: { caFiles: ['/ca.pem'] } } } }, routers));
    expect(good.profileFor('websecure', 'a.test').clientAuth).toBe('RequireAndVerifyClientCert');
    const broken = { options: { mtls: { clientAuth: { caFiles: ['/gone.pem'] } } } };
    const bad = policies.of(runtime(broken, routers));
    policies.of(runtime(broken, routers));
    expect(bad.errors).toMatchObject([{ code: 'LB_TLS_CLIENT_CA_UNREADABLE' }]);
    expect(bad.profileFor('websecure', 'a.test')).toBe(good.profileFor('websecure', 'a.test'));
    expect(warnings).toHaveLength(1);
  });

  it('fails closed for options never valid: their names get a refusing profile, not default', () => {
    const policies = new TlsPolicies(new Set(), undefined, readPem);
    const policy = policies.of(
      runtime({ options: { mtls: { clientAuth: { caFiles: ['/gone.pem'] } } } }, [
        { hosts: ['a.test'], options: 'mtls' },
      ]),
    );
    expect(policy.profileFor('websecure', 'a.test')).toMatchObject({ name: 'mtls', refused: true });
    expect(policy.profileFor('websecure', 'b.test').refused).toBeUndefined();
  });
});
