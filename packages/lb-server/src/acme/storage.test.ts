/**
 * acme.json storage on real files: Traefik's format read and written back, a missing file created
 * with mode 0600, a file readable by others refused, atomic replacement, several resolvers sharing
 * one file without losing each other's writes, and coded errors for a file that is not usable.
 */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { AcmeStorage } from './storage';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'junction-acme-storage-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A file as Traefik v3 writes it (fields and casing of `pkg/provider/acme`). */
const TRAEFIK_FILE = {
  le: {
    Account: {
      Email: 'ops@example.com',
      Registration: {
        body: { status: 'valid', contact: ['mailto:ops@example.com'] },
        uri: 'https://acme.example/acct/1',
      },
      PrivateKey: 'MIIJKQIBAAKCAgEA',
      KeyType: '4096',
    },
    Certificates: [
      {
        domain: { main: 'a.example.com', sans: ['b.example.com'] },
        certificate: 'Y2VydA==',
        key: 'a2V5',
        Store: 'default',
      },
    ],
  },
};

describe('AcmeStorage', () => {
  test('reads a file written by Traefik', async () => {
    const path = join(dir, 'acme.json');
    writeFileSync(path, JSON.stringify(TRAEFIK_FILE), { mode: 0o600 });
    const data = await new AcmeStorage(path).read('le');
    expect(data.Account?.Registration?.uri).toBe('https://acme.example/acct/1');
    expect(data.Certificates?.[0]?.domain).toEqual({ main: 'a.example.com', sans: ['b.example.com'] });
    expect(await new AcmeStorage(path).read('other')).toEqual({ Account: null, Certificates: null });
  });

  test('a missing file is created empty with mode 0600, as Traefik does', async () => {
    const path = join(dir, 'acme.json');
    expect(await new AcmeStorage(path).read('le')).toEqual({ Account: null, Certificates: null });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toBe('');
  });

  test('a file others may read is refused with a coded error naming it', async () => {
    const path = join(dir, 'acme.json');
    writeFileSync(path, JSON.stringify(TRAEFIK_FILE));
    chmodSync(path, 0o644);
    await expect(new AcmeStorage(path).read('le')).rejects.toMatchObject({
      code: 'LB_ACME_STORAGE_PERMISSIONS',
      message: expect.stringContaining(`${path}: permissions 644`),
    });
  });

  test.each([
    ['not JSON', '{', /not JSON/],
    ['a list', '[]', /expected an object of resolvers/],
    [
      'a certificate without its key',
      JSON.stringify({ le: { Account: null, Certificates: [{ domain: { main: 'a' }, certificate: 'x' }] } }),
      /le\.Certificates\[0\]/,
    ],
    ['Traefik v1 format', JSON.stringify({ Account: {}, DomainsCertificate: {} }), /v1/],
  ])('%s is refused (LB_ACME_STORAGE_INVALID)', async (_name, text, message) => {
    const path = join(dir, 'acme.json');
    writeFileSync(path, text, { mode: 0o600 });
    await expect(new AcmeStorage(path).read('le')).rejects.toMatchObject({
      code: 'LB_ACME_STORAGE_INVALID',
      message: expect.stringMatching(message),
    });
  });

  test('a folder that does not exist is a coded error naming the file, on read and on write', async () => {
    const path = join(dir, 'missing', 'acme.json');
    await expect(new AcmeStorage(path).read('le')).rejects.toMatchObject({
      code: 'LB_ACME_STORAGE_UNREADABLE',
      message: expect.stringContaining(path),
    });
    await expect(new AcmeStorage(path).update('le', (c) => c)).rejects.toMatchObject({
      code: 'LB_ACME_STORAGE_WRITE',
      message: expect.stringContaining(path),
    });
  });

  test('writes replace the file atomically, 0600, and keep the other resolvers of a shared file', async () => {
    const path = join(dir, 'acme.json');
    writeFileSync(path, JSON.stringify(TRAEFIK_FILE), { mode: 0o600 });
    const storage = new AcmeStorage(path);
    const cert = (main: string) => ({ domain: { main }, certificate: 'Yw==', key: 'aw==', Store: 'default' });
    // Two resolvers writing at once, several times each: every write lands.
    await Promise.all([
      ...['x1', 'x2', 'x3'].map((m) =>
        storage.update('second', (c) => ({ Account: null, Certificates: [...(c.Certificates ?? []), cert(m)] })),
      ),
      ...['y1', 'y2'].map((m) =>
        storage.update('third', (c) => ({ Account: null, Certificates: [...(c.Certificates ?? []), cert(m)] })),
      ),
    ]);
    const all = JSON.parse(readFileSync(path, 'utf8')) as Record<
      string,
      { Certificates: { domain: { main: string } }[] }
    >;
    expect(all.le).toEqual(TRAEFIK_FILE.le);
    expect(all.second?.Certificates.map((c) => c.domain.main)).toEqual(['x1', 'x2', 'x3']);
    expect(all.third?.Certificates.map((c) => c.domain.main)).toEqual(['y1', 'y2']);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['acme.json']); // no temporary file left behind
  });
});
