/**
 * `/api/overview` in Traefik's shape: per protocol and element kind, how many elements there are
 * and how many are in `warning` or `disabled` (Traefik counts the latter as `errors`); the enabled
 * features; and the provider names. Junction adds `providerStatus` (see `provider-view.ts`).
 * `certificates` counts the TLS certificates as Traefik 3.7 does (`warnings`: expiring, `errors`:
 * expired), plus Junction's: a domain waiting for its certificate is a warning, a certificate
 * refused by its checks an error. Absent when no certificate store is wired (Traefik: no TLS manager).
 * TCP and UDP are always zero: Junction proxies HTTP only. (traefik `pkg/api/handler_overview.go`)
 */
import type { Runtime, RuntimeElement } from '../runtime/runtime';
import type { ApiFeatures, ApiSources } from './api-sources';
import { certificateRepresentations, viewOptionsOf, type CertificateRepresentation } from './certificate-view';
import { providerStatusViews, traefikProviderName, type ProviderStatusView } from './provider-view';

/** Counts of one element kind. */
export interface SectionCount {
  readonly total: number;
  readonly warnings: number;
  readonly errors: number;
}

/** Counts of one protocol. */
export interface SchemeOverview {
  readonly routers: SectionCount;
  readonly services: SectionCount;
  readonly middlewares?: SectionCount;
}

/** The `/api/overview` document. */
export interface Overview {
  readonly http: SchemeOverview;
  readonly tcp: SchemeOverview;
  readonly udp: SchemeOverview;
  readonly certificates?: SectionCount;
  readonly features: ApiFeatures;
  /** Traefik's provider names, e.g. `["Docker", "File"]`. */
  readonly providers: readonly string[];
  /** Junction's addition: each provider's state and last failure. */
  readonly providerStatus: Readonly<Record<string, ProviderStatusView>>;
}

const EMPTY: SectionCount = Object.freeze({ total: 0, warnings: 0, errors: 0 });

/** Counts `elements` by status. */
export function countSection(elements: Iterable<RuntimeElement>): SectionCount {
  let total = 0;
  let warnings = 0;
  let errors = 0;
  for (const e of elements) {
    total += 1;
    if (e.status === 'warning') warnings += 1;
    if (e.status === 'disabled') errors += 1;
  }
  return { total, warnings, errors };
}

/** Counts certificates by Traefik status (see module comment). */
export function countCertificates(certificates: readonly Pick<CertificateRepresentation, 'status'>[]): SectionCount {
  let warnings = 0;
  let errors = 0;
  for (const c of certificates) {
    if (c.status === 'warning') warnings += 1;
    else if (c.status === 'expired' || c.status === 'disabled') errors += 1;
  }
  return { total: certificates.length, warnings, errors };
}

/** The overview of `runtime` (an absent runtime counts as empty). */
export function overview(runtime: Runtime | undefined, sources: ApiSources): Overview {
  const providers = sources.providers();
  return {
    http: {
      routers: countSection(runtime?.routers.values() ?? []),
      services: countSection(runtime?.services.values() ?? []),
      middlewares: countSection(runtime?.middlewares.values() ?? []),
    },
    tcp: { routers: EMPTY, services: EMPTY, middlewares: EMPTY },
    udp: { routers: EMPTY, services: EMPTY },
    ...(sources.certificates === undefined
      ? {}
      : { certificates: countCertificates(certificateRepresentations(sources.certificates, viewOptionsOf(sources))) }),
    features: sources.features,
    providers: Object.keys(providers).sort().map(traefikProviderName),
    providerStatus: providerStatusViews(providers),
  };
}
