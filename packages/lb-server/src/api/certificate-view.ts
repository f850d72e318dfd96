/**
 * Certificates in Traefik 3.7's API shape (`/api/certificates`, traefik `pkg/api/certificate.go`,
 * `handler_certificate.go`, `sort.go`), from the certificate store's `list()`:
 *
 * - `name` is the SHA-256 fingerprint of the certificate as lower-case hex (Traefik's key for
 *   `/api/certificates/{name}`). An entry without a certificate (an ACME domain still pending, a
 *   file that did not parse) gets the SHA-256 of its store id instead, so it has a stable name too.
 * - `status` is Traefik's word: `enabled`, `warning` (fewer than 30 days left, or the ACME
 *   resolver's `renewBefore`), `expired`. Junction lists what Traefik does not, with status words
 *   Traefik's UI already knows: a certificate refused by its checks is `disabled` (`warning` while
 *   the previous one with the same id keeps serving), a domain still waiting for its first
 *   certificate `warning`.
 * - Junction adds `id`, `source`, `store`, `resolver`, `element`, `domains`, `state`
 *   (`valid|expiring|expired|pending|error`), `error` (`{ code, message }`) and `serving`.
 *
 * The state is computed here against the clock at each read, so a certificate turns `expiring`
 * and then `expired` while it sits in the store, without waiting for the store to change.
 */
import { createHash } from 'node:crypto';
import type { CertificateInfo, CertificateState } from '../tls/types';
import type { ApiSources, CertificateSource } from './api-sources';
import { sortItems, type ListQuery, type SortKey } from './criterion';
import { dnPart, x509Details, type X509Details } from './x509-details';

/** Days before `notAfter` from which a certificate is expiring when no resolver says otherwise (Traefik's 30). */
export const EXPIRING_DAYS = 30;
const DAY_MS = 86_400_000;

/** Traefik's certificate status words, plus `disabled` for a refused certificate. */
export type CertificateStatus = 'enabled' | 'warning' | 'expired' | 'disabled';

/** Junction's additions to Traefik's certificate shape: the store's own fields, as it keeps them. */
type JunctionCertificateFields = Pick<
  CertificateInfo,
  'id' | 'source' | 'store' | 'resolver' | 'element' | 'domains' | 'state' | 'error' | 'serving'
>;

/** One certificate as `/api/certificates` lists it (see module comment). */
export interface CertificateRepresentation
  extends Partial<Omit<X509Details, 'commonName' | 'sans'>>, JunctionCertificateFields {
  readonly name: string;
  readonly commonName: string;
  readonly sans: readonly string[];
  readonly status: CertificateStatus;
}

/** What a view needs besides the certificate: the clock and the resolvers' renewal margins. */
export interface CertificateViewOptions {
  readonly now: number;
  /** ACME resolvers' `renewBefore` by name, ms. */
  readonly renewBefore?: Readonly<Record<string, number>>;
}

/** The view options of `sources` at `now`. */
export function viewOptionsOf(sources: Pick<ApiSources, 'renewBefore'>, now = Date.now()): CertificateViewOptions {
  return { now, ...(sources.renewBefore === undefined ? {} : { renewBefore: sources.renewBefore }) };
}

/** How long before `notAfter` a certificate of `resolver` counts as expiring, ms. */
export function expiringWithin(
  resolver: string | undefined,
  renewBefore: Readonly<Record<string, number>> | undefined,
): number {
  return (resolver === undefined ? undefined : renewBefore?.[resolver]) ?? EXPIRING_DAYS * DAY_MS;
}

/** The state of `info` now: the store's, with validity recomputed against the clock. */
export function currentState(info: CertificateInfo, options: CertificateViewOptions): CertificateState {
  if (info.state === 'error' || info.state === 'pending' || info.notAfter === undefined) return info.state;
  const left = Date.parse(info.notAfter) - options.now;
  if (!Number.isFinite(left)) return info.state;
  if (left <= 0) return 'expired';
  return left < expiringWithin(info.resolver, options.renewBefore) ? 'expiring' : 'valid';
}

const TRAEFIK_STATUS: Readonly<Record<CertificateState, CertificateStatus>> = {
  valid: 'enabled',
  expiring: 'warning',
  expired: 'expired',
  pending: 'warning',
  error: 'disabled',
};

/** `AB:CD:…` or `abcd…` → `abcd…`. */
const hex = (fingerprint: string): string => fingerprint.replaceAll(':', '').toLowerCase();

/** The API name of `info` (see module comment). */
export function certificateName(info: CertificateInfo): string {
  if (info.fingerprint !== undefined && info.fingerprint !== '') return hex(info.fingerprint);
  return createHash('sha256').update(info.id).digest('hex');
}

/** The issuer's organisation, common name and country, from the store's issuer text when there is no PEM. */
function issuerParts(issuer: string | undefined): Pick<X509Details, 'issuerOrg' | 'issuerCN' | 'issuerCountry'> {
  if (issuer === undefined || issuer === '') return {};
  if (!issuer.includes('=')) return { issuerCN: issuer };
  const dn = issuer.replaceAll(/,\s*(?=[A-Za-z]+=)/g, '\n');
  const parts = { issuerOrg: dnPart(dn, 'O'), issuerCN: dnPart(dn, 'CN'), issuerCountry: dnPart(dn, 'C') };
  return Object.fromEntries(Object.entries(parts).filter(([, v]) => v !== undefined));
}

