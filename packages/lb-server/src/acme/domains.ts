/**
 * Pure helpers of the ACME manager: which certificates the live TLS routers need from each
 * resolver (`Runtime.tlsRouters`: a router's `tls.domains`, else one certificate per exact Host()
 * name), whether a certificate already held covers them (exact name, or a one-label wildcard), the
 * renewal test and the retry backoff.
 */
import { defaultTlsDomains, type TlsStoreConfig } from '@junction/lb-core';
import type { TlsRouterInfo } from '../runtime/runtime';
import type { CertificateDomains } from './resolver';

/** Stable key of one certificate's domains (`main` then the sorted sans, lower-case). */
export function domainsKey(domains: CertificateDomains): string {
  const main = domains.main.toLowerCase();
  const sans = [...new Set(domains.sans.map((s) => s.toLowerCase()))].filter((s) => s !== main).sort();
  return [main, ...sans].join(',');
}

/** Every name of a certificate, `main` first. */
export function allNames(domains: { readonly main: string; readonly sans?: readonly string[] }): string[] {
  return [...new Set([domains.main, ...(domains.sans ?? [])].map((n) => n.toLowerCase()))];
}

/** Whether a certificate for `held` serves `name` (exact, or `*.parent` for one label). */
function nameCovered(held: readonly string[], name: string): boolean {
  const lower = name.toLowerCase();
  if (held.includes(lower)) return true;
  const dot = lower.indexOf('.');
  return dot > 0 && !lower.startsWith('*.') && held.includes(`*${lower.slice(dot)}`);
}

/** Whether every name of `wanted` is served by the one certificate holding `held`. */
export function covers(held: readonly string[], wanted: CertificateDomains): boolean {
  return allNames(wanted).every((name) => nameCovered(held, name));
}

/**
 * A router without `tls.domains` gets one certificate for all the exact Host() names of its rule,
 * the first as `main` and the others as `sans`, as Traefik's ACME provider does
 * (`resolveDomains`); the runtime lists them one per name, which is merged here.
 */
function ruleCertificate(router: TlsRouterInfo): TlsRouterInfo['domains'] {
  const perHost = defaultTlsDomains(router.hosts);
  const [first, ...rest] = router.domains;
  const derived =
    first !== undefined &&
    rest.length > 0 &&
    perHost.length === router.domains.length &&
    router.domains.every((d, i) => d.sans.length === 0 && d.main === perHost[i]?.main);
  return derived ? [{ main: first.main, sans: rest.map((d) => d.main) }] : router.domains;
}

/** What the routers want, per resolver name: certificates by key, and who asked for a resolver that does not exist. */
export interface WantedCertificates {
  readonly byResolver: ReadonlyMap<string, ReadonlyMap<string, CertificateDomains>>;
  /** Per resolver: certificate key → the TLS stores using it as their default (`defaultGeneratedCert`). */
  readonly defaults: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
  /** `router → resolver` for routers naming an unknown resolver. */
  readonly unknown: readonly { readonly router: string; readonly resolver: string }[];
}

/**
 * The certificates the live TLS routers need (see module comment), plus each TLS store's
 * `defaultGeneratedCert` (Traefik: a certificate the resolver obtains for `domain` and the store
 * serves when no name matches).
 */
export function wantedCertificates(
  routers: readonly TlsRouterInfo[],
  resolvers: ReadonlySet<string>,
  stores: Readonly<Record<string, TlsStoreConfig>> = {},
): WantedCertificates {
  const byResolver = new Map<string, Map<string, CertificateDomains>>();
  const defaults = new Map<string, Map<string, string[]>>();
  const unknown: { router: string; resolver: string }[] = [];
  const want = (
    who: string,
    resolver: string,
    list: readonly { main?: string | undefined; sans?: readonly string[] | undefined }[],
  ): string[] => {
    if (!resolvers.has(resolver)) {
      unknown.push({ router: who, resolver });
      return [];
    }
    let wanted = byResolver.get(resolver);
    if (wanted === undefined) byResolver.set(resolver, (wanted = new Map()));
    const keys: string[] = [];
    for (const d of list) {
      if (d.main === undefined || d.main === '') continue;
      const domains: CertificateDomains = {
        main: d.main.toLowerCase(),
        sans: (d.sans ?? []).map((s) => s.toLowerCase()),
      };
      keys.push(domainsKey(domains));
      wanted.set(domainsKey(domains), domains);
    }
    return keys;
  };
  for (const router of routers) {
    if (router.certResolver !== undefined && router.certResolver !== '')
      want(router.router, router.certResolver, ruleCertificate(router));
  }
  for (const [store, config] of Object.entries(stores)) {
    const generated = config.defaultGeneratedCert;
    if (generated?.domain === undefined) continue;
    for (const key of want(`tls.stores.${store}.defaultGeneratedCert`, generated.resolver, [generated.domain])) {
      let byKey = defaults.get(generated.resolver);
      if (byKey === undefined) defaults.set(generated.resolver, (byKey = new Map()));
      byKey.set(key, [...(byKey.get(key) ?? []), store]);
    }
  }
  return { byResolver, defaults, unknown };
}

/** Why a domain cannot be ordered with this resolver's challenges, or `undefined` when it can. */
export function unorderable(domains: CertificateDomains): string | undefined {
  const wildcard = allNames(domains).find((n) => n.includes('*'));
  if (wildcard !== undefined)
    return `${wildcard}: a wildcard certificate needs the DNS-01 challenge, which Junction does not offer`;
  return undefined;
}

const HOUR = 3_600_000;

/**
 * Traefik's renewal durations for `certificatesDuration` (hours): how long before expiry to renew,
 * and how often to check (`getCertificateRenewDurations`: 90-day certificates → 30 days, 1 day).
 */
export function renewDurations(certificatesDuration: number): {
  readonly renewBefore: number;
  readonly checkInterval: number;
} {
  const d = certificatesDuration;
  if (d >= 365 * 24) return { renewBefore: 4 * 30 * 24 * HOUR, checkInterval: 7 * 24 * HOUR };
  if (d >= 3 * 30 * 24) return { renewBefore: 30 * 24 * HOUR, checkInterval: 24 * HOUR };
  if (d >= 30 * 24) return { renewBefore: 10 * 24 * HOUR, checkInterval: 12 * HOUR };
  if (d >= 6 * 24) return { renewBefore: 2 * 24 * HOUR, checkInterval: 2 * HOUR };
  if (d >= 24) return { renewBefore: 6 * HOUR, checkInterval: HOUR / 6 };
  return { renewBefore: HOUR / 3, checkInterval: HOUR / 60 };
}

/** Junction's `renewBefore` default (30 days): left at it, `certificatesDuration` decides, as in Traefik. */
export const DEFAULT_RENEW_BEFORE = 30 * 24 * HOUR;

/** The renewal lead a resolver uses: its explicit `renewBefore`, else Traefik's for its `certificatesDuration`. */
export function effectiveRenewBefore(options: {
  readonly renewBefore: number;
  readonly certificatesDuration: number;
}): number {
  return options.renewBefore === DEFAULT_RENEW_BEFORE
    ? renewDurations(options.certificatesDuration).renewBefore
    : options.renewBefore;
}

/** Whether a certificate expiring at `notAfter` is due for renewal at `now`. */
export function dueForRenewal(notAfter: number, now: number, renewBefore: number): boolean {
  return notAfter - now < renewBefore;
}

/** Delay before retry number `failures` (1-based): `initial × 2^(failures-1)`, at most `max`. */
export function backoffDelay(failures: number, initialMs: number, maxMs: number): number {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, Math.min(30, failures - 1)));
}
