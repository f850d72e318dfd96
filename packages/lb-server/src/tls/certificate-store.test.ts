/**
 * The certificate store with real certificates made by `selfsigned` in the test: checks (key
 * mismatch, expired, not PEM, names not covered), SNI lookup (exact, one-label wildcard, store
 * default, generated default, sniStrict), the last good certificate serving after a bad
 * replacement, and what readers see in `list()`.
 */
import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkCertificate } from './certificate-check';
import { createCertificateStore, type TlsCertificateStore } from './certificate-store';
import { DEFAULT_CERT_CN } from './default-certificate';
import type { CertificateInput } from './types';

interface Pair {
  certPem: string;
  keyPem: string;
}

async function cert(
  cn: string,
  sans: readonly string[],
  days = 90,
  notBefore = new Date(Date.now() - 60_000),
): Promise<Pair> {
  const pems = await generate([{ name: 'commonName', value: cn }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: notBefore,
    notAfterDate: new Date(notBefore.getTime() + days * 86_400_000),
    extensions: [{ name: 'subjectAltName', altNames: sans.map((value) => ({ type: 2 as const, value })) }],
  });
  return { certPem: pems.cert, keyPem: pems.private };
}

function cnOf(
  store: TlsCertificateStore,
  sni: string | undefined,
  storeName = 'default',
  strict = false,
): string | undefined {
  const served = store.certificateFor(sni, storeName, strict);
  return served === undefined ? undefined : new X509Certificate(served.cert.certPem).subject;
}

const file = (id: string, pair: Pair, extra: Partial<CertificateInput> = {}): CertificateInput => ({
  id,
  source: 'file',
  ...pair,
  ...extra,
});

let exact: Pair;
let wildcard: Pair;
let other: Pair;
let fallback: Pair;
beforeAll(async () => {
  [exact, wildcard, other, fallback] = await Promise.all([
    cert('a.example.test', ['a.example.test', 'www.a.example.test']),
    cert('wild', ['*.example.test']),
    cert('other.test', ['other.test']),
    cert('configured default', ['default.test']),
  ]);
});

