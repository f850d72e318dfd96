/**
 * ACME against a real CA, over time and when things fail: Pebble with challtestsrv as its DNS
 * (`support/pebble.ts`), Junction answering HTTP-01 on `web`. Cases: a restart reusing acme.json
 * (no new order; a renewal that cannot happen keeps the stored certificate serving), renewal of
 * short-lived certificates, a failing domain beside a working one (retried with backoff), a
 * storage file others may read, and stopping while an order is under way. Issuance:
 * `acme-pebble.issuance.test.ts`; the lab: `support/acme-pebble-lab.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { startAcmeJunction, servedCertificate } from './support/acme-junction';
import { dir, lab, orders, resolverFlags, root, routers, served, until, usePebbleLab } from './support/acme-pebble-lab';
import { startPebble } from './support/pebble';

usePebbleLab();

describe('ACME against Pebble', { timeout: 20_000 }, () => {
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
});
