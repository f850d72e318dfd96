/**
 * ACME against a real CA, issuance: Pebble with challtestsrv as its DNS (`support/pebble.ts`),
 * Junction's `web` entry point answering HTTP-01 and a TLS listener on the certificate store
 * answering TLS-ALPN-01. Issued certificates are verified against Pebble's own root. Cases:
 * HTTP-01 (and acme.json as Traefik writes it), TLS-ALPN-01 (and a router added later), the
 * default store's generated certificate, and external account binding. Restarts, renewals and
 * failures: `acme-pebble.lifecycle.test.ts`; the lab: `support/acme-pebble-lab.ts`.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { startAcmeJunction, servedCertificate } from './support/acme-junction';
import { dir, lab, orders, resolverFlags, root, routers, served, until, usePebbleLab } from './support/acme-pebble-lab';
import { startPebble } from './support/pebble';

usePebbleLab();

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
