/**
 * Traefik's `tls.options.<name>` turned into what Node's TLS needs (a *profile*): the secure
 * context options (versions, OpenSSL cipher and curve names, client CAs, session tickets) and the
 * server's (client certificate request and verification, ALPN, sniStrict). Go's names are
 * Traefik's (`pkg/tls/cipher.go`); their meaning follows Go's `crypto/tls`: TLS 1.2 minimum by
 * default, cipher suites apply to TLS ≤ 1.2 only (TLS 1.3 suites are not configurable in Go and
 * are ignored here too), `caFiles` alone means `RequireAndVerifyClientCert`, and a verifying
 * `clientAuthType` without `caFiles` is refused (Traefik's `buildTLSConfig`).
 *
 * A profile that cannot be built (an unreadable CA file, suites or curves OpenSSL refuses) gets a coded error on its option
 * (`tls.options.<name>.clientAuth.caFiles[0]`); the last good profile of that name keeps serving.
 * Names themselves are checked by lb-core when the configuration is read.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:crypto';
import type { SecureContextOptions } from 'node:tls';
import type { TlsOptionsConfig } from '@junction/lb-core';
import { nodeTls } from '../lazy-builtins';

/** Traefik's default ALPN list. */
export const DEFAULT_ALPN_PROTOCOLS: readonly string[] = ['h2', 'http/1.1'];

/** Go's five client authentication types. */
export type ClientAuthType =
  | 'NoClientCert'
  | 'RequestClientCert'
  | 'RequireAnyClientCert'
  | 'VerifyClientCertIfGiven'
  | 'RequireAndVerifyClientCert';

/** One TLS options profile, ready for Node (see module comment). */
export interface TlsProfile {
  /** The options' name (`default`, `modern@file`). */
  readonly name: string;
  /** Identity of the settings: equal keys make equal contexts (a cache key). */
  readonly key: string;
  /** Everything the secure context of a certificate needs besides the certificate. */
  readonly context: SecureContextOptions;
  readonly clientAuth: ClientAuthType;
  readonly alpn: readonly string[];
  readonly sniStrict: boolean;
  /** Options that were never valid: their names' handshakes are refused (fail closed, never weaker options). */
  readonly refused?: true;
}

/** A refused options profile. */
export interface TlsOptionsError {
  readonly code: string;
  readonly message: string;
  readonly path: string;
}

const VERSIONS: Readonly<Record<string, 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3'>> = {
  VersionTLS10: 'TLSv1',
  VersionTLS11: 'TLSv1.1',
  VersionTLS12: 'TLSv1.2',
  VersionTLS13: 'TLSv1.3',
};

/** Go's cipher suite names → OpenSSL's (TLS ≤ 1.2). */
export const OPENSSL_CIPHERS: Readonly<Record<string, string>> = {
  TLS_RSA_WITH_RC4_128_SHA: 'RC4-SHA',
  TLS_RSA_WITH_3DES_EDE_CBC_SHA: 'DES-CBC3-SHA',
  TLS_RSA_WITH_AES_128_CBC_SHA: 'AES128-SHA',
  TLS_RSA_WITH_AES_256_CBC_SHA: 'AES256-SHA',
  TLS_RSA_WITH_AES_128_CBC_SHA256: 'AES128-SHA256',
  TLS_RSA_WITH_AES_128_GCM_SHA256: 'AES128-GCM-SHA256',
  TLS_RSA_WITH_AES_256_GCM_SHA384: 'AES256-GCM-SHA384',
  TLS_ECDHE_ECDSA_WITH_RC4_128_SHA: 'ECDHE-ECDSA-RC4-SHA',
  TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA: 'ECDHE-ECDSA-AES128-SHA',
  TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA: 'ECDHE-ECDSA-AES256-SHA',
  TLS_ECDHE_RSA_WITH_RC4_128_SHA: 'ECDHE-RSA-RC4-SHA',
  TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA: 'ECDHE-RSA-DES-CBC3-SHA',
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA: 'ECDHE-RSA-AES128-SHA',
  TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA: 'ECDHE-RSA-AES256-SHA',
  TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256: 'ECDHE-ECDSA-AES128-SHA256',
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256: 'ECDHE-RSA-AES128-SHA256',
  TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256: 'ECDHE-RSA-AES128-GCM-SHA256',
  TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: 'ECDHE-ECDSA-AES128-GCM-SHA256',
  TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384: 'ECDHE-RSA-AES256-GCM-SHA384',
  TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384: 'ECDHE-ECDSA-AES256-GCM-SHA384',
  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305: 'ECDHE-RSA-CHACHA20-POLY1305',
  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305: 'ECDHE-ECDSA-CHACHA20-POLY1305',
  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256: 'ECDHE-RSA-CHACHA20-POLY1305',
  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256: 'ECDHE-ECDSA-CHACHA20-POLY1305',
};

/** Go's curve names → OpenSSL's groups. */
const OPENSSL_CURVES: Readonly<Record<string, string>> = {
  secp256r1: 'P-256',
  CurveP256: 'P-256',
  secp384r1: 'P-384',
  CurveP384: 'P-384',
  secp521r1: 'P-521',
  CurveP521: 'P-521',
  x25519: 'X25519',
  X25519: 'X25519',
  X25519MLKEM768: 'X25519MLKEM768',
};

const CLIENT_AUTH_TYPES: readonly ClientAuthType[] = [
  'NoClientCert',
  'RequestClientCert',
  'RequireAnyClientCert',
  'VerifyClientCertIfGiven',
  'RequireAndVerifyClientCert',
];