describe('checkCertificate', () => {
  it('accepts a good pair and reads its names, key type and dates', () => {
    const result = checkCertificate(exact.certPem, exact.keyPem);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.cert.names).toEqual(['a.example.test', 'www.a.example.test']);
    expect(result.cert.keyType).toBe('EC256');
    expect(result.cert.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it.each([
    {
      desc: 'a key of another certificate',
      pair: () => ({ certPem: exact.certPem, keyPem: other.keyPem }),
      code: 'LB_TLS_KEY_MISMATCH',
    },
    {
      desc: 'a certificate that is not PEM',
      pair: () => ({ certPem: 'hello', keyPem: exact.keyPem }),
      code: 'LB_TLS_CERT_NOT_PEM',
    },
    {
      desc: 'a key that is not PEM',
      pair: () => ({ certPem: exact.certPem, keyPem: 'x' }),
      code: 'LB_TLS_KEY_NOT_PEM',
    },
    {
      desc: 'a damaged certificate',
      pair: () => ({ certPem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n', keyPem: exact.keyPem }),
      code: 'LB_TLS_CERT_INVALID',
    },
  ])('refuses $desc with $code', ({ pair, code }) => {
    const { certPem, keyPem } = pair();
    const result = checkCertificate(certPem, keyPem);
    expect(result.ok ? undefined : result.error.code).toBe(code);
  });

  it('refuses an expired certificate and one that does not cover an expected name', async () => {
    const old = await cert('old.test', ['old.test'], 1, new Date(Date.now() - 3 * 86_400_000));
    const expired = checkCertificate(old.certPem, old.keyPem);
    expect(expired.ok ? undefined : expired.error.code).toBe('LB_TLS_CERT_EXPIRED');
    const uncovered = checkCertificate(wildcard.certPem, wildcard.keyPem, [
      'b.example.test',
      'x.y.example.test',
      '*.example.test',
    ]);
    expect(uncovered.ok ? undefined : uncovered.error).toMatchObject({
      code: 'LB_TLS_NAME_NOT_COVERED',
      message: expect.stringContaining('x.y.example.test'),
    });
  });
});

describe('TlsCertificateStore lookup', () => {
  it('picks the exact name, then a one-label wildcard, then the generated default', async () => {
    const store = await createCertificateStore();
    store.replace('file', [file('file:a', exact), file('file:w', wildcard)]);
    expect(cnOf(store, 'A.Example.Test.')).toBe('CN=a.example.test');
    expect(cnOf(store, 'www.a.example.test')).toBe('CN=a.example.test');
    expect(cnOf(store, 'b.example.test')).toBe('CN=wild');
    expect(cnOf(store, 'x.b.example.test')).toBe(`CN=${DEFAULT_CERT_CN}`);
    expect(cnOf(store, 'example.test')).toBe(`CN=${DEFAULT_CERT_CN}`);
    expect(cnOf(store, undefined)).toBe(`CN=${DEFAULT_CERT_CN}`);
    expect(store.contextFor('a.example.test', 'default', false)).toBe(
      store.certificateFor('a.example.test', 'default', false)?.cert.context,
    );
  });

  it('serves the configured default certificate before the generated one, and nothing under sniStrict', async () => {
    const store = await createCertificateStore();
    store.replace('file', [file('file:o', other), file('default:default', fallback, { source: 'default' })]);
    expect(cnOf(store, 'unknown.test')).toBe('CN=configured default');
    expect(cnOf(store, 'unknown.test', 'default', true)).toBeUndefined();
    expect(cnOf(store, 'other.test', 'default', true)).toBe('CN=other.test');
    expect(cnOf(store, 'other.test', 'no-such-store')).toBe('CN=other.test');
  });

  it('prefers a file certificate over an ACME one for the same name', async () => {
    const store = await createCertificateStore();
    const acme = await cert('acme one', ['a.example.test']);
    store.replace('acme:le', [{ id: 'acme:le:a.example.test', source: 'acme', resolver: 'le', ...acme }]);
    expect(cnOf(store, 'a.example.test')).toBe('CN=acme one');
    store.replace('file', [file('file:a', exact)]);
    expect(cnOf(store, 'a.example.test')).toBe('CN=a.example.test');
    store.replace('file', []);
    expect(cnOf(store, 'a.example.test')).toBe('CN=acme one');
  });
});

describe('TlsCertificateStore replacement and listing', () => {
  it('keeps the last good certificate serving after a bad replacement, reports the error, logs it once', async () => {
    const warnings: string[] = [];
    const store = await createCertificateStore({ warn: (_obj, msg) => warnings.push(msg) });
    let changes = 0;
    store.onChange(() => {
      changes += 1;
    });
    store.replace('file', [file('file:/c/a.pem', exact, { element: 'tls.certificates[0]' })]);
    const bad = { certPem: exact.certPem, keyPem: other.keyPem };
    const infos = store.replace('file', [file('file:/c/a.pem', bad, { element: 'tls.certificates[0]' })]);
    store.replace('file', [file('file:/c/a.pem', bad, { element: 'tls.certificates[0]' })]);
    expect(infos[0]).toMatchObject({
      id: 'file:/c/a.pem',
      state: 'error',
      serving: true,
      error: { code: 'LB_TLS_KEY_MISMATCH' },
      domains: ['a.example.test', 'www.a.example.test'],
    });
    expect(cnOf(store, 'a.example.test')).toBe('CN=a.example.test');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('tls.certificates[0]');
    expect(changes).toBe(3);
    const good = store.replace('file', [file('file:/c/a.pem', exact, { element: 'tls.certificates[0]' })]);
    expect(good[0]).toMatchObject({ state: 'valid', serving: true });
    expect(good[0]?.error).toBeUndefined();
  });

  it('lists a refused certificate with no previous one as not serving, pending domains, and the generated default', async () => {
    const store = await createCertificateStore();
    store.replace('file', [file('file:bad', { certPem: 'nope', keyPem: 'nope' }, { expectedNames: ['bad.test'] })]);
    store.setPending('acme:le', [
      { id: 'acme:le:p.test', source: 'acme', resolver: 'le', domains: ['p.test'], state: 'pending' },
    ]);
    const list = store.list();
    expect(list.find((c) => c.id === 'file:bad')).toMatchObject({
      state: 'error',
      serving: false,
      domains: ['bad.test'],
      error: { code: 'LB_TLS_CERT_NOT_PEM' },
    });
    expect(list.find((c) => c.id === 'acme:le:p.test')).toMatchObject({
      state: 'pending',
      serving: false,
      resolver: 'le',
    });
    expect(list.find((c) => c.source === 'generated')).toMatchObject({
      serving: true,
      keyType: 'RSA2048',
      domains: [DEFAULT_CERT_CN.toLowerCase()],
    });
    expect(cnOf(store, 'bad.test')).toBe(`CN=${DEFAULT_CERT_CN}`);
  });

  it('marks a certificate within 30 days of its end as expiring', async () => {
    const store = await createCertificateStore();
    const short = await cert('short.test', ['short.test'], 10);
    expect(store.replace('file', [file('file:s', short)])[0]?.state).toBe('expiring');
  });

  it('holds TLS-ALPN-01 challenge contexts by domain', async () => {
    const store = await createCertificateStore();
    store.setAlpnChallenge('Challenge.Test', other.certPem, other.keyPem);
    expect(store.alpnChallengeFor('challenge.test')).toBeDefined();
    store.clearAlpnChallenge('challenge.test');
    expect(store.alpnChallengeFor('challenge.test')).toBeUndefined();
  });
});
