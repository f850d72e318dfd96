/**
 * Reads Traefik's dynamic `tls` section: `certificates` (certFile/keyFile as paths or inline PEM),
 * `stores.default` (defaultCertificate, defaultGeneratedCert) and named `options` (versions,
 * cipher suites, curves, ALPN, sniStrict, clientAuth). Names are Go's, as Traefik takes them
 * (`VersionTLS12`, `TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256`, `CurveP256`); an unknown one is an
 * error with its path and a suggestion. A bad certificate entry, store or options entry is left
 * out (its errors name it); the rest of the section stays. Whether files exist is the TLS layer's
 * business: it reports unreadable certificates on the certificate itself.
 * (traefik `pkg/tls/tls.go`, `pkg/tls/cipher.go`)
 */
import { compact, joinPath, readObject, type FieldReader } from './field-reader';
import { closest } from './suggest';
import type { TlsCertificateConfig, TlsConfig, TlsOptionsConfig, TlsStoreConfig } from './types';
import { nonBlank } from './validate-router';

/** Traefik's TLS versions, lowest first. */
export const TLS_VERSIONS = ['VersionTLS10', 'VersionTLS11', 'VersionTLS12', 'VersionTLS13'] as const;

/** Traefik's client authentication types (Go `tls.ClientAuthType` names). */
export const CLIENT_AUTH_TYPES = [
  'NoClientCert',
  'RequestClientCert',
  'RequireAnyClientCert',
  'VerifyClientCertIfGiven',
  'RequireAndVerifyClientCert',
] as const;

/** Curve names Traefik accepts (`pkg/tls/cipher.go` `CurveIDs`). */
export const CURVE_NAMES = [
  'secp256r1',
  'CurveP256',
  'secp384r1',
  'CurveP384',
  'secp521r1',
  'CurveP521',
  'x25519',
  'X25519',
  'X25519MLKEM768',
] as const;

/** Cipher suite names Traefik accepts (`pkg/tls/cipher.go` `CipherSuites`, Go's names). */
export const CIPHER_SUITE_NAMES = [
  'TLS_RSA_WITH_RC4_128_SHA',
  'TLS_RSA_WITH_3DES_EDE_CBC_SHA',
  'TLS_RSA_WITH_AES_128_CBC_SHA',
  'TLS_RSA_WITH_AES_256_CBC_SHA',
  'TLS_RSA_WITH_AES_128_CBC_SHA256',
  'TLS_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_RC4_128_SHA',
  'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA',
  'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA',
  'TLS_ECDHE_RSA_WITH_RC4_128_SHA',
  'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA',
  'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
  'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA',
  'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_FALLBACK_SCSV',
] as const;

/** The only TLS store Traefik uses (others are ignored, with an error here). */
export const DEFAULT_TLS_STORE = 'default';
/** The TLS options a router naming none gets. */
export const DEFAULT_TLS_OPTIONS = 'default';

/** A name check against a fixed list (exact spelling, as Go's map lookups), with a suggestion. */
function oneOfNames(known: readonly string[], what: string): (item: string) => string | undefined {
  return (item) => {
    if (known.includes(item)) return undefined;
    const hint = closest(item.toLowerCase(), known);
    return `unknown ${what} '${item}'${hint === undefined ? '' : ` (did you mean '${hint}'?)`}`;
  };
}

function readName(r: FieldReader, key: string, known: readonly string[], what: string): string | undefined {
  const taken = r.take(key);
  if (taken === undefined) return undefined;
  if (typeof taken.value !== 'string') return void r.sink.add(taken.path, 'must be a string');
  const problem = oneOfNames(known, what)(taken.value.trim());
  if (problem !== undefined) return void r.sink.add(taken.path, problem);
  return taken.value.trim();
}

function readKeyPair(r: FieldReader): { certFile: string; keyFile: string } | undefined {
  const certFile = r.string('certFile', { required: true, nonEmpty: true });
  const keyFile = r.string('keyFile', { required: true, nonEmpty: true });
  return certFile === undefined || keyFile === undefined ? undefined : { certFile, keyFile };
}

function readCertificate(r: FieldReader): TlsCertificateConfig | undefined {
  const pair = readKeyPair(r);
  const stores = r.strings('stores', { check: nonBlank });
  return pair === undefined ? undefined : compact({ ...pair, stores });
}

