/**
 * How the certificate store describes its certificates to the API and the dashboard
 * (`CertificateInfo`): a served or refused certificate, a pending or failed ACME domain, and the
 * generated default certificate; `state` says valid, expiring (within `EXPIRING_DAYS`), expired
 * or error.
 */
import { EXPIRING_DAYS, type CheckedCertificate } from './certificate-check';
import { DEFAULT_STORE, type ServedCertificate, type StoreEntry } from './certificate-index';
import type { CertificateInfo, CertificateState, PendingCertificate } from './types';

const DAY_MS = 24 * 3600 * 1000;

function stateOf(cert: CheckedCertificate, now: number): CertificateState {
  if (cert.notAfterMs <= now) return 'expired';
  return cert.notAfterMs - now <= EXPIRING_DAYS * DAY_MS ? 'expiring' : 'valid';
}

/** A certificate given to the store: served (possibly beside a refused replacement) or refused. */
export function entryInfo(entry: StoreEntry, now: number): CertificateInfo {
  const { input, served, error } = entry;
  const base = {
    id: input.id,
    source: input.source,
    store: input.store ?? DEFAULT_STORE,
    ...(input.resolver === undefined ? {} : { resolver: input.resolver }),
    ...(input.element === undefined ? {} : { element: input.element }),
    ...(error === undefined ? {} : { error }),
  };
  if (served === undefined) return { ...base, domains: input.expectedNames ?? [], state: 'error', serving: false };
  const c = served.cert;
  return {
    ...base,
    domains: c.domains,
    issuer: c.issuer,
    serialNumber: c.serialNumber,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    fingerprint: c.fingerprint,
    keyType: c.keyType,
    certPem: c.certPem,
    state: error === undefined ? stateOf(c, now) : 'error',
    serving: true,
  };
}

/** A domain waiting for its first certificate, or whose order or renewal failed. */
export function pendingInfo(p: PendingCertificate): CertificateInfo {
  return {
    id: p.id,
    source: p.source,
    store: DEFAULT_STORE,
    domains: p.domains,
    state: p.state,
    serving: false,
    ...(p.resolver === undefined ? {} : { resolver: p.resolver }),
    ...(p.error === undefined ? {} : { error: p.error }),
  };
}

/** The generated default certificate; `serving` when the default store configures no default of its own. */
export function generatedInfo(generated: ServedCertificate, serving: boolean, now: number): CertificateInfo {
  const g = generated.cert;
  return {
    id: generated.id,
    source: 'generated',
    store: DEFAULT_STORE,
    domains: g.domains,
    issuer: g.issuer,
    serialNumber: g.serialNumber,
    notBefore: g.notBefore,
    notAfter: g.notAfter,
    fingerprint: g.fingerprint,
    keyType: g.keyType,
    certPem: g.certPem,
    state: stateOf(g, now),
    serving,
  };
}
