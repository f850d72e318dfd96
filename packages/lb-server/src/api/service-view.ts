/**
 * Services in Traefik's API shapes: `ServiceInfo` (the dynamic service — `loadBalancer`,
 * `weighted`, `failover` or `mirroring` — plus `status`, `error`, `usedBy`: the routers naming it
 * directly, as Traefik lists them, not the runtime's wider list) with `serverStatus`
 * (`UP`/`DOWN` per server URL, load balancers only), and the listed representation (plus `name`,
 * `provider`, and the lower-case `type`). (traefik `pkg/api/handler.go`
 * `serviceInfoRepresentation`, `handler_http.go` `serviceRepresentation`)
 *
 * The configuration block comes from the runtime's merged configuration, written back in
 * Traefik's form (`config-view.ts`); when the configuration no longer has the element, it is
 * rebuilt from the runtime. Server state is read at request time (`server-view.ts`); Junction
 * adds it as `serverDetails`.
 */
import type { DisabledService, RuntimeService } from '../runtime/runtime';
import { toTraefikConfig } from './config-view';
import { dropUndefined, nonEmpty, statusView, type StatusView, type ViewContext } from './representations';
import { serverDetail, serverDetails, serverStatusOf, type ServerDetail, type ServerHealth } from './server-view';

/** A service of any kind, live or disabled, as the runtime lists it. */
export type AnyService = RuntimeService | DisabledService;

/** Traefik's `ServiceInfo` JSON with `serverStatus`. */
export interface ServiceInfo extends StatusView {
  readonly loadBalancer?: unknown;
  readonly weighted?: unknown;
  readonly failover?: unknown;
  readonly mirroring?: unknown;
  readonly usedBy?: readonly string[];
  /** Server URL → `UP` | `DOWN`; load-balancer services only. */
  readonly serverStatus?: Readonly<Record<string, ServerHealth>>;
  /** Each server's (or, for `weighted`, each child's) live state. */
  readonly serverDetails?: readonly ServerDetail[];
}

/** A service as `/api/http/services` lists it. */
export interface ServiceRepresentation extends ServiceInfo {
  readonly name: string;
  readonly provider: string;
  /** `loadbalancer`, `weighted`, `failover` or `mirroring`, lower-case as in Traefik. */
  readonly type?: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The service's own configuration, `{ <kind>: {...} }`, if the merged configuration still has it. */
function configOf(service: AnyService, ctx: ViewContext): Obj | undefined {
  const config: unknown = ctx.runtime.config.http.services?.[service.name];
  return isObj(config) ? config : undefined;
}

/** The `loadBalancer` block, with default server ids dropped and the effective cookie name shown. */
function loadBalancerBlock(config: unknown, service: Extract<AnyService, { kind: 'loadBalancer' }>): Obj {
  const block: Obj = isObj(config)
    ? { ...config }
    : { servers: service.servers.map(({ url, weight }) => ({ url, weight })) };
  if (Array.isArray(block.servers)) {
    block.servers = block.servers.map((s: unknown) => {
      if (!isObj(s)) return s;
      const { id, ...rest } = s;
      return id === rest.url ? rest : s;
    });
  }
  block.passHostHeader ??= service.passHostHeader;
  if (isObj(block.sticky) && service.sticky !== undefined) {
    const cookie = isObj(block.sticky.cookie) ? block.sticky.cookie : {};
    block.sticky = { ...block.sticky, cookie: { ...cookie, name: cookie.name ?? service.sticky.cookieName } };
  }
  return toTraefikConfig(block) as Obj;
}

/** `{ <kind>: block }` for the service, from its configuration or, failing that, from the runtime. */
function configBlock(service: AnyService, config: Obj | undefined): Obj {
  switch (service.kind) {
    case 'loadBalancer':
      return { loadBalancer: loadBalancerBlock(config?.loadBalancer, service) };
    case 'weighted':
      return {
        weighted:
          config?.weighted === undefined
            ? { services: service.balancer.servers().map(({ id, weight }) => ({ name: id, weight })) }
            : toTraefikConfig(config.weighted),
      };
    case 'failover':
      return {
        failover:
          config?.failover === undefined
            ? { service: service.main.name, fallback: service.fallback.name }
            : toTraefikConfig(config.failover),
      };
    case 'mirroring':
      return {
        mirroring: config?.mirroring === undefined ? { service: service.main.name } : toTraefikConfig(config.mirroring),
      };
    case 'disabled':
      return config === undefined ? {} : (toTraefikConfig(config) as Obj);
  }
}

function typeOf(service: AnyService, config: Obj | undefined): string | undefined {
  const kind = service.kind === 'disabled' ? (config === undefined ? undefined : Object.keys(config)[0]) : service.kind;
  return kind?.toLowerCase();
}

function serversOf(service: AnyService): Pick<ServiceInfo, 'serverStatus' | 'serverDetails'> {
  if (service.kind === 'loadBalancer') {
    const servers = service.balancer.servers();
    if (servers.length === 0) return {};
    return { serverStatus: serverStatusOf(servers), serverDetails: serverDetails(service, servers) };
  }
  if (service.kind === 'weighted') return { serverDetails: nonEmpty(service.balancer.servers().map(serverDetail)) };
  return {};
}

/** The `ServiceInfo` of `service`, with its servers' state read now. */
export function serviceInfo(service: AnyService, ctx: ViewContext): ServiceInfo {
  return dropUndefined({
    ...configBlock(service, configOf(service, ctx)),
    ...statusView(service.status, service.errors),
    usedBy: nonEmpty(ctx.serviceUsers.get(service.name)),
    ...serversOf(service),
  });
}

/** `service` as `/api/http/services` lists it. */
export function serviceRepresentation(service: AnyService, ctx: ViewContext): ServiceRepresentation {
  return dropUndefined({
    ...serviceInfo(service, ctx),
    name: service.name,
    provider: service.provider,
    type: typeOf(service, configOf(service, ctx)),
  });
}

/** How many servers a service lists (Traefik sorts by this: load balancers only). */
export function serverCount(view: ServiceInfo): number {
  const lb = view.loadBalancer;
  return isObj(lb) && Array.isArray(lb.servers) ? lb.servers.length : 0;
}