function readDomain(r: FieldReader): { main?: string; sans?: string[] } | undefined {
  return compact({ main: r.string('main', { nonEmpty: true }), sans: r.strings('sans', { check: nonBlank }) });
}

function readStore(r: FieldReader): TlsStoreConfig | undefined {
  const defaultCertificate = r.object('defaultCertificate', readKeyPair);
  const defaultGeneratedCert = r.object('defaultGeneratedCert', (g) => {
    const resolver = g.string('resolver', { required: true, nonEmpty: true });
    const domain = g.object('domain', readDomain);
    return resolver === undefined ? undefined : compact({ resolver, domain });
  });
  return compact({ defaultCertificate, defaultGeneratedCert });
}

function readOptions(r: FieldReader): TlsOptionsConfig | undefined {
  const before = r.sink.count;
  const minVersion = readName(r, 'minVersion', TLS_VERSIONS, 'TLS version');
  const maxVersion = readName(r, 'maxVersion', TLS_VERSIONS, 'TLS version');
  const cipherSuites = r.strings('cipherSuites', { check: oneOfNames(CIPHER_SUITE_NAMES, 'cipher suite') });
  const curvePreferences = r.strings('curvePreferences', { check: oneOfNames(CURVE_NAMES, 'curve') });
  const alpnProtocols = r.strings('alpnProtocols', { check: nonBlank });
  const sniStrict = r.bool('sniStrict');
  const disableSessionTickets = r.bool('disableSessionTickets');
  r.bool('preferServerCipherSuites'); // deprecated in Traefik and without effect since Go 1.18: accepted, ignored
  const clientAuth = r.object('clientAuth', (c) =>
    compact({
      caFiles: c.strings('caFiles', { check: nonBlank }),
      clientAuthType: readName(c, 'clientAuthType', CLIENT_AUTH_TYPES, 'client authentication type'),
    }),
  );
  if (
    minVersion !== undefined &&
    maxVersion !== undefined &&
    TLS_VERSIONS.indexOf(minVersion as never) > TLS_VERSIONS.indexOf(maxVersion as never)
  ) {
    r.sink.add(joinPath(r.path, 'maxVersion'), `must not be lower than minVersion (${minVersion})`);
  }
  if (r.sink.count !== before) return undefined;
  return compact({
    minVersion,
    maxVersion,
    cipherSuites,
    curvePreferences,
    alpnProtocols,
    sniStrict,
    disableSessionTickets,
    clientAuth,
  });
}

/** Reads a map of named entries, keeping only those read without error. */
function readNamed<T>(
  r: FieldReader,
  key: string,
  read: (reader: FieldReader) => T | undefined,
  accept?: (name: string, path: string) => boolean,
): Record<string, T> | undefined {
  const taken = r.take(key);
  if (taken === undefined || typeof taken.value !== 'object' || taken.value === null || Array.isArray(taken.value))
    return undefined;
  const out: Record<string, T> = {};
  for (const name of Object.keys(taken.value).sort()) {
    const path = joinPath(taken.path, name);
    if (accept !== undefined && !accept(name, path)) continue;
    const before = r.sink.count;
    const value = readObject((taken.value as Record<string, unknown>)[name], path, r.sink, read);
    if (value !== undefined && r.sink.count === before) out[name] = value;
  }
  return out;
}

/** Reads the `tls` section (see module comment). */
export function readTlsSection(r: FieldReader): TlsConfig {
  const certificates = r.list('certificates', (value, path) => {
    const before = r.sink.count;
    const cert = readObject(value, path, r.sink, readCertificate);
    return r.sink.count === before ? cert : undefined;
  });
  const stores = readNamed(r, 'stores', readStore, (name, path) => {
    if (name === DEFAULT_TLS_STORE) return true;
    r.sink.add(path, `TLS store '${name}' is ignored: only the '${DEFAULT_TLS_STORE}' store is used (as in Traefik)`);
    return false;
  });
  const options = readNamed(r, 'options', readOptions, (name, path) => {
    if (name.trim() !== '' && !name.includes('@')) return true;
    r.sink.add(path, `invalid TLS options name '${name}': must be non-empty and without '@'`);
    return false;
  });
  return compact({ certificates, stores, options });
}
