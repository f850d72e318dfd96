/**
 * Keys of ACME resolvers, as Traefik makes and stores them: the account key is RSA 4096 (stored
 * as base64 PKCS#1 DER), certificate keys follow the resolver's `keyType` (`EC256` default,
 * `EC384`, `RSA2048`, `RSA4096`, `RSA8192`) and are PKCS#8 PEM (acme-client signs CSRs through
 * WebCrypto, which imports only PKCS#8; Traefik reads PKCS#8 as well as lego's SEC1/PKCS#1).
 * `acme.json` records lego's name of the key type (`P256`, `4096`…).
 */
import { createPrivateKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

const generate = promisify(generateKeyPair);

interface KeySpec {
  readonly lego: string;
  readonly ec?: 'P-256' | 'P-384';
  readonly rsaBits?: number;
}

const KEY_TYPES: Readonly<Record<string, KeySpec>> = {
  EC256: { lego: 'P256', ec: 'P-256' },
  EC384: { lego: 'P384', ec: 'P-384' },
  RSA2048: { lego: '2048', rsaBits: 2048 },
  RSA4096: { lego: '4096', rsaBits: 4096 },
  RSA8192: { lego: '8192', rsaBits: 8192 },
};

/** The resolver's `keyType` names Junction knows (Traefik's). */
export const KEY_TYPE_NAMES: readonly string[] = Object.keys(KEY_TYPES);

/** lego's stored name of a Traefik `keyType` (`EC256` → `P256`); `undefined` for an unknown one. */
export function legoKeyType(keyType: string): string | undefined {
  return KEY_TYPES[keyType.toUpperCase()]?.lego;
}

function pem(key: KeyObject): string {
  return key.export({ format: 'pem', type: 'pkcs8' }) as string;
}

function pkcs1(key: KeyObject): string {
  return key.export({ format: 'pem', type: 'pkcs1' }) as string;
}

/** A new certificate key of `keyType`, as PEM (throws for an unknown key type). */
export async function createCertificateKey(keyType: string): Promise<string> {
  const spec = KEY_TYPES[keyType.toUpperCase()];
  if (spec === undefined) throw new Error(`unknown keyType ${keyType} (known: ${KEY_TYPE_NAMES.join(', ')})`);
  const { privateKey } =
    spec.ec === undefined
      ? await generate('rsa', { modulusLength: spec.rsaBits ?? 2048 })
      : await generate('ec', { namedCurve: spec.ec });
  return pem(privateKey);
}

/** A new account key (RSA 4096, as Traefik): `{ pem, stored }`, `stored` being `acme.json`'s `PrivateKey`. */
export async function createAccountKey(): Promise<{ pem: string; stored: string }> {
  const { privateKey } = await generate('rsa', { modulusLength: 4096 });
  const der = privateKey.export({ format: 'der', type: 'pkcs1' });
  return { pem: pkcs1(privateKey), stored: der.toString('base64') };
}

/** The PEM of a stored account key (`PrivateKey`: base64 PKCS#1 DER; PKCS#8 and SEC1 accepted too). */
export function accountKeyPem(stored: string): string {
  const der = Buffer.from(stored, 'base64');
  for (const type of ['pkcs1', 'pkcs8', 'sec1'] as const) {
    try {
      return pkcs1OrPkcs8(createPrivateKey({ key: der, format: 'der', type }));
    } catch {
      // next encoding
    }
  }
  throw new Error('Account.PrivateKey is not a PKCS#1, PKCS#8 or SEC1 key');
}

function pkcs1OrPkcs8(key: KeyObject): string {
  return key.asymmetricKeyType === 'rsa' ? pkcs1(key) : pem(key);
}

/** A cheap key for TLS-ALPN-01 challenge certificates. */
export async function createChallengeKey(): Promise<string> {
  const { privateKey } = await generate('ec', { namedCurve: 'P-256' });
  return pem(privateKey);
}
