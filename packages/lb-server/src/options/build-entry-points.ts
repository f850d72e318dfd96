/**
 * Builds the `entryPoints` of the static options: each defined entry point with its address,
 * forwarded headers, HTTP, HTTP/2 and transport settings and Traefik's defaults, the default entry
 * point when none is defined, and the check that no two entry points share an address.
 */
import { entryPointRedirection, entryPointTls } from './build-tls';
import type { IssueList } from './options-error';
import { DEFAULT_ENTRYPOINT_ADDRESS, DEFAULT_ENTRYPOINT_NAME } from './option-spec';
import type { OptionValues } from './option-values';
import type { EntryPointOptions } from './types';
import { formatAddress, parseAddress, type ListenAddress } from './values';

/** The defined entry points, or the default one (`web` on `:80`) when none is; problems go to `issues`. */
export function buildEntryPoints(v: OptionValues, issues: IssueList): Record<string, EntryPointOptions> {
  const entryPoints: Record<string, EntryPointOptions> = {};
  const names = v.entryPointNames().filter((name) => v.section('entryPoints.<name>', name));
  for (const name of names) {
    const address = v.address('entryPoints.<name>.address', name);
    if (address === undefined) {
      issues.add(
        v.label('entryPoints.<name>', name),
        `entry point ${JSON.stringify(name)} needs an address (e.g. --entryPoints.${name}.address=:80)`,
      );
      continue;
    }
    entryPoints[name] = entryPoint(v, name, address);
    const streams = 'entryPoints.<name>.http2.maxConcurrentStreams';
    if (v.num(streams, name) < 1) issues.add(v.label(streams, name), 'must be a positive integer');
    for (const bound of ['maxConnections', 'maxConnectionsPerIP']) {
      const key = `entryPoints.<name>.transport.${bound}`;
      if (v.num(key, name) < 0) issues.add(v.label(key, name), 'must be 0 (unlimited) or a positive integer');
    }
  }
  if (names.length === 0) {
    entryPoints[DEFAULT_ENTRYPOINT_NAME] = defaultEntryPoint(v, DEFAULT_ENTRYPOINT_NAME, DEFAULT_ENTRYPOINT_ADDRESS);
  }
  return entryPoints;
}

/** An entry point Junction adds by itself (`web`, `traefik`), with the default settings and `address`. */
export function defaultEntryPoint(v: OptionValues, name: string, address: string): EntryPointOptions {
  const parsed = parseAddress(address);
  if (!parsed.ok) throw new Error(parsed.error);
  return entryPoint(v, name, parsed.value);
}

function entryPoint(v: OptionValues, name: string, address: ListenAddress): EntryPointOptions {
  const p = 'entryPoints.<name>';
  const redirection = entryPointRedirection(v, name);
  return {
    name,
    address,
    asDefault: v.bool(`${p}.asDefault`, name),
    reusePort: v.bool(`${p}.reusePort`, name),
    forwardedHeaders: {
      trustedIPs: v.list<string>(`${p}.forwardedHeaders.trustedIPs`, name),
      insecure: v.bool(`${p}.forwardedHeaders.insecure`, name),
    },
    http: {
      sanitizePath: v.bool(`${p}.http.sanitizePath`, name),
      encodeQuerySemicolons: v.bool(`${p}.http.encodeQuerySemicolons`, name),
      ...optional('tls', entryPointTls(v, name)),
      ...optional('redirections', redirection === undefined ? undefined : { entryPoint: redirection }),
    },
    http2: { maxConcurrentStreams: v.num(`${p}.http2.maxConcurrentStreams`, name) },
    transport: {
      lifeCycle: {
        graceTimeOut: v.num(`${p}.transport.lifeCycle.graceTimeOut`, name),
        requestAcceptGraceTimeout: v.num(`${p}.transport.lifeCycle.requestAcceptGraceTimeout`, name),
      },
      respondingTimeouts: {
        readTimeout: v.num(`${p}.transport.respondingTimeouts.readTimeout`, name),
        writeTimeout: v.num(`${p}.transport.respondingTimeouts.writeTimeout`, name),
        idleTimeout: v.num(`${p}.transport.respondingTimeouts.idleTimeout`, name),
      },
      maxConnections: v.num(`${p}.transport.maxConnections`, name),
      maxConnectionsPerIP: v.num(`${p}.transport.maxConnectionsPerIP`, name),
    },
  };
}

/** Reports two entry points listening on the same address and (non-zero) port. */
export function checkDistinctAddresses(entryPoints: Record<string, EntryPointOptions>, issues: IssueList): void {
  const seen = new Map<string, string>();
  for (const ep of Object.values(entryPoints)) {
    if (ep.address.port === 0) continue;
    const key = formatAddress(ep.address);
    const other = seen.get(key);
    if (other !== undefined)
      issues.add('', `entry points ${JSON.stringify(other)} and ${JSON.stringify(ep.name)} both listen on ${key}`);
    seen.set(key, ep.name);
  }
}

function optional<K extends string, T>(key: K, value: T | undefined): Partial<Record<K, T>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, T>);
}
