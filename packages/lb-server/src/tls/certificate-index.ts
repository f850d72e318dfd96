/**
 * What the certificate store keeps per certificate (`StoreEntry`) and the per-TLS-store name index
 * a handshake is answered from: exact names, one-label wildcards and the store's configured
 * default. The index is rebuilt on every change, never per handshake. Several certificates for one
 * name: a file one before an ACME one, then the one that expires last.
 */
import type { CheckedCertificate } from './certificate-check';
import type { CertificateError, CertificateInput, CertificateSourceKind } from './types';

/** The certificate chosen for a handshake; `cert` is stable while served (a cache key for per-options contexts). */
export interface ServedCertificate {
  readonly id: string;
  readonly source: CertificateSourceKind;
  readonly cert: CheckedCertificate;
}

/** One certificate of an owner, as last replaced. */
export interface StoreEntry {
  readonly input: CertificateInput;
  /** The good pair served under this id (the last good one when `error` is set). */
  readonly served: ServedCertificate | undefined;
  readonly error: CertificateError | undefined;
}

/** The names one TLS store serves, and its configured default certificate. */
export interface StoreIndex {
  readonly exact: Map<string, ServedCertificate>;
  readonly wildcard: Map<string, ServedCertificate>;
  readonly fallback: ServedCertificate | undefined;
}

/** The TLS store of inputs that name none, and the one unknown stores read. */
export const DEFAULT_STORE = 'default';

const SOURCE_RANK: Readonly<Record<CertificateSourceKind, number>> = { file: 0, acme: 1, default: 2, generated: 3 };

function better(a: ServedCertificate, b: ServedCertificate): boolean {
  const rank = SOURCE_RANK[a.source] - SOURCE_RANK[b.source];
  return rank !== 0 ? rank < 0 : a.cert.notAfterMs > b.cert.notAfterMs;
}

/** The index of every served certificate of every owner, by TLS store. */
export function buildIndex(owners: Iterable<ReadonlyMap<string, StoreEntry>>): Map<string, StoreIndex> {
  const index = new Map<string, StoreIndex>();
  const of = (store: string): StoreIndex => {
    let found = index.get(store);
    if (found === undefined) {
      found = { exact: new Map(), wildcard: new Map(), fallback: undefined };
      index.set(store, found);
    }
    return found;
  };
  const put = (map: Map<string, ServedCertificate>, key: string, served: ServedCertificate): void => {
    const current = map.get(key);
    if (current === undefined || better(served, current)) map.set(key, served);
  };
  for (const entries of owners) {
    for (const { input, served } of entries.values()) {
      if (served === undefined) continue;
      const target = of(input.store ?? DEFAULT_STORE);
      if (input.source === 'default') {
        if (target.fallback === undefined) index.set(input.store ?? DEFAULT_STORE, { ...target, fallback: served });
        continue;
      }
      for (const name of served.cert.names) {
        if (name.startsWith('*.')) put(target.wildcard, name.slice(2), served);
        else put(target.exact, name, served);
      }
    }
  }
  return index;
}
