/**
 * The Certificates view's part of the dashboard state: the certificate store's entries as the
 * API names and judges them (`api/certificate-view.ts`: fingerprint name, state recomputed
 * against the clock, expiring within 30 days or the ACME resolver's `renewBefore`), trimmed to
 * what the view shows, with the days left. Errors of configured certificates (`tls.certificates`,
 * a store's `defaultCertificate`) also join the configuration errors, so a bad certificate file
 * shows where a bad rule does.
 */
import type { ApiSources } from '../api/api-sources';
import {
  certificateConfigErrors,
  certificateRepresentations,
  expiringWithin,
  viewOptionsOf,
  type CertificateRepresentation,
} from '../api/certificate-view';
import { countCertificates } from '../api/overview-view';
import type { CertificateState, CountState, ErrorState } from './state-types';

const DAY_MS = 86_400_000;

/** One certificate for the view. */
function certificateState(
  c: CertificateRepresentation,
  now: number,
  renewBefore: ApiSources['renewBefore'],
): CertificateState {
  const notAfter = c.notAfter === undefined ? undefined : Date.parse(c.notAfter);
  const issuer = c.issuerOrg ?? c.issuerCN;
  return {
    name: c.name,
    id: c.id,
    source: c.source,
    store: c.store,
    ...(c.resolver === undefined ? {} : { resolver: c.resolver }),
    ...(c.element === undefined ? {} : { element: c.element }),
    domains: c.domains.length > 0 ? c.domains : c.sans,
    ...(issuer === undefined ? {} : { issuer }),
    ...(c.notAfter === undefined ? {} : { notAfter: c.notAfter }),
    ...(notAfter === undefined || !Number.isFinite(notAfter)
      ? {}
      : { daysLeft: Math.floor((notAfter - now) / DAY_MS) }),
    expiringDays: Math.round(expiringWithin(c.resolver, renewBefore) / DAY_MS),
    state: c.state,
    serving: c.serving,
    ...(c.certFingerprint === undefined ? {} : { fingerprint: c.certFingerprint }),
    ...(c.error === undefined ? {} : { error: c.error }),
  };
}

/** What {@link certificatesState} gives the dashboard state. */
export interface CertificatesPart {
  readonly certificates: CertificateState[];
  readonly count: CountState;
  /** Errors of configured certificates, as configuration errors (path = the element). */
  readonly configErrors: ErrorState[];
}

const firstDomain = (c: CertificateState): string => c.domains[0] ?? c.id;

/** The certificates of `sources` at `now` (see module comment). */
export function certificatesState(sources: ApiSources, now: number): CertificatesPart {
  const all = certificateRepresentations(sources.certificates, viewOptionsOf(sources, now));
  const certificates = all
    .map((c) => certificateState(c, now, sources.renewBefore))
    .sort((a, b) => firstDomain(a).localeCompare(firstDomain(b)) || a.name.localeCompare(b.name));
  return { certificates, count: countCertificates(all), configErrors: certificateConfigErrors(sources.certificates) };
}
