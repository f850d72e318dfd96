/**
 * ACME against a real CA: Pebble with challtestsrv as its DNS (`test/support/pebble.ts`), Junction's
 * `web` entry point answering HTTP-01 and a TLS listener on the certificate store answering
 * TLS-ALPN-01. Issued certificates are verified against Pebble's own root. Cases: HTTP-01,
 * TLS-ALPN-01, a restart reusing acme.json (no new order), renewal of short-lived certificates, and
 * a failing domain beside a working one.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startAcmeJunction, servedCertificate, type AcmeJunction } from './support/acme-junction';
import { startPebble, type PebbleLab } from './support/pebble';

let lab: PebbleLab;
let root: string;
let dir: string;

beforeAll(async () => {
  lab = await startPebble();
  root = await lab.root();
  dir = mkdtempSync(join(tmpdir(), 'junction-acme-'));
});
afterAll(async () => {
  await lab?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function resolverFlags(
  name: string,
  storage: string,
  challenge: 'http' | 'tls',
  caServer = lab.directoryUrl,
): string[] {
  return [
    `--certificatesresolvers.${name}.acme.email=ops@example.test`,
    `--certificatesresolvers.${name}.acme.storage=${storage}`,
    `--certificatesresolvers.${name}.acme.caserver=${caServer}`,
    challenge === 'http'
      ? `--certificatesresolvers.${name}.acme.httpchallenge.entrypoint=web`
      : `--certificatesresolvers.${name}.acme.tlschallenge=true`,
  ];
}

function routers(resolver: string, hosts: readonly string[]): unknown {
  return {
    http: {
      // `a||b` is one router for both names.
      routers: Object.fromEntries(
        hosts.map((h, i) => [
          `r${i}`,
          {
            rule: h
              .split('||')
              .map((n) => `Host(\`${n}\`)`)
              .join(' || '),
            service: 's',
            entryPoints: ['websecure'],
            tls: { certResolver: resolver },
          },
        ]),
      ),
      services: { s: { loadBalancer: { servers: [{ url: 'http://127.0.0.1:9' }] } } },
    },
  };
}

async function until<T>(what: string, probe: () => T | undefined, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const served = (j: AcmeJunction, main: string) =>
  j.certificates.list().find((c) => c.source === 'acme' && c.domains[0] === main && c.serving);
const orders = (j: AcmeJunction) => j.logs.filter((l) => l.msg === 'ACME: ordering a certificate').length;

describe('ACME against Pebble', { timeout: 20_000 }, () => {
  test("HTTP-01: the certificate is issued, served by SNI and stored in Traefik's acme.json", async () => {
    const storage = join(dir, 'http.json');
    // web redirects everything to websecure (Traefik's entry-point redirection): challenges still answer.
    const flags = [
      ...resolverFlags('le', storage, 'http'),
      '--entrypoints.web.http.redirections.entryPoint.to=websecure',
    ];
    const j = await startAcmeJunction(lab, flags, routers('le', ['a.test']));
    try {
      const info = await until('a.test certificate', () => served(j, 'a.test'));
      expect(info).toMatchObject({ resolver: 'le', state: 'valid' });
      const cert = await servedCertificate(lab.tlsPort, 'a.test', root);
      expect(cert).toMatchObject({ authorized: true, names: 'DNS:a.test' });
      expect(statSync(storage).mode & 0o777).toBe(0o600);
      const stored = JSON.parse(readFileSync(storage, 'utf8')) as Record<
        string,
        { Account: Record<string, unknown>; Certificates: Record<string, unknown>[] }
      >;
      expect(stored.le?.Account).toMatchObject({
        Email: 'ops@example.test',
        KeyType: 'P256',
        Registration: { body: { status: 'valid' } },
      });
      expect(stored.le?.Certificates).toEqual([
        expect.objectContaining({ domain: { main: 'a.test' }, Store: 'default' }),
      ]);
      const pem = Buffer.from(String(stored.le?.Certificates[0]?.certificate), 'base64').toString();
      expect(pem).toContain('BEGIN CERTIFICATE');
      // The challenge route answers nothing for a token no order waits for; other paths are redirected.
      expect(
        (await fetch(`http://127.0.0.1:${lab.httpPort}/.well-known/acme-challenge/nope`, { redirect: 'manual' }))
          .status,
      ).toBe(404);
      const redirected = await fetch(`http://127.0.0.1:${lab.httpPort}/page`, { redirect: 'manual' });
      expect(redirected.status).toBe(301);
      expect(redirected.headers.get('location')).toBe(`https://127.0.0.1:${lab.tlsPort}/page`);
    } finally {
      await j.close();
    }
  });

  test('TLS-ALPN-01: the certificate is issued through acme-tls/1 on the TLS entry point, and for a router added later', async () => {
    const j = await startAcmeJunction(
      lab,
      resolverFlags('tls', join(dir, 'tls.json'), 'tls'),
      routers('tls', ['b.test']),
    );
    try {
      await until('b.test certificate', () => served(j, 'b.test'));
      expect(await servedCertificate(lab.tlsPort, 'b.test', root)).toMatchObject({
        authorized: true,
        names: 'DNS:b.test',
      });
      // A router that appears later (a new container, an edited file) gets its certificate then.
      // Its rule's names are one certificate, as in Traefik.
      j.apply(routers('tls', ['b.test', 'b2.test||b3.test']));
      await until('b2.test certificate', () => served(j, 'b2.test'));
      expect(await servedCertificate(lab.tlsPort, 'b3.test', root)).toMatchObject({
        authorized: true,
        names: 'DNS:b2.test, DNS:b3.test',
      });
      expect(orders(j)).toBe(2);
    } finally {
      await j.close();
    }
  });

  test('a restart reuses acme.json: the stored certificate serves at once, no new order', async () => {
    const storage = join(dir, 'restart.json');
    const first = await startAcmeJunction(lab, resolverFlags('le', storage, 'http'), routers('le', ['c.test']));
    let serial: string;
    try {
      await until('c.test certificate', () => served(first, 'c.test'));
      serial = (await servedCertificate(lab.tlsPort, 'c.test', root)).serial;
      expect(orders(first)).toBe(1);
    } finally {
      await first.close();
    }
    const second = await startAcmeJunction(lab, resolverFlags('le', storage, 'http'), routers('le', ['c.test']));
    try {
      expect(served(second, 'c.test')).toBeDefined();
      expect((await servedCertificate(lab.tlsPort, 'c.test', root)).serial).toBe(serial);
      await new Promise((r) => setTimeout(r, 300));
      expect(orders(second)).toBe(0);
    } finally {
      await second.close();
    }
    // A renewal that cannot happen (the CA's certificate file is gone): the stored one keeps serving, the error beside it.
    const flags = [...resolverFlags('le', storage, 'http'), '--certificatesresolvers.le.acme.renewBefore=100000h'];
    const third = await startAcmeJunction(
      lab,
      flags,
      routers('le', ['c.test']),
      {},
      { LEGO_CA_CERTIFICATES: join(dir, 'gone.pem') },
    );
    try {
      expect((await servedCertificate(lab.tlsPort, 'c.test', root)).serial).toBe(serial);
      expect(
        third.certificates
          .list()
          .filter((c) => c.domains[0] === 'c.test')
          .map((c) => [c.state, c.serving, c.error?.code]),
      ).toEqual([
        ['valid', true, undefined],
        ['error', false, 'LB_ACME_CA_CERTIFICATES'],
      ]);
    } finally {
      await third.close();
    }
  });

  test('short-lived certificates are renewed before they expire', async () => {
    const shortLab = await startPebble({ validitySeconds: 20 });
    const shortRoot = await shortLab.root();
    const flags = [
      ...resolverFlags('le', join(dir, 'renew.json'), 'http', shortLab.directoryUrl),
      '--certificatesresolvers.le.acme.renewBefore=16s',
    ];
    const j = await startAcmeJunction(shortLab, flags, routers('le', ['d.test']), { checkIntervalMs: 500 });
    try {
      await until('d.test certificate', () => served(j, 'd.test'));
      const before = await servedCertificate(shortLab.tlsPort, 'd.test', shortRoot);
      await until('a renewal', () =>
        j.logs.some((l) => l.msg === 'ACME: ordering a certificate' && l.obj.renewal === true) ? true : undefined,
      );
      const after = await until('the renewed certificate', () => {
        const info = served(j, 'd.test');
        return info?.serialNumber !== undefined &&
          info.notAfter !== undefined &&
          Date.parse(info.notAfter) > Date.parse(before.validTo)
          ? info
          : undefined;
      });
      expect(after.state).not.toBe('expired');
      const now = await servedCertificate(shortLab.tlsPort, 'd.test', shortRoot);
      expect(now.authorized).toBe(true);
      expect(now.serial).not.toBe(before.serial);
    } finally {
      await j.close();
      await shortLab.stop();
    }
  }, 40_000);

  test('a failing domain beside a working one: the working one gets its certificate, the other reports its error and is retried with backoff', async () => {
    await lab.mapHost('broken.test', '127.0.0.2'); // nothing listens there: Pebble's validation fails
    const j = await startAcmeJunction(
      lab,
      resolverFlags('le', join(dir, 'fail.json'), 'http'),
      routers('le', ['broken.test', 'good.test']),
      { backoffInitialMs: 1500 },
    );
    try {
      await until('good.test certificate', () => served(j, 'good.test'));
      const failed = await until('broken.test error', () =>
        j.certificates.list().find((c) => c.domains[0] === 'broken.test' && c.state === 'error'),
      );
      expect(failed).toMatchObject({
        source: 'acme',
        resolver: 'le',
        serving: false,
        error: { code: 'LB_ACME_ORDER_FAILED' },
      });
      expect(failed.error?.message).toMatch(/127\.0\.0\.2|connection refused|connect/i);
      expect(j.logs.find((l) => l.msg === 'ACME: order failed')?.obj).toMatchObject({
        resolver: 'le',
        domains: ['broken.test'],
        failures: 1,
        retryInMs: 1500,
      });
      // Once the name points at Junction, the retry after the backoff gets the certificate.
      await lab.mapHost('broken.test', '127.0.0.1');
      await until('broken.test certificate after the backoff', () => served(j, 'broken.test'));
      expect(
        j.certificates
          .list()
          .filter((c) => c.domains[0] === 'broken.test')
          .map((c) => c.state),
      ).toEqual(['valid']);
    } finally {
      await j.close();
    }
  });

  test('a storage file others may read is refused: its domains are listed in error, nothing is ordered', async () => {
    const storage = join(dir, 'open.json');
    writeFileSync(storage, '', { mode: 0o644 });
    const j = await startAcmeJunction(lab, resolverFlags('le', storage, 'http'), routers('le', ['e.test']));
    try {
      const listed = j.certificates.list().find((c) => c.domains[0] === 'e.test');
      expect(listed).toMatchObject({ state: 'error', serving: false, error: { code: 'LB_ACME_STORAGE_PERMISSIONS' } });
      expect(listed?.error?.message).toContain('please use 600');
      expect(orders(j)).toBe(0);
    } finally {
      await j.close();
    }
  });

  test('stopping while an order is under way leaves nothing behind (no unhandled rejection, no late write)', async () => {
    const storage = join(dir, 'stop.json');
    const j = await startAcmeJunction(lab, resolverFlags('le', storage, 'http'), routers('le', ['f.test']));
    expect(orders(j)).toBe(1);
    await j.close();
    await new Promise((r) => setTimeout(r, 1500));
    const stored = readFileSync(storage, 'utf8');
    expect(stored.includes('f.test')).toBe(false);
  });

  test("tls.stores.default.defaultGeneratedCert: the resolver's certificate serves names nothing else matches", async () => {
    const raw = {
      // A TLS router without a resolver makes websecure speak TLS.
      http: {
        routers: { x: { rule: 'Host(`x.test`)', service: 's', entryPoints: ['websecure'], tls: {} } },
        services: { s: { loadBalancer: { servers: [{ url: 'http://127.0.0.1:9' }] } } },
      },
      tls: {
        stores: {
          default: {
            defaultGeneratedCert: { resolver: 'le', domain: { main: 'fallback.test', sans: ['www.fallback.test'] } },
          },
        },
      },
    };
    const j = await startAcmeJunction(lab, resolverFlags('le', join(dir, 'default.json'), 'http'), raw);
    try {
      await until('fallback.test certificate', () => served(j, 'fallback.test'));
      const cert = await servedCertificate(lab.tlsPort, 'unknown.test', root);
      expect(cert.names).toBe('DNS:fallback.test, DNS:www.fallback.test');
      expect(j.certificates.list().find((c) => c.source === 'default')).toMatchObject({
        resolver: 'le',
        store: 'default',
        serving: true,
      });
    } finally {
      await j.close();
    }
  });

  test('external account binding: a CA that requires it registers the account with eab.kid and eab.hmacEncoded', async () => {
    const eab = { kid: 'kid-junction', hmac: 'zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W' };
    const eabLab = await startPebble({ eab });
    const eabRoot = await eabLab.root();
    const flags = [...resolverFlags('le', join(dir, 'eab.json'), 'http', eabLab.directoryUrl)];
    try {
      const refused = await startAcmeJunction(eabLab, flags, routers('le', ['g.test']));
      try {
        const failed = await until('the refusal', () =>
          refused.certificates.list().find((c) => c.domains[0] === 'g.test' && c.state === 'error'),
        );
        expect(failed.error?.message).toMatch(/externalAccountBinding|external account/i);
      } finally {
        await refused.close();
      }
      const bound = await startAcmeJunction(
        eabLab,
        [
          ...flags,
          `--certificatesresolvers.le.acme.eab.kid=${eab.kid}`,
          `--certificatesresolvers.le.acme.eab.hmacencoded=${eab.hmac}`,
        ],
        routers('le', ['g.test']),
      );
      try {
        await until('g.test certificate', () => served(bound, 'g.test'));
        expect(await servedCertificate(eabLab.tlsPort, 'g.test', eabRoot)).toMatchObject({
          authorized: true,
          names: 'DNS:g.test',
        });
      } finally {
        await bound.close();
      }
    } finally {
      await eabLab.stop();
    }
  });
});
