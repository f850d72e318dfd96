/** The dynamic `tls` section: normalisation, coded errors with paths, and what a bad entry leaves out. */
import { describe, expect, it } from 'vitest';
import { validateDynamicConfig } from './validate';

const http = { routers: {}, services: {}, middlewares: {} };

function tls(section: unknown) {
  return validateDynamicConfig({ tls: section });
}

describe('tls section: accepted', () => {
  it('keeps certificates, the default store and named options, keys in any case', () => {
    const { config, errors } = tls({
      Certificates: [
        { certfile: '/c/a.pem', KEYFILE: '/c/a.key' },
        { certFile: '-----BEGIN CERTIFICATE-----\nx', keyFile: '-----BEGIN PRIVATE KEY-----\ny', stores: ['default'] },
      ],
      stores: {
        default: {
          defaultCertificate: { certFile: 'd.pem', keyFile: 'd.key' },
          defaultGeneratedCert: { resolver: 'le', domain: { main: 'a.example', sans: 'b.example,c.example' } },
        },
      },
      options: {
        default: { minVersion: 'VersionTLS12' },
        modern: {
          minVersion: 'VersionTLS13',
          maxVersion: 'VersionTLS13',
          sniStrict: 'true',
          alpnProtocols: ['h2', 'http/1.1'],
          cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'],
          curvePreferences: ['CurveP521', 'X25519'],
          clientAuth: { caFiles: ['ca.pem'], clientAuthType: 'RequireAndVerifyClientCert' },
        },
      },
    });
    expect(errors).toEqual([]);
    expect(config).toStrictEqual({
      http,
      tls: {
        certificates: [
          { certFile: '/c/a.pem', keyFile: '/c/a.key' },
          {
            certFile: '-----BEGIN CERTIFICATE-----\nx',
            keyFile: '-----BEGIN PRIVATE KEY-----\ny',
            stores: ['default'],
          },
        ],
        stores: {
          default: {
            defaultCertificate: { certFile: 'd.pem', keyFile: 'd.key' },
            defaultGeneratedCert: { resolver: 'le', domain: { main: 'a.example', sans: ['b.example', 'c.example'] } },
          },
        },
        options: {
          default: { minVersion: 'VersionTLS12' },
          modern: {
            minVersion: 'VersionTLS13',
            maxVersion: 'VersionTLS13',
            sniStrict: true,
            alpnProtocols: ['h2', 'http/1.1'],
            cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'],
            curvePreferences: ['CurveP521', 'X25519'],
            clientAuth: { caFiles: ['ca.pem'], clientAuthType: 'RequireAndVerifyClientCert' },
          },
        },
      },
    });
  });

  it('leaves tls out when the section is absent, and validating twice changes nothing', () => {
    expect(validateDynamicConfig({ http: {} }).config).toStrictEqual({ http });
    const once = tls({ options: { a: { sniStrict: true } }, certificates: [{ certFile: 'a', keyFile: 'b' }] }).config;
    expect(validateDynamicConfig(once).config).toStrictEqual(once);
  });
});

describe('tls section: errors name their path and drop only their entry', () => {
  it.each([
    {
      desc: 'a typo in a version',
      section: { options: { x: { minVersion: 'VersionTLS1.2' } } },
      path: 'tls.options.x.minVersion',
      says: "unknown TLS version 'VersionTLS1.2' (did you mean 'VersionTLS12'?)",
    },
    {
      desc: 'an unknown cipher suite',
      section: { options: { x: { cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA265'] } } },
      path: 'tls.options.x.cipherSuites[0]',
      says: "did you mean 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'",
    },
    {
      desc: 'an unknown curve',
      section: { options: { x: { curvePreferences: ['P256'] } } },
      path: 'tls.options.x.curvePreferences[0]',
      says: "unknown curve 'P256'",
    },
    {
      desc: 'an unknown client auth type',
      section: { options: { x: { clientAuth: { clientAuthType: 'RequireAndVerifyClientCerts' } } } },
      path: 'tls.options.x.clientAuth.clientAuthType',
      says: "did you mean 'RequireAndVerifyClientCert'",
    },
    {
      desc: 'min above max',
      section: { options: { x: { minVersion: 'VersionTLS13', maxVersion: 'VersionTLS12' } } },
      path: 'tls.options.x.maxVersion',
      says: 'must not be lower than minVersion',
    },
    {
      desc: 'an unknown key, with a suggestion',
      section: { options: { x: { sniStrikt: true } } },
      path: 'tls.options.x.sniStrikt',
      says: "did you mean 'sniStrict'",
    },
    {
      desc: 'sniStrict not a boolean',
      section: { options: { x: { sniStrict: 'yes' } } },
      path: 'tls.options.x.sniStrict',
      says: 'must be true or false',
    },
  ])('$desc', ({ section, path, says }) => {
    const { config, errors } = tls({ ...section, options: { ...section.options, good: { sniStrict: true } } });
    expect(errors.map((e) => e.path)).toEqual([path]);
    expect(errors[0]?.message).toContain(says);
    expect(errors[0]?.code).toBe('LB_CONFIG_INVALID');
    expect(errors[0]?.element).toBeUndefined();
    expect(config.tls?.options).toStrictEqual({ good: { sniStrict: true } });
  });

  it('drops a certificate without keyFile and keeps the others', () => {
    const { config, errors } = tls({ certificates: [{ certFile: 'a.pem' }, { certFile: 'b.pem', keyFile: 'b.key' }] });
    expect(errors.map((e) => [e.path, e.message])).toEqual([['tls.certificates[0].keyFile', 'is required']]);
    expect(config.tls?.certificates).toStrictEqual([{ certFile: 'b.pem', keyFile: 'b.key' }]);
  });

  it('reports a store other than default as ignored, as Traefik ignores it', () => {
    const { config, errors } = tls({
      stores: { other: {}, default: { defaultCertificate: { certFile: 'a', keyFile: 'b' } } },
    });
    expect(errors.map((e) => e.path)).toEqual(['tls.stores.other']);
    expect(errors[0]?.message).toContain("only the 'default' store is used");
    expect(Object.keys(config.tls?.stores ?? {})).toEqual(['default']);
  });

  it('requires a resolver for a generated default certificate', () => {
    const { errors } = tls({ stores: { default: { defaultGeneratedCert: { domain: { main: 'a' } } } } });
    expect(errors.map((e) => [e.path, e.message])).toEqual([
      ['tls.stores.default.defaultGeneratedCert.resolver', 'is required'],
    ]);
  });

  it('refuses a tls section of the wrong shape as a whole (structural)', () => {
    const { config, errors } = tls({ options: [] });
    expect(errors.map((e) => [e.path, e.code])).toEqual([['tls.options', 'LB_CONFIG_STRUCTURE']]);
    expect(config.tls).toBeUndefined();
  });
});
