/**
 * Pure helpers of the ACME manager: which certificates the live TLS routers need from each
 * resolver (`Runtime.tlsRouters`: a router's `tls.domains`, else one certificate per exact Host()
 * name), whether a certificate already held covers them (exact name, or a one-label wildcard), the
 * renewal test and the retry backoff.
 */
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

/** What the routers want, per resolver name: certificates by key, and who asked for a resolver that does not exist. */
export interface WantedCertificates {
  readonly byResolver: ReadonlyMap<string, ReadonlyMap<string, CertificateDomains>>;
  /** `router → resolver` for routers naming an unknown resolver. */
  readonly unknown: readonly { readonly router: string; readonly resolver: string }[];
}

/** The certificates the live TLS routers need (see module comment). */
export function wantedCertificates(routers: readonly TlsRouterInfo[], resolvers: ReadonlySet<string>): WantedCertificates {
  const byResolver = new Map<string, Map<string, CertificateDomains>>();
  const unknown: { router: string; resolver: string }[] = [];
  for (const router of routers) {
    const resolver = router.certResolver;
    if (resolver === undefined || resolver === '') continue;
    if (!resolvers.has(resolver)) {
      unknown.push({ router: router.router, resolver });
      continue;
    }
    let wanted = byResolver.get(resolver);
    if (wanted === undefined) byResolver.set(resolver, (wanted = new Map()));
    for (const d of router.domains) {
      if (d.main === '') continue;
      const domains: CertificateDomains = { main: d.main.toLowerCase(), sans: d.sans.map((s) => s.toLowerCase()) };
      wanted.set(domainsKey(domains), domains);
    }
  }
  return { byResolver, unknown };
}

/** Why a domain cannot be ordered with this resolver's challenges, or `undefined` when it can. */
export function unorderable(domains: CertificateDomains): string | undefined {
  const wildcard = allNames(domains).find((n) => n.includes('*'));
  if (wildcard !== undefined) return `${wildcard}: a wildcard certificate needs the DNS-01 challenge, which Junction does not offer`;
  return undefined;
}

/** Whether a certificate expiring at `notAfter` is due for renewal at `now`. */
export function dueForRenewal(notAfter: number, now: number, renewBefore: number): boolean {
  return notAfter - now < renewBefore;
}

/** Delay before retry number `failures` (1-based): `initial × 2^(failures-1)`, at most `max`. */
export function backoffDelay(failures: number, initialMs: number, maxMs: number): number {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, Math.min(30, failures - 1)));
}
