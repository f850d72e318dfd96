/**
 * Test support: real certificate files made with `openssl` in a temporary folder — a test CA
 * (`C=CH, O=Junction Test, CN=Junction Test CA`) and leaf certificates it signs, with the names,
 * key type and lifetime a test asks for — and what `openssl` itself reads back from them
 * (fingerprints, serial), so tests compare Junction's reading with OpenSSL's.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A certificate and key on disk, and their PEM. */
export interface CertFiles {
  readonly certFile: string;
  readonly keyFile: string;
  readonly certPem: string;
  readonly keyPem: string;
}

/** What to issue. */
export interface IssueOptions {
  readonly cn: string;
  readonly sans?: readonly string[];
  readonly days?: number;
  readonly key?: 'rsa' | 'ec';
}

/** A folder of certificates signed by one test CA. */
export interface TestCa {
  readonly dir: string;
  readonly ca: CertFiles;
  /** Issues a leaf certificate (file name from `cn`; a second call with the same `cn` overwrites it). */
  issue(options: IssueOptions): CertFiles;
  close(): void;
}

const openssl = (args: readonly string[], input?: Buffer): Buffer =>
  execFileSync('openssl', args, { ...(input === undefined ? {} : { input }), stdio: ['pipe', 'pipe', 'ignore'] });

const KEY_ARGS = {
  rsa: ['-newkey', 'rsa:2048'],
  ec: ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'],
} as const;

function read(certFile: string, keyFile: string): CertFiles {
  return { certFile, keyFile, certPem: readFileSync(certFile, 'utf8'), keyPem: readFileSync(keyFile, 'utf8') };
}

/** Creates the CA in a new temporary folder. */
export function createTestCa(): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'junction-certs-'));
  const caCert = join(dir, 'ca.pem');
  const caKey = join(dir, 'ca.key');
  openssl([
    'req',
    '-x509',
    ...KEY_ARGS.ec,
    '-nodes',
    '-keyout',
    caKey,
    '-out',
    caCert,
    '-days',
    '400',
    '-subj',
    '/C=CH/O=Junction Test/CN=Junction Test CA',
  ]);
  return {
    dir,
    ca: read(caCert, caKey),
    issue({ cn, sans = [cn], days = 365, key = 'rsa' }) {
      const base = join(dir, cn.replaceAll(/[^a-z0-9.-]/gi, '_'));
      const san = sans.map((s) => (/^[\d.]+$/.test(s) || s.includes(':') ? `IP:${s}` : `DNS:${s}`)).join(',');
      openssl([
        'req',
        '-x509',
        '-CA',
        caCert,
        '-CAkey',
        caKey,
        ...KEY_ARGS[key],
        '-nodes',
        '-keyout',
        `${base}.key`,
        '-out',
        `${base}.pem`,
        '-days',
        String(days),
        '-subj',
        `/CN=${cn}`,
        '-addext',
        `subjectAltName=${san}`,
      ]);
      return read(`${base}.pem`, `${base}.key`);
    },
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** OpenSSL's SHA-256 fingerprint of a certificate, lower-case hex without colons. */
export function opensslFingerprint(certFile: string): string {
  const out = openssl(['x509', '-in', certFile, '-noout', '-fingerprint', '-sha256']).toString();
  return (out.split('=')[1] ?? '').trim().replaceAll(':', '').toLowerCase();
}

/** OpenSSL's SHA-256 of the certificate's public key (DER SubjectPublicKeyInfo), lower-case hex. */
export function opensslPublicKeyFingerprint(certFile: string): string {
  const pub = openssl(['x509', '-in', certFile, '-noout', '-pubkey']);
  const der = openssl(['pkey', '-pubin', '-outform', 'DER'], pub);
  return openssl(['dgst', '-sha256', '-r'], der).toString().split(' ')[0] ?? '';
}

/** OpenSSL's serial number, as a decimal string (Traefik's form). */
export function opensslSerial(certFile: string): string {
  const out = openssl(['x509', '-in', certFile, '-noout', '-serial']).toString();
  return BigInt(`0x${(out.split('=')[1] ?? '').trim()}`).toString(10);
}
