/**
 * Merges the per-container configurations into one snapshot (traefik `pkg/provider/configuration.go`
 * `Merge`): routers and middlewares defined by several containers must be equal; services must
 * have equal load-balancer settings and pool their servers, so the replicas of one compose service
 * become one service with one server each. Unlike Traefik, which deletes an element defined two
 * ways, the older container's definition keeps serving and the newer container is disabled with an
 * error naming both containers and the label (a rolling update with a changed label keeps the old
 * route until the old replicas are gone).
 */
import {
  configEquals,
  type DynamicConfig,
  type MiddlewareConfig,
  type RouterConfig,
  type ServerConfig,
} from '@junction/lb-core';
import type { ContainerConfig } from './build-container';
import { labelForPath } from './draft';
import { dockerError, type DockerConfigError } from './errors';

type LoadBalancer = Extract<
  NonNullable<DynamicConfig['http']['services']>[string],
  { loadBalancer: unknown }
>['loadBalancer'];

interface Owned<T> {
  readonly value: T;
  readonly owner: ContainerConfig;
}

/** The merged configuration (not yet reference-checked) and the containers it came from. */
export interface MergedContainers {
  readonly config: DynamicConfig;
  readonly errors: readonly DockerConfigError[];
  /** Element key (`router:name`, `service:name`, `middleware:name`) → containers that define it. */
  readonly definers: ReadonlyMap<string, readonly ContainerConfig[]>;
}

/** Merges configurations, oldest container first (see module comment). */
export function mergeContainers(configs: readonly ContainerConfig[]): MergedContainers {
  const ordered = [...configs].sort(
    (a, b) => a.container.created - b.container.created || compare(a.container.name, b.container.name),
  );
  const routers = new Map<string, Owned<RouterConfig>>();
  const middlewares = new Map<string, Owned<MiddlewareConfig>>();
  const services = new Map<string, Owned<LoadBalancer> & { pool: PoolEntry[] }>();
  const definers = new Map<string, ContainerConfig[]>();
  const errors: DockerConfigError[] = [];
  for (const cc of ordered) {
    const http = cc.config.http;
    const conflict =
      findConflict(cc, 'routers', http.routers, routers, (v) => v) ??
      findConflict(cc, 'middlewares', http.middlewares, middlewares, (v) => v) ??
      findConflict(cc, 'services', loadBalancers(cc.config), services, withoutServers);
    if (conflict !== undefined) {
      errors.push(conflict);
      continue;
    }
    for (const [name, router] of Object.entries(http.routers ?? {}))
      define(routers, definers, 'router', name, router, cc);
    for (const [name, middleware] of Object.entries(http.middlewares ?? {}))
      define(middlewares, definers, 'middleware', name, middleware, cc);
    for (const [name, lb] of Object.entries(loadBalancers(cc.config))) {
      const entry = services.get(name) ?? { value: lb, owner: cc, pool: [] };
      services.set(name, entry);
      definers.set(`service:${name}`, [...(definers.get(`service:${name}`) ?? []), cc]);
      for (const server of lb.servers) addServer(entry.pool, { server, containerId: cc.container.id });
    }
  }
  const config: DynamicConfig = {
    http: {
      routers: Object.fromEntries([...routers].map(([name, o]) => [name, o.value])),
      services: Object.fromEntries(
        [...services].map(([name, o]) => [
          name,
          { loadBalancer: { ...o.value, servers: o.pool.map((e) => e.server) } },
        ]),
      ),
      middlewares: Object.fromEntries([...middlewares].map(([name, o]) => [name, o.value])),
    },
  };
  return { config, errors, definers };
}

function define<T>(
  map: Map<string, Owned<T>>,
  definers: Map<string, ContainerConfig[]>,
  kind: string,
  name: string,
  value: T,
  cc: ContainerConfig,
): void {
  if (!map.has(name)) map.set(name, { value, owner: cc });
  const key = `${kind}:${name}`;
  definers.set(key, [...(definers.get(key) ?? []), cc]);
}

/** The first element `cc` defines differently from an accepted container, as an error. */
function findConflict<T>(
  cc: ContainerConfig,
  section: 'routers' | 'middlewares' | 'services',
  mine: Readonly<Record<string, T>> | undefined,
  accepted: ReadonlyMap<string, Owned<T>>,
  comparable: (value: T) => unknown,
): DockerConfigError | undefined {
  for (const [name, value] of Object.entries(mine ?? {})) {
    const other = accepted.get(name);
    if (other === undefined || configEquals(comparable(other.value), comparable(value))) continue;
    const field = differingField(comparable(other.value), comparable(value));
    const path = `http.${section}.${name}${section === 'services' ? '.loadBalancer' : ''}${field === undefined ? '' : `.${field}`}`;
    const label = labelForPath(cc.origins, path) ?? labelForPath(other.owner.origins, path) ?? path;
    const kind = section.slice(0, -1);
    return dockerError(
      'LB_DOCKER_CONFLICT',
      `${kind} '${name}' is already defined differently by container ${other.owner.container.name}${field === undefined ? '' : ` (${field}: ${show(comparable(other.value), field)} vs ${show(comparable(value), field)})`}; this container is disabled until the definitions agree`,
      { container: cc.container.name, label, path, otherContainer: other.owner.container.name },
    );
  }
  return undefined;
}

/** A server in a merged pool, with the container it belongs to. */
interface PoolEntry {
  readonly server: ServerConfig;
  readonly containerId: string;
}

/**
 * Adds a server to a pool. Ids are stable across recreation, so two containers may briefly share
 * one (compose renames the old container and starts the new one with the same number): the one
 * not draining keeps the plain id (sticky clients follow it), the other gets `id@<short id>`.
 */
function addServer(pool: PoolEntry[], entry: PoolEntry): void {
  const suffixed = (e: PoolEntry): PoolEntry => ({
    ...e,
    server: { ...e.server, id: `${e.server.id}@${e.containerId.slice(0, 12)}` },
  });
  const index = pool.findIndex((e) => e.server.id === entry.server.id);
  const holder = pool[index];
  if (holder === undefined) pool.push(entry);
  else if (holder.server.draining === true && entry.server.draining !== true)
    pool.splice(index, 1, suffixed(holder), entry);
  else pool.push(suffixed(entry));
}

function loadBalancers(config: DynamicConfig): Record<string, LoadBalancer> {
  const out: Record<string, LoadBalancer> = {};
  for (const [name, service] of Object.entries(config.http.services ?? {}))
    if ('loadBalancer' in service) out[name] = service.loadBalancer;
  return out;
}

function withoutServers(lb: LoadBalancer): unknown {
  const { servers: _servers, ...settings } = lb;
  return settings;
}

function differingField(a: unknown, b: unknown): string | undefined {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return undefined;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.find((k) => !configEquals((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function show(value: unknown, field: string): string {
  const v = (value as Record<string, unknown>)[field];
  return v === undefined ? 'unset' : JSON.stringify(v);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
