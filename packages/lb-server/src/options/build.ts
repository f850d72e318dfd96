/**
 * Turns one source's {@link OptionValues} into the defaulted, frozen {@link StaticOptions}, applying
 * Traefik's derived settings (`SetEffectiveConfiguration`): the default entry point when none is
 * defined, the internal `traefik` entry point when the API (insecure, or with credentials), ping
 * or metrics need it, and cross-checks (entry points named by ping/metrics exist, no two entry
 * points share a port).
 */
import { availableParallelism } from 'node:os';
import { buildDockerAndSwarm } from './build-docker';
import { buildEntryPoints, checkDistinctAddresses, defaultEntryPoint } from './build-entry-points';
import { buildResolvers, checkTls } from './build-tls';
import type { IssueList } from './options-error';
import { INTERNAL_ENTRYPOINT_ADDRESS, INTERNAL_ENTRYPOINT_NAME } from './option-spec';
import type { OptionValues } from './option-values';
import type { ApiOptions, FileProviderOptions, OptionsMeta, RuleSyntax, StaticOptions, TraefikLogLevel } from './types';

/** Builds the static options; semantic problems are added to `issues`. */
export function buildStaticOptions(v: OptionValues, meta: OptionsMeta, issues: IssueList): StaticOptions {
  const api = v.section('api') ? buildApi(v) : undefined;
  const ping = v.section('ping')
    ? {
        entryPoint: v.str('ping.entryPoint'),
        manualRouting: v.bool('ping.manualRouting'),
        terminatingStatusCode: v.num('ping.terminatingStatusCode'),
      }
    : undefined;
  const prometheus = v.section('metrics.prometheus')
    ? {
        buckets: v.list<number>('metrics.prometheus.buckets'),
        addEntryPointsLabels: v.bool('metrics.prometheus.addEntryPointsLabels'),
        addServicesLabels: v.bool('metrics.prometheus.addServicesLabels'),
        addRoutersLabels: v.bool('metrics.prometheus.addRoutersLabels'),
        entryPoint: v.str('metrics.prometheus.entryPoint'),
        manualRouting: v.bool('metrics.prometheus.manualRouting'),
      }
    : undefined;

  const entryPoints = buildEntryPoints(v, issues);
  const needsInternal =
    apiServed(api) ||
    (ping !== undefined && !ping.manualRouting && ping.entryPoint === INTERNAL_ENTRYPOINT_NAME) ||
    (prometheus !== undefined && !prometheus.manualRouting && prometheus.entryPoint === INTERNAL_ENTRYPOINT_NAME);
  if (needsInternal && entryPoints[INTERNAL_ENTRYPOINT_NAME] === undefined) {
    entryPoints[INTERNAL_ENTRYPOINT_NAME] = defaultEntryPoint(v, INTERNAL_ENTRYPOINT_NAME, INTERNAL_ENTRYPOINT_ADDRESS);
  }
  for (const [option, section] of [
    ['ping.entryPoint', ping],
    ['metrics.prometheus.entryPoint', prometheus],
  ] as const) {
    if (section !== undefined && !section.manualRouting && entryPoints[section.entryPoint] === undefined) {
      issues.add(v.label(option), `unknown entry point ${JSON.stringify(section.entryPoint)}`);
    }
  }
  checkDistinctAddresses(entryPoints, issues);
  const certificatesResolvers = buildResolvers(v);
  checkTls(v, entryPoints, certificatesResolvers, issues);
  const workers = buildWorkers(v, issues);
  for (const ep of Object.values(entryPoints)) {
    if (workers > 1 && ep.reusePort === true && ep.address.port === 0) {
      issues.add(
        v.label(`entryPoints.<name>.reusePort`, ep.name),
        'with --workers, a reusePort entry point needs a fixed port (each worker binds its own socket: port 0 would give each a different port)',
      );
    }
  }

  return deepFreeze({
    entryPoints,
    providers: {
      providersThrottleDuration: v.num('providers.providersThrottleDuration'),
      ...buildDockerAndSwarm(v, issues),
      file: v.section('providers.file') ? buildFile(v, issues) : undefined,
    },
    api,
    ping,
    core: { defaultRuleSyntax: v.str('core.defaultRuleSyntax') as RuleSyntax },
    serversTransport: {
      dialTimeout: v.num('serversTransport.forwardingTimeouts.dialTimeout'),
      responseHeaderTimeout: v.num('serversTransport.forwardingTimeouts.responseHeaderTimeout'),
      idleConnTimeout: v.num('serversTransport.forwardingTimeouts.idleConnTimeout'),
      insecureSkipVerify: v.bool('serversTransport.insecureSkipVerify'),
      rootCAs: v.list<string>('serversTransport.rootCAs') ?? [],
    },
    log: {
      level: v.str('log.level') as TraefikLogLevel,
      format: v.str('log.format') as 'json' | 'common',
      filePath: v.optStr('log.filePath'),
      noColor: v.bool('log.noColor'),
    },
    accessLog: v.section('accessLog')
      ? { format: v.str('accessLog.format') as 'common' | 'json', filePath: v.optStr('accessLog.filePath') }
      : undefined,
    metrics: { prometheus },
    certificatesResolvers,
    workers,
    meta,
  });
}

/** `--workers`: a positive integer, or `auto` = the CPUs this process may use. */
function buildWorkers(v: OptionValues, issues: IssueList): number {
  const text = v.str('workers').trim();
  if (text.toLowerCase() === 'auto') return availableParallelism();
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isSafeInteger(n) && n >= 1) return n;
  issues.add(v.label('workers'), `expected a positive integer or "auto", got ${JSON.stringify(text)}`);
  return 1;
}

function buildApi(v: OptionValues): ApiOptions {
  const users = v.list<string>('api.users') as readonly string[] | undefined;
  return {
    insecure: v.bool('api.insecure'),
    dashboard: v.bool('api.dashboard'),
    debug: v.bool('api.debug'),
    users: users === undefined || users.length === 0 ? undefined : users,
    usersFile: v.optStr('api.usersFile'),
    token: v.optStr('api.token'),
    tokenFile: v.optStr('api.tokenFile'),
    stateFile: v.isSet('api.stateFile') ? v.str('api.stateFile') : undefined,
  };
}

/** True when `api` names any credential (users, users file, token or token file). */
export function apiHasCredentials(api: ApiOptions | undefined): boolean {
  return (
    api !== undefined &&
    (api.users !== undefined || api.usersFile !== undefined || api.token !== undefined || api.tokenFile !== undefined)
  );
}

/**
 * True when the API and dashboard are served on the `traefik` entry point: the API is enabled
 * and viewing is open (`insecure`) or credentials are configured (viewing then needs them).
 * Traefik v3 without `insecure` expects a router to `api@internal` instead; Junction's rule is simpler.
 */
export function apiServed(api: ApiOptions | undefined): boolean {
  return api !== undefined && (api.insecure || apiHasCredentials(api));
}

function buildFile(v: OptionValues, issues: IssueList): FileProviderOptions {
  const filename = v.optStr('providers.file.filename');
  const directory = v.optStr('providers.file.directory');
  if (filename === undefined && directory === undefined) {
    issues.add(
      v.label('providers.file'),
      'the file provider needs --providers.file.filename or --providers.file.directory',
    );
  } else if (filename !== undefined && directory !== undefined) {
    issues.add(
      v.label('providers.file.directory'),
      'set either --providers.file.filename or --providers.file.directory, not both',
    );
  }
  return { filename, directory, watch: v.bool('providers.file.watch') };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
