/**
 * A router's effective TLS, computed once per configuration: the TLS options it uses (`default`
 * when it names none; an unknown name disables it, Traefik's "unknown TLS options"), its ACME
 * resolver (an unknown one is a warning: the router serves, with whatever certificate matches),
 * and the domains a resolver obtains for it (`tls.domains`, else one per exact Host() of its
 * rule). Also the `tlsRouters` list that TLS termination and ACME read.
 */
import {
  defaultTlsDomains,
  DEFAULT_TLS_OPTIONS,
  ruleHosts,
  type RouterConfig,
  type RuleSyntax,
  type TlsConfig,
} from '@junction/lb-core';
import type { ErrorBook } from './error-book';
import type { RuntimeRouter, RuntimeRouterTls, TlsRouterInfo } from './runtime';

/** What resolving a router's TLS needs. */
export interface RouterTlsContext {
  readonly tls: TlsConfig;
  /** Names of the ACME resolvers; `undefined` skips the check. */
  readonly certResolvers: readonly string[] | undefined;
  readonly book: ErrorBook;
}

/** The domains of a `tls.domains` list (entries without a name are left out). */
function configuredDomains(
  domains: NonNullable<RouterConfig['tls']>['domains'],
): { main: string; sans: readonly string[] }[] {
  return (domains ?? []).flatMap((d) => {
    const sans = (d.sans ?? []).map((s) => s.toLowerCase());
    const main = d.main?.toLowerCase() ?? sans[0];
    if (main === undefined) return [];
    return [{ main, sans: d.main === undefined ? sans.slice(1) : sans }];
  });
}

/**
 * The router's TLS: `false` for a plain router, `undefined` after recording the error that
 * disables it. `report` false computes without recording (for routers already disabled).
 */
export function routerTls(
  name: string,
  config: RouterConfig,
  syntax: RuleSyntax | 'auto',
  ctx: RouterTlsContext,
  report = true,
): RuntimeRouterTls | false | undefined {
  const tls = config.tls;
  if (tls === undefined) return false;
  const options = tls.options ?? DEFAULT_TLS_OPTIONS;
  const path = `http.routers.${name}.tls`;
  if (options !== DEFAULT_TLS_OPTIONS && ctx.tls.options?.[options] === undefined) {
    if (!report) return { options, domains: [] };
    const known = Object.keys(ctx.tls.options ?? {});
    ctx.book.add(
      'router',
      name,
      'LB_CONFIG_UNKNOWN_TLS_OPTIONS',
      `unknown TLS options: ${options} (defined: ${[DEFAULT_TLS_OPTIONS, ...known.filter((k) => k !== DEFAULT_TLS_OPTIONS)].join(', ')})`,
      `${path}.options`,
    );
    return undefined;
  }
  const resolver = tls.certResolver;
  if (report && resolver !== undefined && ctx.certResolvers !== undefined && !ctx.certResolvers.includes(resolver)) {
    const known = ctx.certResolvers.length === 0 ? 'none is defined' : `defined: ${ctx.certResolvers.join(', ')}`;
    ctx.book.add(
      'router',
      name,
      'LB_CONFIG_UNKNOWN_RESOLVER',
      `the router uses a nonexistent certificate resolver: ${resolver} (${known})`,
      `${path}.certResolver`,
    );
  }
  const configured = configuredDomains(tls.domains);
  const domains = configured.length > 0 ? configured : defaultTlsDomains(ruleHosts(config.rule, syntax));
  return Object.freeze({ options, ...(resolver === undefined ? {} : { certResolver: resolver }), domains });
}

/** The live TLS routers, for TLS termination (SNI → options) and ACME (domains to obtain). */
export function tlsRouterList(routers: Iterable<RuntimeRouter>): TlsRouterInfo[] {
  const out: TlsRouterInfo[] = [];
  for (const r of routers) {
    if (r.tls === false || r.status === 'disabled') continue;
    out.push(
      Object.freeze({
        router: r.name,
        entryPoints: r.entryPoints,
        hosts: ruleHosts(r.rule, r.ruleSyntax),
        options: r.tls.options,
        ...(r.tls.certResolver === undefined ? {} : { certResolver: r.tls.certResolver }),
        domains: r.tls.domains,
      }),
    );
  }
  return out.sort((a, b) => (a.router < b.router ? -1 : a.router > b.router ? 1 : 0));
}
