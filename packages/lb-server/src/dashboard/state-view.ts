/**
 * Renders the live runtime into the dashboard's compact {@link DashboardState}: every router,
 * service and middleware with status and errors, each server's state and override markers, and
 * the figures of the {@link ServerStatsRecorder}, and the TLS certificates (`certificate-state.ts`).
 * Computed once per tick and shared by every
 * connected browser, so the cost does not grow with viewers.
 */
import type { ApiSources } from '../api/api-sources';
import { entryPointList } from '../api/entrypoint-view';
import { countSection } from '../api/overview-view';
import { providerStatusViews } from '../api/provider-view';
import { withoutRepeats } from '../api/certificate-view';
import { certificatesState } from './certificate-state';
import type { DisabledService, ElementError, LoadBalancedService, Runtime, RuntimeService } from '../runtime/runtime';
import { orphanOverrides } from './override-orphans';
import type { OverrideStore } from './override-store';
import type { ServerStatsRecorder } from './server-stats';
import type {
  AccessState,
  DashboardState,
  ErrorState,
  LabelErrorState,
  PersistenceState,
  ProviderState,
  ServerState,
  ServiceState,
} from './state-types';

/** What {@link dashboardState} reads. */
export interface StateInputs {
  readonly sources: ApiSources;
  readonly stats: ServerStatsRecorder;
  readonly overrides: OverrideStore;
  readonly access: AccessState;
  /** The overrides state file's state (default: off). */
  readonly persistence?: PersistenceState;
  readonly now?: () => number;
}

/** An element error, trimmed to what the UI shows. */
export function errorState(e: ElementError): ErrorState {
  const out: { -readonly [K in keyof ErrorState]: ErrorState[K] } = { code: e.code, message: e.message };
  if (e.provider !== undefined) out.provider = e.provider;
  if (e.path !== undefined) out.path = e.path;
  if (e.file !== undefined) out.file = e.file;
  if (e.line !== undefined) out.line = e.line;
  return out;
}

function serverStates(service: LoadBalancedService, inputs: StateInputs): ServerState[] {
  const servers = service.balancer.servers();
  const stats = inputs.stats.serviceStats(
    service.name,
    servers.map((s) => s.id),
  );
  return servers.map((s) => {
    const o = inputs.overrides.server(service.name, s.id);
    const st = stats.get(s.id);
    return {
      id: s.id,
      url: s.url,
      state: !s.healthy ? 'DOWN' : s.draining ? 'DRAINING' : 'UP',
      weight: s.weight,
      providerWeight: service.serverById.get(s.id)?.weight ?? s.weight,
      weightOverridden: o?.weight !== undefined,
      drainOverridden: o?.draining === true,
      ...(s.effectiveWeight === undefined ? {} : { effectiveWeight: s.effectiveWeight }),
      inFlight: s.inFlight,
      rps: st?.rps ?? 0,
      errorRate: st?.errorRate ?? 0,
      ...(st?.p50 === undefined ? {} : { p50: st.p50 }),
      ...(st?.p99 === undefined ? {} : { p99: st.p99 }),
      share: st?.share ?? 0,
      series: st?.series ?? [],
    };
  });
}

function serviceState(service: RuntimeService | DisabledService, inputs: StateInputs): ServiceState {
  const base = {
    name: service.name,
    provider: service.provider,
    kind: service.kind,
    status: service.status,
    errors: service.errors.map(errorState),
    usedBy: service.usedBy,
    strategyOverridden: inputs.overrides.strategy(service.name) !== undefined,
    servers: [] as ServerState[],
  };
  switch (service.kind) {
    case 'loadBalancer':
      return {
        ...base,
        strategy: service.balancer.strategy,
        ...(service.sticky === undefined ? {} : { sticky: service.sticky.cookieName }),
        servers: serverStates(service, inputs),
      };
    case 'weighted':
      return {
        ...base,
        strategy: service.balancer.strategy,
        ...(service.sticky === undefined ? {} : { sticky: service.sticky.cookieName }),
        children: service.balancer.servers().map((s) => ({ name: s.id, weight: s.weight })),
      };
    case 'failover':
      return { ...base, children: [{ name: service.main.name }, { name: service.fallback.name }] };
    case 'mirroring':
      return { ...base, children: [{ name: service.main.name }] };
    case 'disabled':
      return base;
  }
}

