/**
 * A certificate source for the API and the dashboard that exists before the certificate store
 * does. The store is made on first use (a TLS entry point's first handshake, the first
 * certificate file, an ACME resolver): making it generates the default certificate, which costs
 * time and memory a Junction without TLS should not pay just because its API is on. So readers
 * get this stand-in at once; it lists nothing until the store is attached, then reads the store
 * and tells its listeners (the dashboard pushes at once).
 */
import type { CertificateSource } from './api-sources';

/** {@link CertificateSource} plus the moment the store arrives. */
export interface LateCertificateSource extends CertificateSource {
  /** Attaches the store (once; later calls are ignored). */
  attach(store: CertificateSource): void;
}

/** Creates the stand-in (see module comment). */
export function lateCertificateSource(): LateCertificateSource {
  let store: CertificateSource | undefined;
  const listeners = new Set<() => void>();
  const notify = (): void => {
    for (const listener of listeners) listener();
  };
  return {
    list: () => store?.list() ?? [],
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    attach(made) {
      if (store !== undefined) return;
      store = made;
      made.onChange(notify);
      notify();
    },
  };
}
