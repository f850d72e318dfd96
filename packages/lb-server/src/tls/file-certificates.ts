/**
 * The certificates of the dynamic configuration — `tls.certificates[]` and
 * `tls.stores.<s>.defaultCertificate`, each a file path or the PEM itself (Traefik accepts both) —
 * put into the certificate store on every configuration change, and their files watched:
 * `fs.watch` on each directory (editors, cert-manager and `ln -sf` replace files by renaming, which
 * a watch on the file itself would lose), any event re-reading every file after a short quiet
 * time, and the store replaced only when some content changed. A swap reaches new handshakes
 * only; established connections keep the certificate they negotiated.
 *
 * A file that cannot be read is reported on its element (`tls.certificates[0]`) with
 * `LB_TLS_CERT_UNREADABLE`; the store's checks report the rest (not PEM, key mismatch, expired).
 * Either way the last good certificate with the same id keeps serving.
 */
import { createHash } from 'node:crypto';
import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { dirname } from 'node:path';
import type { TlsConfig } from '@junction/lb-core';
import type { RuntimeStore } from '../runtime/runtime-store';
import type { CertificateError, CertificateInput, CertificateStore } from './types';

/** Owner of the file certificates in the store. */
export const FILE_OWNER = 'file';
/** Quiet time after a file event before reading again (a rename comes with several events). */
const DEFAULT_SETTLE_MS = 100;

/** Options of {@link FileCertificates}. */
export interface FileCertificatesOptions {
  /** Watch the files (default true). */
  readonly watch?: boolean;
  readonly settleMs?: number;
  readonly readFile?: (path: string) => string;
}

const isPem = (value: string): boolean => value.includes('-----BEGIN');

interface Source {
  readonly id: string;
  readonly source: 'file' | 'default';
  readonly store: string;
  readonly element: string;
  readonly certFile: string;
  readonly keyFile: string;
}

/** Sources of a `tls` section, in configuration order. */
function sourcesOf(tls: TlsConfig): Source[] {
  const out: Source[] = [];
  for (const [i, c] of (tls.certificates ?? []).entries()) {
    out.push({
      id: isPem(c.certFile) ? `inline:${i}` : `file:${c.certFile}`,
      source: 'file',
      store: 'default',
      element: `tls.certificates[${i}]`,
      certFile: c.certFile,
      keyFile: c.keyFile,
    });
  }
  for (const [name, store] of Object.entries(tls.stores ?? {})) {
    const d = store.defaultCertificate;
    if (d !== undefined)
      out.push({
        id: `default:${name}`,
        source: 'default',
        store: name,
        element: `tls.stores.${name}.defaultCertificate`,
        certFile: d.certFile,
        keyFile: d.keyFile,
      });
  }
  return out;
}

/** Loads and watches the configuration's certificate files (see module comment). */
export class FileCertificates {
  readonly #watchers = new Map<string, FSWatcher>();
  readonly #read: (path: string) => string;
  #sources: Source[] = [];
  #loaded = '';
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(
    private readonly store: CertificateStore,
    private readonly options: FileCertificatesOptions = {},
  ) {
    this.#read = options.readFile ?? ((path) => readFileSync(path, 'utf8'));
  }

  /** Takes the `tls` section of a new configuration: loads its certificates and watches their files. */
  update(tls: TlsConfig): void {
    if (this.#closed) return;
    this.#sources = sourcesOf(tls);
    this.#load();
    if (this.options.watch !== false) this.#watch();
  }

  /** Reads every file again now (what a file event does after the quiet time). */
  reload(): void {
    if (!this.#closed) this.#load();
  }

  /** Stops watching. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    for (const w of this.#watchers.values()) w.close();
    this.#watchers.clear();
  }

  #readPem(value: string, code: string, what: string): { pem: string } | { error: CertificateError } {
    if (isPem(value)) return { pem: value };
    try {
      return { pem: this.#read(value) };
    } catch (error) {
      return { error: { code, message: `cannot read the ${what} file ${value}: ${(error as Error).message}` } };
    }
  }

  #load(): void {
    const inputs: CertificateInput[] = this.#sources.map((s) => {
      const cert = this.#readPem(s.certFile, 'LB_TLS_CERT_UNREADABLE', 'certificate');
      const key = this.#readPem(s.keyFile, 'LB_TLS_KEY_UNREADABLE', 'key');
      const error = 'error' in cert ? cert.error : 'error' in key ? key.error : undefined;
      return {
        id: s.id,
        source: s.source,
        store: s.store,
        element: s.element,
        certPem: 'pem' in cert ? cert.pem : '',
        keyPem: 'pem' in key ? key.pem : '',
        ...(error === undefined ? {} : { error }),
      };
    });
    const digest = createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
    if (digest === this.#loaded) return; // nothing changed: the store and its contexts stay as they are
    this.#loaded = digest;
    this.store.replace(FILE_OWNER, inputs);
  }

  #watch(): void {
    const dirs = new Set(
      this.#sources
        .flatMap((s) => [s.certFile, s.keyFile])
        .filter((v) => !isPem(v))
        .map((p) => dirname(p)),
    );
    for (const [dir, watcher] of this.#watchers) {
      if (dirs.has(dir)) continue;
      watcher.close();
      this.#watchers.delete(dir);
    }
    for (const dir of dirs) {
      if (this.#watchers.has(dir)) continue;
      try {
        const watcher = watch(dir, { persistent: false }, () => this.#schedule());
        watcher.on('error', () => {
          watcher.close();
          this.#watchers.delete(dir); // the directory went away: watched again at the next configuration
        });
        this.#watchers.set(dir, watcher);
      } catch {
        // A missing directory: its files are reported unreadable; watched again at the next configuration.
      }
    }
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.reload(), this.options.settleMs ?? DEFAULT_SETTLE_MS);
    this.#timer.unref();
  }
}

/** True when a `tls` section names any certificate file. */
function hasCertificates(tls: TlsConfig): boolean {
  return (
    (tls.certificates?.length ?? 0) > 0 ||
    Object.values(tls.stores ?? {}).some((s) => s.defaultCertificate !== undefined)
  );
}

/**
 * Feeds every configuration's `tls` section to a {@link FileCertificates} on `certificates` (made
 * only once a configuration names a certificate). Returns the stop function.
 */
export function followFileCertificates(
  runtime: RuntimeStore,
  certificates: () => CertificateStore | Promise<CertificateStore>,
  options: FileCertificatesOptions = {},
): () => void {
  let files: FileCertificates | undefined;
  let stopped = false;
  const feed = (): void => {
    const tls = runtime.current.tls;
    if (files !== undefined) {
      files.update(tls);
      return;
    }
    if (!hasCertificates(tls)) return;
    const store = certificates();
    const start = (ready: CertificateStore): void => {
      if (stopped || files !== undefined) return;
      files = new FileCertificates(ready, options);
      files.update(runtime.current.tls);
    };
    if (store instanceof Promise) void store.then(start, () => undefined);
    else start(store);
  };
  const unsubscribe = runtime.subscribe(feed);
  feed();
  return () => {
    stopped = true;
    unsubscribe();
    files?.close();
  };
}