/** Docker and swarm label errors (those naming a container or a swarm service), for the per-container list. */
export function labelErrors(errors: readonly ElementError[]): LabelErrorState[] {
  const out: LabelErrorState[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const { container, label } = e as ElementError & { container?: unknown; label?: unknown };
    if ((e.provider !== 'docker' && e.provider !== 'swarm') || typeof container !== 'string') continue;
    const key = `${container}\0${String(label)}\0${e.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      container,
      ...(e.provider === 'swarm' ? { swarm: true as const } : {}),
      ...(typeof label === 'string' ? { label } : {}),
      code: e.code,
      message: e.message,
    });
  }
  return out.sort((a, b) => a.container.localeCompare(b.container));
}

function providers(sources: ApiSources): ProviderState[] {
  return Object.entries(providerStatusViews(sources.providers())).map(([name, view]) => ({
    name,
    state: view.state,
    ...(view.lastUpdate === undefined ? {} : { lastUpdate: view.lastUpdate }),
    ...(view.lastError === undefined
      ? {}
      : {
          lastError: {
            message: view.lastError.message,
            at: view.lastError.at,
            ...(view.lastError.file === undefined ? {} : { file: view.lastError.file }),
            ...(view.lastError.line === undefined ? {} : { line: view.lastError.line }),
          },
        }),
    details: view.details,
  }));
}

const NOT_SAVED: PersistenceState = Object.freeze({
  enabled: false,
  state: 'off',
  pending: false,
  reason: 'no state file is configured',
});

const byName = <T extends { name: string }>(a: T, b: T): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The state of `runtime` (absent: the empty state before the first configuration). */
export function dashboardState(runtime: Runtime | undefined, inputs: StateInputs): DashboardState {
  const routers = [...(runtime?.routers.values() ?? [])].map((r) => ({
    name: r.name,
    provider: r.provider,
    rule: r.rule,
    priority: r.priority,
    service: r.serviceName,
    middlewares: r.middlewareNames,
    entryPoints: r.entryPoints,
    status: r.status,
    errors: r.errors.map(errorState),
  }));
  const services = [...(runtime?.services.values() ?? [])].map((s) => serviceState(s, inputs));
  const middlewares = [...(runtime?.middlewares.values() ?? [])].map((m) => ({
    name: m.name,
    provider: m.provider,
    type: m.type,
    status: m.status,
    errors: m.errors.map(errorState),
    usedBy: m.usedBy,
  }));
  const now = (inputs.now ?? Date.now)();
  const tls = certificatesState(inputs.sources, now);
  const attached = new Set(
    [
      ...(runtime?.routers.values() ?? []),
      ...(runtime?.services.values() ?? []),
      ...(runtime?.middlewares.values() ?? []),
    ].flatMap((e) => e.errors),
  );
  return {
    generation: runtime?.generation ?? 0,
    at: new Date(now).toISOString(),
    access: inputs.access,
    counts: {
      routers: countSection(runtime?.routers.values() ?? []),
      services: countSection(runtime?.services.values() ?? []),
      middlewares: countSection(runtime?.middlewares.values() ?? []),
      certificates: tls.count,
    },
    entryPoints: entryPointList(inputs.sources.entryPoints).map(({ name, address }) => ({ name, address })),
    providers: providers(inputs.sources),
    routers: routers.sort(byName),
    services: services.sort(byName),
    middlewares: middlewares.sort(byName),
    labelErrors: labelErrors(runtime?.errors ?? []),
    certificates: tls.certificates,
    looseErrors: withoutRepeats(
      (runtime?.errors ?? [])
        .filter((e) => !attached.has(e) && (e as { container?: unknown }).container === undefined)
        .map(errorState),
      tls.configErrors,
    ),
    persistence: inputs.persistence ?? NOT_SAVED,
    orphans: orphanOverrides(runtime, inputs.overrides.list()),
  };
}
