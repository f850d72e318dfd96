/**
 * What Traefik 3.7's `/api/certificates` shows of an X.509 certificate and that only the
 * certificate holds (traefik `pkg/api/certificate.go`): subject and issuer organisation and
 * country, the version, the key's type and size, the signature algorithm in Go's names
 * (`SHA256-RSA`, `ECDSA-SHA256`), the serial number in decimal, and the SHA-256 fingerprints of
 * the certificate and of its public key as lower-case hex. Parsed with Node's
 * `crypto.X509Certificate` once per PEM and cached, since the dashboard renders every second.
 */
import { createHash, X509Certificate } from 'node:crypto';

/** The details of one certificate (field names as Traefik's JSON). */
export interface X509Details {
  readonly commonName: string;
  /** DNS names then IP addresses, sorted (Go's `DNSNames` + `IPAddresses`). */
  readonly sans: readonly string[];
  readonly issuerOrg?: string;
  readonly issuerCN?: string;
  readonly issuerCountry?: string;
  readonly organization?: string;
  readonly country?: string;
  readonly serialNumber: string;
  readonly notBefore: string;
  readonly notAfter: string;
  /** `v3` (X.509 version, Go's `Certificate.Version`). */
  readonly version: string;
  /** `RSA`, `ECDSA` (Go's names), `Ed25519` or `Unknown`. */
  readonly keyType: string;
  readonly keySize?: number;
  readonly signatureAlgorithm: string;
  readonly certFingerprint: string;
  readonly publicKeyFingerprint: string;
}

/** Go's `x509.SignatureAlgorithm.String()` by OID; other OIDs fall back to OpenSSL's name. */
const SIGNATURE_NAMES: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.4': 'MD5-RSA',
  '1.2.840.113549.1.1.5': 'SHA1-RSA',
  '1.2.840.113549.1.1.11': 'SHA256-RSA',
  '1.2.840.113549.1.1.12': 'SHA384-RSA',
  '1.2.840.113549.1.1.13': 'SHA512-RSA',
  '1.2.840.10045.4.1': 'ECDSA-SHA1',
  '1.2.840.10045.4.3.2': 'ECDSA-SHA256',
  '1.2.840.10045.4.3.3': 'ECDSA-SHA384',
  '1.2.840.10045.4.3.4': 'ECDSA-SHA512',
  '1.3.101.112': 'Ed25519',
};

const CURVE_BITS: Readonly<Record<string, number>> = {
  prime256v1: 256,
  secp384r1: 384,
  secp521r1: 521,
  secp224r1: 224,
};

/** The value of `key` in a Node distinguished name (`C=US\nO=…\nCN=…`); the first one. */
export function dnPart(dn: string, key: string): string | undefined {
  for (const line of dn.split('\n')) if (line.startsWith(`${key}=`)) return line.slice(key.length + 1);
  return undefined;
}

/** An IP as Go prints it: IPv6 compressed and lower case (`0:0:0:0:0:0:0:1` → `::1`). */
function ipText(ip: string): string {
  if (!ip.includes(':')) return ip;
  try {
    return new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  } catch {
    return ip.toLowerCase();
  }
}

/** `DNS:a, IP Address:127.0.0.1, …` → DNS names, then IPs, sorted as Go sorts strings. */
function sansOf(subjectAltName: string | undefined): string[] {
  if (subjectAltName === undefined) return [];
  const out: string[] = [];
  for (const part of subjectAltName.split(/,\s*/)) {
    if (part.startsWith('DNS:')) out.push(part.slice(4).replace(/^"|"$/g, ''));
    else if (part.startsWith('IP Address:')) out.push(ipText(part.slice(11)));
  }
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The X.509 version from the DER: `Certificate ::= SEQUENCE { tbsCertificate SEQUENCE {
 * [0] EXPLICIT version INTEGER DEFAULT v1, … } }`. Node does not expose it.
 */
export function x509Version(der: Uint8Array): number {
  let at = 0;
  const skipHeader = (): boolean => {
    at += 1; // tag
    const first = der[at++];
    if (first === undefined) return false;
    if (first & 0x80) at += first & 0x7f;
    return at < der.length;
  };
  if (der[0] !== 0x30 || !skipHeader() || der[at] !== 0x30 || !skipHeader()) return 1;
  if (der[at] !== 0xa0) return 1; // no explicit version: v1
  if (!skipHeader() || der[at] !== 0x02 || !skipHeader()) return 1;
  return (der[at] ?? 0) + 1;
}

function keyInfo(cert: X509Certificate): { keyType: string; keySize?: number } {
  const key = cert.publicKey;
  const details = key.asymmetricKeyDetails;
  switch (key.asymmetricKeyType) {
    case 'rsa':
    case 'rsa-pss':
      return { keyType: 'RSA', ...(details?.modulusLength === undefined ? {} : { keySize: details.modulusLength }) };
    case 'ec': {
      const bits = details?.namedCurve === undefined ? undefined : CURVE_BITS[details.namedCurve];
      return { keyType: 'ECDSA', ...(bits === undefined ? {} : { keySize: bits }) };
    }
    case 'ed25519':
      return { keyType: 'Ed25519' }; // Go reports "Unknown" here; the name says more
    default:
      return { keyType: 'Unknown' };
  }
}

/** Go's JSON form of a time with whole seconds: `2026-06-15T10:00:00Z` (certificate times have no fraction). */
const rfc3339 = (date: Date): string => date.toISOString().replace(/\.000Z$/, 'Z');

const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The details of the first certificate of `pem`; `undefined` when it does not parse. */
export function parseX509Details(pem: string): X509Details | undefined {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem);
  } catch {
    return undefined;
  }
  const optional = (key: string, value: string | undefined): Record<string, string> =>
    value === undefined || value === '' ? {} : { [key]: value };
  return {
    commonName: dnPart(cert.subject, 'CN') ?? '',
    sans: sansOf(cert.subjectAltName),
    ...optional('issuerOrg', dnPart(cert.issuer, 'O')),
    ...optional('issuerCN', dnPart(cert.issuer, 'CN')),
    ...optional('issuerCountry', dnPart(cert.issuer, 'C')),
    ...optional('organization', dnPart(cert.subject, 'O')),
    ...optional('country', dnPart(cert.subject, 'C')),
    serialNumber: BigInt(`0x${cert.serialNumber}`).toString(10),
    notBefore: rfc3339(cert.validFromDate),
    notAfter: rfc3339(cert.validToDate),
    version: `v${x509Version(cert.raw)}`,
    ...keyInfo(cert),
    signatureAlgorithm: SIGNATURE_NAMES[cert.signatureAlgorithmOid ?? ''] ?? cert.signatureAlgorithm ?? 'Unknown',
    certFingerprint: sha256Hex(cert.raw),
    publicKeyFingerprint: sha256Hex(cert.publicKey.export({ type: 'spki', format: 'der' })),
  };
}

/** Parsed details by PEM; emptied when it grows past {@link CACHE_LIMIT} (certificates replaced over time). */
const cache = new Map<string, X509Details | undefined>();
const CACHE_LIMIT = 4096;

/** {@link parseX509Details}, cached by PEM. */
export function x509Details(pem: string): X509Details | undefined {
  if (cache.has(pem)) return cache.get(pem);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  const details = parseX509Details(pem);
  cache.set(pem, details);
  return details;
}