/** Reads a CA file: a path, or the PEM itself (Traefik accepts both). */
export type ReadPem = (pathOrPem: string) => string;

function cipherList(names: readonly string[] | undefined, legacy: boolean): string | undefined {
  if (names === undefined || names.length === 0) return legacy ? 'DEFAULT:@SECLEVEL=0' : undefined;
  const tls12 = names.map((n) => OPENSSL_CIPHERS[n]).filter((n): n is string => n !== undefined);
  // Only TLS 1.3 names (or TLS_FALLBACK_SCSV): Go ignores them, so every TLS ≤ 1.2 suite stays as by default.
  if (tls12.length === 0) return legacy ? 'DEFAULT:@SECLEVEL=0' : undefined;
  return [...new Set(tls12)].join(':') + (legacy ? ':@SECLEVEL=0' : '');
}

function curveList(names: readonly string[] | undefined): string | undefined {
  if (names === undefined || names.length === 0) return undefined;
  // X25519MLKEM768 needs OpenSSL ≥ 3.5; Node's ecdhCurve refuses unknown groups, so only known ones pass.
  return (
    [
      ...new Set(
        names.map((n) => OPENSSL_CURVES[n]).filter((n): n is string => n !== undefined && n !== 'X25519MLKEM768'),
      ),
    ].join(':') || undefined
  );
}

/** Builds the profile of `tls.options.<name>` (see module comment). */
export function buildTlsProfile(
  name: string,
  config: TlsOptionsConfig,
  readPem: ReadPem,
): TlsProfile | TlsOptionsError {
  const path = `tls.options.${name}`;
  const minVersion = VERSIONS[config.minVersion ?? 'VersionTLS12'] ?? 'TLSv1.2';
  const maxVersion = VERSIONS[config.maxVersion ?? 'VersionTLS13'] ?? 'TLSv1.3';
  const legacy = minVersion === 'TLSv1' || minVersion === 'TLSv1.1';
  const caFiles = config.clientAuth?.caFiles ?? [];
  const given = config.clientAuth?.clientAuthType;
  const clientAuth: ClientAuthType =
    CLIENT_AUTH_TYPES.find((t) => t === given) ?? (caFiles.length > 0 ? 'RequireAndVerifyClientCert' : 'NoClientCert');
  const verifies = clientAuth === 'VerifyClientCertIfGiven' || clientAuth === 'RequireAndVerifyClientCert';
  if (verifies && caFiles.length === 0) {
    return {
      code: 'LB_TLS_CLIENT_CA_REQUIRED',
      message: `clientAuthType ${clientAuth} needs clientAuth.caFiles`,
      path: `${path}.clientAuth.caFiles`,
    };
  }
  const ca: string[] = [];
  for (const [i, file] of caFiles.entries()) {
    try {
      const pem = readPem(file);
      if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error('no "-----BEGIN CERTIFICATE-----" block');
      ca.push(pem);
    } catch (error) {
      return {
        code: 'LB_TLS_CLIENT_CA_UNREADABLE',
        message: `cannot read the client CA ${file.includes('-----BEGIN') ? '(inline PEM)' : file}: ${(error as Error).message}`,
        path: `${path}.clientAuth.caFiles[${i}]`,
      };
    }
  }
  const ciphers = cipherList(config.cipherSuites, legacy);
  const ecdhCurve = curveList(config.curvePreferences);
  const context: SecureContextOptions = {
    minVersion,
    maxVersion,
    ...(ciphers === undefined ? {} : { ciphers }),
    ...(ecdhCurve === undefined ? {} : { ecdhCurve }),
    ...(ca.length > 0 ? { ca } : {}),
    ...(config.disableSessionTickets === true ? { secureOptions: constants.SSL_OP_NO_TICKET } : {}),
  };
  try {
    // OpenSSL's own word on the suites, curves and CAs it takes (RC4 and 3DES are gone from
    // OpenSSL 3). Options without any (the default ones) are not asked: the first request on an
    // entry point with no TLS builds them, and loading `node:tls` for nothing costs megabytes
    // (`lazy-builtins.ts`).
    if (ciphers !== undefined || ecdhCurve !== undefined || ca.length > 0) nodeTls().createSecureContext(context);
  } catch (error) {
    const at =
      ciphers !== undefined && /cipher/i.test((error as Error).message)
        ? 'cipherSuites'
        : ecdhCurve !== undefined
          ? 'curvePreferences'
          : 'cipherSuites';
    return {
      code: 'LB_TLS_OPTIONS_REFUSED',
      message: `OpenSSL refuses these options: ${(error as Error).message}`,
      path: `${path}.${at}`,
    };
  }
  const alpn =
    config.alpnProtocols !== undefined && config.alpnProtocols.length > 0
      ? config.alpnProtocols
      : DEFAULT_ALPN_PROTOCOLS;
  const sniStrict = config.sniStrict === true;
  const caHash = createHash('sha256').update(ca.join('\n')).digest('hex').slice(0, 16);
  const key = JSON.stringify({
    minVersion,
    maxVersion,
    ciphers,
    ecdhCurve,
    caHash,
    tickets: config.disableSessionTickets === true,
    clientAuth,
    alpn,
    sniStrict,
  });
  return { name, key, context, clientAuth, alpn, sniStrict };
}

/** True when {@link buildTlsProfile} refused. */
export function isOptionsError(value: TlsProfile | TlsOptionsError): value is TlsOptionsError {
  return 'code' in value;
}
