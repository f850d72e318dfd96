/**
 * The ACME manager's record of one certificate (held, wanted, ordering, failed) and how a
 * resolver's records become the certificate store's input: held certificates through `replace`
 * (once more as a store's default when a `defaultGeneratedCert` names it), domains still waiting
 * (or failed) and failed renewals through `setPending`.
 */
import { X509Certificate } from 'node:crypto';
import type { CertificateError, CertificateInput, PendingCertificate } from '../tls/types';
import { allNames } from './domains';
import type { CertificateDomains } from './resolver';
import type { StoredCertificate } from './storage';

/** One certificate of a resolver. */
export interface Entry {
  readonly domains: CertificateDomains;
  /** The certificate held (from `acme.json` or the last order). */
  stored?: StoredCertificate;
  notAfter?: number;
  /** Consecutive failed orders; the next try waits until `retryAt`. */
  failures: number;
  retryAt: number;
  error?: CertificateError;
  state: 'idle' | 'queued' | 'running';
}

/** The not-after time of a stored certificate (ms), or `undefined` when it does not parse. */
export function readNotAfter(stored: StoredCertificate): number | undefined {
  try {
    const time = Date.parse(new X509Certificate(Buffer.from(stored.certificate, 'base64')).validTo);
    return Number.isNaN(time) ? undefined : time;
  } catch {
    return undefined;
  }
}

/** What the store gets for one resolver (see module comment). */
export function storeUpdate(
  resolver: string,
  element: string,
  entries: ReadonlyMap<string, Entry>,
  wanted: ReadonlyMap<string, CertificateDomains>,
  broken: CertificateError | undefined,
  defaults: ReadonlyMap<string, readonly string[]> = new Map(),
): { inputs: CertificateInput[]; pending: PendingCertificate[] } {
  const inputs: CertificateInput[] = [];
  const pending: PendingCertificate[] = [];
  for (const [key, entry] of entries) {
    const id = `acme:${resolver}:${entry.domains.main}`;
    const domains = allNames(entry.domains);
    if (entry.stored !== undefined) {
      inputs.push({
        id,
        source: 'acme',
        store: entry.stored.Store || 'default',
        resolver,
        element,
        certPem: Buffer.from(entry.stored.certificate, 'base64').toString('utf8'),
        keyPem: Buffer.from(entry.stored.key, 'base64').toString('utf8'),
        expectedNames: domains,
      });
      // `tls.stores.<store>.defaultGeneratedCert`: the same pair, as that store's default.
      for (const store of defaults.get(key) ?? []) {
        inputs.push({
          ...(inputs[inputs.length - 1] as CertificateInput),
          id: `${id}:default:${store}`,
          source: 'default',
          store,
          element: `tls.stores.${store}.defaultGeneratedCert`,
        });
      }
      // A failed renewal: its own row beside the certificate that keeps serving.
      if (entry.error !== undefined)
        pending.push({ id: `${id}:renewal`, source: 'acme', resolver, domains, state: 'error', error: entry.error });
    } else if (wanted.has(key) || entry.state !== 'idle') {
      const error = entry.error ?? broken;
      pending.push({
        id,
        source: 'acme',
        resolver,
        domains,
        ...(error === undefined ? { state: 'pending' as const } : { state: 'error' as const, error }),
      });
    }
  }
  return { inputs, pending };
}
