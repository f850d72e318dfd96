/**
 * The TLS parts of the static configuration: an entry point's `http.tls` (defaults for its
 * routers) and `http.redirections.entryPoint`, and the ACME `certificatesResolvers`, with
 * Traefik's defaults and the cross-checks that need every entry point and resolver (a resolver or
 * entry point named but not defined, a resolver without a challenge, half an EAB pair).
 */
import type { IssueList } from './options-error';
import type { OptionValues } from './option-values';
import type { TlsDomainValue } from './tls-domains';
import type { AcmeResolverOptions, EntryPointOptions, EntryPointRedirection, EntryPointTlsOptions } from './types';

const EP = 'entryPoints.<name>';
const ACME = 'certificatesResolvers.<name>.acme';

/** An entry point's `http.tls`, or `undefined` when the section is off. */
export function entryPointTls(v: OptionValues, name: string): EntryPointTlsOptions | undefined {
  if (!v.section(`${EP}.http.tls`, name)) return undefined;
  const certResolver = v.optStr(`${EP}.http.tls.certResolver`, name);
  const options = v.optStr(`${EP}.http.tls.options`, name);
  const domains = v.isSet(`${EP}.http.tls.domains`, name)
    ? (v.list(`${EP}.http.tls.domains`, name) as unknown as readonly TlsDomainValue[])
    : undefined;
  return {
    ...(certResolver === undefined ? {} : { certResolver }),
    ...(options === undefined ? {} : { options }),
    ...(domains === undefined ? {} : { domains }),
  };
}

/** An entry point's `http.redirections.entryPoint`, or `undefined` when `to` is not set. */
export function entryPointRedirection(v: OptionValues, name: string): EntryPointRedirection | undefined {
  const to = v.optStr(`${EP}.http.redirections.entryPoint.to`, name);
  const p = `${EP}.http.redirections.entryPoint`;
  const anySet = ['scheme', 'permanent', 'priority'].some((k) => v.isSet(`${p}.${k}`, name));
  if (to === undefined) return anySet ? { to: '', scheme: '', permanent: false, priority: 0 } : undefined;
  return {
    to,
    scheme: v.str(`${p}.scheme`, name),
    permanent: v.bool(`${p}.permanent`, name),
    priority: v.num(`${p}.priority`, name),
  };
}

/** Every `certificatesResolvers.<name>.acme`. */
export function buildResolvers(v: OptionValues): Record<string, AcmeResolverOptions> {
  const out: Record<string, AcmeResolverOptions> = {};
  for (const name of v.namesUnder('certificatesResolvers')) {
    if (!v.section(ACME, name)) continue;
    const httpEntryPoint = v.optStr(`${ACME}.httpChallenge.entryPoint`, name);
    const kid = v.optStr(`${ACME}.eab.kid`, name);
    const hmacEncoded = v.optStr(`${ACME}.eab.hmacEncoded`, name);
    out[name] = {
      name,
      email: v.optStr(`${ACME}.email`, name) ?? '',
      storage: v.str(`${ACME}.storage`, name),
      caServer: v.str(`${ACME}.caServer`, name),
      keyType: v.str(`${ACME}.keyType`, name),
      ...(v.section(`${ACME}.httpChallenge`, name) ? { httpChallenge: { entryPoint: httpEntryPoint ?? '' } } : {}),
      tlsChallenge: v.section(`${ACME}.tlsChallenge`, name),
      certificatesDuration: v.num(`${ACME}.certificatesDuration`, name),
      renewBefore: v.num(`${ACME}.renewBefore`, name),
      ...(kid !== undefined && hmacEncoded !== undefined ? { eab: { kid, hmacEncoded } } : {}),
    };
  }
  return out;
}

/** Cross-checks between entry points and resolvers; problems go to `issues`. */
export function checkTls(
  v: OptionValues,
  entryPoints: Readonly<Record<string, EntryPointOptions>>,
  resolvers: Readonly<Record<string, AcmeResolverOptions>>,
  issues: IssueList,
): void {
  const known = (names: readonly string[]): string =>
    names.length === 0 ? 'none is defined' : `defined: ${names.join(', ')}`;
  const resolverNames = Object.keys(resolvers);
  const epNames = Object.keys(entryPoints);
  for (const ep of Object.values(entryPoints)) {
    const resolver = ep.http?.tls?.certResolver;
    if (resolver !== undefined && resolvers[resolver] === undefined) {
      issues.add(
        v.label(`${EP}.http.tls.certResolver`, ep.name),
        `unknown certificate resolver ${JSON.stringify(resolver)} (${known(resolverNames)})`,
      );
    }
    const redirect = ep.http?.redirections?.entryPoint;
    if (redirect === undefined) continue;
    const toLabel = v.label(`${EP}.http.redirections.entryPoint.to`, ep.name);
    if (redirect.to === '') issues.add(toLabel, 'a redirection needs the entry point (or port) to redirect to');
    else if (redirect.to === ep.name) issues.add(toLabel, 'an entry point cannot redirect to itself');
    else if (entryPoints[redirect.to] === undefined && !/^:\d{1,5}$/.test(redirect.to)) {
      issues.add(
        toLabel,
        `unknown entry point ${JSON.stringify(redirect.to)}: give an entry point name or a port such as ":443" (entry points: ${epNames.join(', ')})`,
      );
    }
  }
  for (const r of Object.values(resolvers)) {
    const label = (key: string): string => v.label(`${ACME}.${key}`, r.name);
    if (r.httpChallenge === undefined && !r.tlsChallenge) {
      issues.add(
        v.label(ACME, r.name),
        'a certificate resolver needs a challenge: httpChallenge.entryPoint or tlsChallenge (DNS-01 is not supported)',
      );
    }
    if (r.httpChallenge !== undefined && r.httpChallenge.entryPoint === '')
      issues.add(label('httpChallenge'), 'the HTTP challenge needs .entryPoint');
    else if (r.httpChallenge !== undefined && entryPoints[r.httpChallenge.entryPoint] === undefined) {
      issues.add(
        label('httpChallenge.entryPoint'),
        `unknown entry point ${JSON.stringify(r.httpChallenge.entryPoint)} (entry points: ${epNames.join(', ')})`,
      );
    }
    if (v.isSet(`${ACME}.eab.kid`, r.name) !== v.isSet(`${ACME}.eab.hmacEncoded`, r.name))
      issues.add(label('eab'), 'external account binding needs both .kid and .hmacEncoded');
    if (r.certificatesDuration <= 0) issues.add(label('certificatesDuration'), 'must be a positive number of hours');
    if (!/^https?:\/\//i.test(r.caServer))
      issues.add(label('caServer'), `expected an http(s) URL, got ${JSON.stringify(r.caServer)}`);
  }
}
