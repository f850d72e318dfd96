/**
 * Keys as Traefik stores them (an account key as base64 PKCS#1 DER, certificate keys per
 * `keyType`), and the CA trust read from `LEGO_CA_CERTIFICATES` / `LEGO_CA_SYSTEM_CERT_POOL` /
 * `NODE_EXTRA_CA_CERTS`: several files, path-separator or comma separated, system roots replaced
 * or kept as lego does, and a coded error naming an unreadable file.
 */
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { afterAll, describe, expect, test } from 'vitest';
import { caCertificates } from './ca-trust';
import { accountKeyPem, createAccountKey, createCertificateKey, legoKeyType } from './keys';

describe('keys', () => {
  test("the account key round-trips through acme.json's PrivateKey (PKCS#1 DER, RSA 4096)", async () => {
    const key = await createAccountKey();
    const again = createPrivateKey(accountKeyPem(key.stored));
    expect(again.asymmetricKeyType).toBe('rsa');
    expect(again.asymmetricKeyDetails?.modulusLength).toBe(4096);
    expect(again.export({ format: 'der', type: 'pkcs1' }).toString('base64')).toBe(key.stored);
  }, 30_000);

  test.each([
    ['EC256', 'ec', { namedCurve: 'prime256v1' }, 'P256'],
    ['ec384', 'ec', { namedCurve: 'secp384r1' }, 'P384'],
    ['RSA2048', 'rsa', { modulusLength: 2048 }, '2048'],
  ])('keyType %s makes a %s key stored by lego as %s', async (keyType, kind, details, lego) => {
    const key = createPrivateKey(await createCertificateKey(keyType));
    expect(key.asymmetricKeyType).toBe(kind);
    expect(key.asymmetricKeyDetails).toMatchObject(details);
    expect(legoKeyType(keyType)).toBe(lego);
  });

  test('an unknown keyType is refused with the known ones', async () => {
    await expect(createCertificateKey('RSA1024')).rejects.toThrow(/EC256, EC384, RSA2048, RSA4096, RSA8192/);
  });
});

describe('CA trust', () => {
  const dir = mkdtempSync(join(tmpdir(), 'junction-acme-ca-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const [one, two] = [rootCertificates[0] ?? '', rootCertificates[1] ?? ''];
  writeFileSync(join(dir, 'one.pem'), one);
  writeFileSync(join(dir, 'two.pem'), two);
  writeFileSync(join(dir, 'bad.pem'), 'not a certificate');

  test('LEGO_CA_CERTIFICATES: files separated by the path separator or commas, replacing the system roots (lego)', () => {
    expect(caCertificates({ LEGO_CA_CERTIFICATES: `${join(dir, 'one.pem')},${join(dir, 'two.pem')}` })).toEqual([
      one,
      two,
    ]);
    expect(
      caCertificates({ LEGO_CA_CERTIFICATES: `${join(dir, 'one.pem')}${delimiter}${join(dir, 'two.pem')}` }),
    ).toEqual([one, two]);
  });

  test("LEGO_CA_SYSTEM_CERT_POOL=true keeps the system roots; NODE_EXTRA_CA_CERTS adds to them; nothing set: Node's own", () => {
    expect(caCertificates({ LEGO_CA_CERTIFICATES: join(dir, 'one.pem'), LEGO_CA_SYSTEM_CERT_POOL: 'true' })).toEqual([
      ...rootCertificates,
      one,
    ]);
    expect(caCertificates({ NODE_EXTRA_CA_CERTS: join(dir, 'two.pem') })).toEqual([...rootCertificates, two]);
    expect(
      caCertificates({ NODE_EXTRA_CA_CERTS: join(dir, 'two.pem'), LEGO_CA_CERTIFICATES: join(dir, 'one.pem') }),
    ).toEqual([two, one]);
    expect(caCertificates({})).toBeUndefined();
  });

  test('a missing or non-PEM file is a coded error naming the variable and the file', () => {
    expect(() => caCertificates({ LEGO_CA_CERTIFICATES: join(dir, 'missing.pem') })).toThrow(
      expect.objectContaining({
        code: 'LB_ACME_CA_CERTIFICATES',
        message: expect.stringContaining('LEGO_CA_CERTIFICATES: cannot use'),
      }),
    );
    expect(() => caCertificates({ NODE_EXTRA_CA_CERTS: join(dir, 'bad.pem') })).toThrow(
      /NODE_EXTRA_CA_CERTS: .*no PEM certificate/,
    );
  });
});
