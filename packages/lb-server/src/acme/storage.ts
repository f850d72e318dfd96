/**
 * ACME storage in Traefik's `acme.json` format, so a file written by Traefik is reused as it is
 * and one written here can go back to Traefik: one object per resolver,
 * `{ Account: { Email, Registration: { body, uri }, PrivateKey, KeyType }, Certificates: [{ domain:
 * { main, sans }, certificate, key, Store }] }`, where `PrivateKey` is the base64 of the account's
 * PKCS#1 DER key and `certificate`/`key` the base64 of PEM (Go's `[]byte` in JSON).
 *
 * As Traefik's `CheckFile`: a missing file is created empty with mode 0600, and a file that group
 * or others may read is refused (`LB_ACME_STORAGE_PERMISSIONS`) — it holds private keys. Several
 * resolvers may share one file: one {@link AcmeStorage} per path serialises their writes, each
 * write re-reading the file and replacing only its resolver's object, then writing a temporary
 * file (mode 0600) and renaming it over the old one, so a crash never leaves half a file.
 */
import { open, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Traefik's `acme.Account`. */
export interface StoredAccount {
  readonly Email: string;
  readonly Registration: { readonly body: Readonly<Record<string, unknown>>; readonly uri: string } | null;
  /** base64 of the PKCS#1 DER account key. */
  readonly PrivateKey: string;
  /** lego's key type of the certificates: `P256`, `P384`, `2048`, `4096`, `8192`. */
  readonly KeyType: string;
}

/** Traefik's `acme.CertAndStore`. */
export interface StoredCertificate {
  readonly domain: { readonly main: string; readonly sans?: readonly string[] };
  /** base64 of the PEM chain. */
  readonly certificate: string;
  /** base64 of the PEM key. */
  readonly key: string;
  readonly Store: string;
}

/** One resolver's object in the file. */
export interface ResolverData {
  readonly Account: StoredAccount | null;
  readonly Certificates: readonly StoredCertificate[] | null;
}

/** Why a storage file cannot be used. */
export type AcmeStorageCode =
  'LB_ACME_STORAGE_PERMISSIONS' | 'LB_ACME_STORAGE_INVALID' | 'LB_ACME_STORAGE_UNREADABLE' | 'LB_ACME_STORAGE_WRITE';

/** A storage file that cannot be used (read, permissions, content) or written. */
export class AcmeStorageError extends Error {
  constructor(
    readonly code: AcmeStorageCode,
    message: string,
  ) {
    super(message);
    this.name = 'AcmeStorageError';
  }
}

/** One storage file (see module comment). */
export class AcmeStorage {
  #chain: Promise<unknown> = Promise.resolve();
  #checked = false;
  #temp = 0;

  constructor(readonly path: string) {}

  /** The resolver's object (empty when the file or the resolver has none); throws {@link AcmeStorageError}. */
  async read(resolver: string): Promise<ResolverData> {
    const all = await this.#serial(() => fsErrors('LB_ACME_STORAGE_UNREADABLE', this.path, () => this.#readAll()));
    return all[resolver] ?? { Account: null, Certificates: null };
  }

  /** Replaces the resolver's object with `update(current)`, atomically (see module comment). */
  async update(resolver: string, update: (current: ResolverData) => ResolverData): Promise<void> {
    await this.#serial(() =>
      fsErrors('LB_ACME_STORAGE_WRITE', this.path, async () => {
        const all = await this.#readAll();
        const next = { ...all, [resolver]: update(all[resolver] ?? { Account: null, Certificates: null }) };
        const temp = join(dirname(this.path), `.${basename(this.path)}.${process.pid}.${++this.#temp}.tmp`);
        await writeFile(temp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
        await rename(temp, this.path);
      }),
    );
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#chain.then(task, task);
    this.#chain = run.catch(() => undefined);
    return run;
  }

  async #readAll(): Promise<Record<string, ResolverData>> {
    if (!this.#checked) await this.#check();
    const text = await readFile(this.path, 'utf8');
    if (text.trim() === '') return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new AcmeStorageError('LB_ACME_STORAGE_INVALID', `${this.path}: not JSON (${(error as Error).message})`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new AcmeStorageError('LB_ACME_STORAGE_INVALID', `${this.path}: expected an object of resolvers`);
    }
    const all = parsed as Record<string, unknown>;
    if ('Account' in all && 'DomainsCertificate' in all) {
      throw new AcmeStorageError(
        'LB_ACME_STORAGE_INVALID',
        `${this.path}: Traefik v1's format; migrate it with traefik-migration-tool`,
      );
    }
    for (const [name, data] of Object.entries(all)) checkResolverData(this.path, name, data);
    return all as Record<string, ResolverData>;
  }

  /** Traefik's `CheckFile`: create (0600) when missing, refuse permissions wider than 0600. */
  async #check(): Promise<void> {
    try {
      const info = await stat(this.path);
      if ((info.mode & 0o077) !== 0) {
        throw new AcmeStorageError(
          'LB_ACME_STORAGE_PERMISSIONS',
          `${this.path}: permissions ${(info.mode & 0o777).toString(8)} are too open, please use 600`,
        );
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const handle = await open(this.path, 'a', 0o600);
      await handle.chmod(0o600);
      await handle.close();
    }
    this.#checked = true;
  }
}

/** Runs `task`, turning a file-system error (a missing folder, a read-only disk) into a coded one naming the file. */
async function fsErrors<T>(code: AcmeStorageCode, path: string, task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (error) {
    if (error instanceof AcmeStorageError) throw error;
    throw new AcmeStorageError(code, `${path}: ${(error as Error).message}`);
  }
}

function checkResolverData(path: string, name: string, data: unknown): void {
  const where = `${path}: ${name}`;
  if (typeof data !== 'object' || data === null)
    throw new AcmeStorageError('LB_ACME_STORAGE_INVALID', `${where}: expected an object`);
  const { Account, Certificates } = data as Record<string, unknown>;
  if (Account !== null && Account !== undefined) {
    const a = Account as Record<string, unknown>;
    if (typeof a.PrivateKey !== 'string')
      throw new AcmeStorageError('LB_ACME_STORAGE_INVALID', `${where}.Account.PrivateKey: expected base64 text`);
  }
  if (Certificates !== null && Certificates !== undefined) {
    if (!Array.isArray(Certificates))
      throw new AcmeStorageError('LB_ACME_STORAGE_INVALID', `${where}.Certificates: expected a list`);
    Certificates.forEach((c: Record<string, unknown> | null, i) => {
      const domain = c?.domain as Record<string, unknown> | undefined;
      if (typeof domain?.main !== 'string' || typeof c?.certificate !== 'string' || typeof c.key !== 'string') {
        throw new AcmeStorageError(
          'LB_ACME_STORAGE_INVALID',
          `${where}.Certificates[${i}]: expected domain.main, certificate and key`,
        );
      }
    });
  }
}