/** `info` in the API's shape (see module comment). */
export function certificateRepresentation(
  info: CertificateInfo,
  options: CertificateViewOptions,
): CertificateRepresentation {
  const state = currentState(info, options);
  const x509 = info.certPem === undefined ? undefined : x509Details(info.certPem);
  // Without the PEM: the store's domains are the common name first, then the other SANs.
  const details = x509 ?? {
    commonName: info.domains[0] ?? '',
    sans: [...new Set(info.domains)].sort(),
    ...issuerParts(info.issuer),
    ...(info.serialNumber === undefined ? {} : { serialNumber: info.serialNumber }),
    ...(info.notBefore === undefined ? {} : { notBefore: info.notBefore }),
    ...(info.notAfter === undefined ? {} : { notAfter: info.notAfter }),
    ...(info.keyType === undefined ? {} : { keyType: info.keyType }),
    ...(info.fingerprint === undefined ? {} : { certFingerprint: hex(info.fingerprint) }),
  };
  return {
    name: certificateName(info),
    ...details,
    // A refused replacement whose predecessor still serves is degraded, not out of use: Traefik's `warning`.
    status: state === 'error' && info.serving ? 'warning' : TRAEFIK_STATUS[state],
    id: info.id,
    source: info.source,
    store: info.store,
    ...(info.resolver === undefined ? {} : { resolver: info.resolver }),
    ...(info.element === undefined ? {} : { element: info.element }),
    domains: info.domains,
    state,
    ...(info.error === undefined ? {} : { error: info.error }),
    serving: info.serving,
  };
}

/** Every entry of `source` in the API's shape; a repeated name gets `-2`, `-3`… so each stays addressable. */
export function certificateRepresentations(
  source: CertificateSource | undefined,
  options: CertificateViewOptions,
): CertificateRepresentation[] {
  const seen = new Map<string, number>();
  return (source?.list() ?? []).map((info) => {
    const view = certificateRepresentation(info, options);
    const n = (seen.get(view.name) ?? 0) + 1;
    seen.set(view.name, n);
    return n === 1 ? view : { ...view, name: `${view.name}-${n}` };
  });
}

/** A certificate's error as a configuration error: its element is the path. */
export interface CertificateConfigError {
  readonly code: string;
  readonly message: string;
  readonly path?: string;
}

/**
 * The errors of configured certificates (`tls.certificates`, a store's `defaultCertificate`), so
 * a bad certificate file is reported where other configuration errors are (ACME's are not
 * configuration errors: they stay on their certificate).
 */
export function certificateConfigErrors(source: CertificateSource | undefined): CertificateConfigError[] {
  return (source?.list() ?? [])
    .filter((c) => c.error !== undefined && (c.source === 'file' || c.source === 'default'))
    .map((c) => ({
      code: c.error?.code ?? '',
      message: c.error?.message ?? '',
      ...(c.element === undefined ? {} : { path: c.element }),
    }));
}

/** `errors` followed by those of `extra` not already among them (same code, message and path). */
export function withoutRepeats<T extends { readonly code?: string; readonly message: string; readonly path?: string }>(
  errors: readonly T[],
  extra: readonly T[],
): T[] {
  const key = (e: T): string => `${e.code ?? ''}\0${e.message}\0${e.path ?? ''}`;
  const seen = new Set(errors.map(key));
  return [...errors, ...extra.filter((e) => !seen.has(key(e)))];
}

/** Certificate sort columns: Traefik's (`name`/`cn` = common name, `status`, `issuer`, `validUntil`) and Junction's. */
export const CERTIFICATE_COLUMNS: Readonly<Record<string, SortKey<CertificateRepresentation>>> = {
  name: (c) => c.commonName,
  cn: (c) => c.commonName,
  status: (c) => c.status,
  issuer: (c) => c.issuerOrg ?? c.issuerCN ?? '',
  validUntil: (c) => (c.notAfter === undefined ? Number.MAX_SAFE_INTEGER : Date.parse(c.notAfter)),
  state: (c) => c.state,
  resolver: (c) => c.resolver ?? '',
  source: (c) => c.source,
  store: (c) => c.store,
};

/**
 * Traefik's certificate filter: `status` (case-insensitive; Junction's `state` words work too)
 * and `search`, a case-insensitive substring of the common name, issuer or a SAN (Junction also
 * looks in the id, the element and the resolver).
 */
export function keepCertificate(c: CertificateRepresentation, query: ListQuery): boolean {
  const status = query.status?.toLowerCase();
  if (status !== undefined && status !== '' && status !== c.status && status !== c.state) return false;
  const search = query.search?.toLowerCase();
  if (search === undefined || search === '') return true;
  const fields = [
    c.commonName,
    c.issuerOrg ?? '',
    c.issuerCN ?? '',
    ...c.sans,
    c.id,
    c.element ?? '',
    c.resolver ?? '',
  ];
  return fields.some((f) => f.toLowerCase().includes(search));
}

/** The certificates matching `query`, sorted (by common name unless `sortBy` says otherwise). */
export function listCertificates(all: CertificateRepresentation[], query: ListQuery): CertificateRepresentation[] {
  return sortItems(
    all.filter((c) => keepCertificate(c, query)),
    CERTIFICATE_COLUMNS,
    query.sortBy ?? 'cn',
    query.direction,
  );
}
