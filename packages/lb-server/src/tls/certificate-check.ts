/**
 * Checks one certificate and key pair before the store serves it, with Node's own X.509 parser
 * (`crypto.X509Certificate`): both are PEM, the key is the certificate's (`checkPrivateKey`), the
 * certificate is within its validity, and it covers the names it must (`expectedNames`, ACME
 * domains). A pair that passes gets its secure context built here, once — never per handshake.
 * A pair that fails gets a coded error (`LB_TLS_*`) naming what is wrong; the store lists it and
 * keeps serving the last good certificate with the same id.
 */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import type { SecureContext } from 'node:tls';
import { nodeTls } from '../lazy-builtins';
import type { CertificateError } from './types';

/** Days before `notAfter` from which a certificate is `expiring` (ACME renews 30 days before). */
export const EXPIRING_DAYS = 30;

/** What the checks read from a good pair. */
export interface CheckedCertificate {
  readonly certPem: string;
  readonly keyPem: string;
  /** Lower-case DNS names it serves: its SANs, or its CN when it has no DNS SAN (as Traefik). */
  readonly names: readonly string[];
  /** CN first, then the other SANs (for readers). */
  readonly domains: readonly string[];
  readonly issuer: string;
  readonly serialNumber: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly notAfterMs: number;
  readonly fingerprint: string;
  readonly keyType: string;
  /** The context with the certificate and key only (TLS options add their own, see `tls-options.ts`). */
  readonly context: SecureContext;
}

/** Result of {@link checkCertificate}. */
export type CheckResult =
  { readonly ok: true; readonly cert: CheckedCertificate } | { readonly ok: false; readonly error: CertificateError };

const PEM_CERT = /-----BEGIN CERTIFICATE-----/;
const PEM_KEY = /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/;

function fail(code: string, message: string): CheckResult {
  return { ok: false, error: { code, message } };
}

/** `DNS:a.example, DNS:*.b.example, IP Address:…` → the DNS names, lower case. */
export function dnsNames(subjectAltName: string | undefined): string[] {
  if (subjectAltName === undefined) return [];
  return subjectAltName
    .split(/,\s*/)
    .filter((part) => part.startsWith('DNS:'))
    .map((part) => part.slice(4).replace(/^"|"$/g, '').toLowerCase());
}

/** The value of `key` (e.g. `CN`) in a Node distinguished name (`C=US\nO=…\nCN=…`). */
function dnPart(dn: string, key: string): string | undefined {
  for (const line of dn.split('\n')) if (line.startsWith(`${key}=`)) return line.slice(key.length + 1);
  return undefined;
}

/** Traefik's key type names: `RSA2048`, `EC256`, `EC384`, `ED25519`. */
function keyTypeOf(key: KeyObject): string {
  const details = key.asymmetricKeyDetails;
  switch (key.asymmetricKeyType) {
    case 'rsa':
    case 'rsa-pss':
      return `RSA${details?.modulusLength ?? ''}`;
    case 'ec': {
      const curve = details?.namedCurve;
      if (curve === 'prime256v1') return 'EC256';
      if (curve === 'secp384r1') return 'EC384';
      if (curve === 'secp521r1') return 'EC521';
      return `EC(${curve ?? '?'})`;
    }
    default:
      return (key.asymmetricKeyType ?? 'unknown').toUpperCase();
  }
}

/** True when `cert` covers `name` (`*.x` must be among its SANs as such). */
function covers(x509: X509Certificate, names: readonly string[], name: string): boolean {
  const lower = name.toLowerCase();
  if (names.includes(lower)) return true;
  return !lower.startsWith('*.') && x509.checkHost(lower) !== undefined;
}

/** Checks a pair (see module comment); `now` is for tests. */
export function checkCertificate(
  certPem: string,
  keyPem: string,
  expectedNames: readonly string[] = [],
  now = Date.now(),
): CheckResult {
  if (!PEM_CERT.test(certPem))
    return fail('LB_TLS_CERT_NOT_PEM', 'the certificate is not PEM (no "-----BEGIN CERTIFICATE-----" block)');
  if (!PEM_KEY.test(keyPem))
    return fail('LB_TLS_KEY_NOT_PEM', 'the private key is not PEM (no "-----BEGIN … PRIVATE KEY-----" block)');
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(certPem);
  } catch (error) {
    return fail('LB_TLS_CERT_INVALID', `the certificate cannot be parsed: ${(error as Error).message}`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(keyPem);
  } catch (error) {
    return fail(
      'LB_TLS_KEY_INVALID',
      `the private key cannot be parsed (an encrypted key is not supported): ${(error as Error).message}`,
    );
  }
  if (!x509.checkPrivateKey(key))
    return fail(
      'LB_TLS_KEY_MISMATCH',
      `the private key does not belong to the certificate (subject ${x509.subject.replace(/\n/g, ', ')})`,
    );
  const notAfterMs = Date.parse(x509.validTo);
  const notBeforeMs = Date.parse(x509.validFrom);
  if (notAfterMs <= now)
    return fail('LB_TLS_CERT_EXPIRED', `the certificate expired on ${new Date(notAfterMs).toISOString()}`);
  if (notBeforeMs > now)
    return fail(
      'LB_TLS_CERT_NOT_YET_VALID',
      `the certificate is valid only from ${new Date(notBeforeMs).toISOString()}`,
    );
  const sans = dnsNames(x509.subjectAltName);
  const cn = dnPart(x509.subject, 'CN')?.toLowerCase();
  const names = sans.length > 0 ? sans : cn === undefined ? [] : [cn];
  const missing = expectedNames.filter((name) => !covers(x509, names, name));
  if (missing.length > 0)
    return fail(
      'LB_TLS_NAME_NOT_COVERED',
      `the certificate does not cover ${missing.join(', ')} (it covers ${names.join(', ') || 'no DNS name'})`,
    );
  let context: SecureContext;
  try {
    context = nodeTls().createSecureContext({ cert: certPem, key: keyPem });
  } catch (error) {
    return fail('LB_TLS_CERT_INVALID', `OpenSSL refuses the pair: ${(error as Error).message}`);
  }
  const domains = [...new Set([...(cn === undefined ? [] : [cn]), ...sans])];
  return {
    ok: true,
    cert: {
      certPem,
      keyPem,
      names,
      domains,
      issuer: x509.issuer.split('\n').reverse().join(', '),
      serialNumber: x509.serialNumber,
      notBefore: new Date(notBeforeMs).toISOString(),
      notAfter: new Date(notAfterMs).toISOString(),
      notAfterMs,
      fingerprint: x509.fingerprint256,
      keyType: keyTypeOf(x509.publicKey),
      context,
    },
  };
}
