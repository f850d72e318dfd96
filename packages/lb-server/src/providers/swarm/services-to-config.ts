/**
 * The Swarm provider's pure translation: services, tasks, networks (and the health of this node's
 * task containers) → `{ config, errors }` (traefik `pkg/provider/docker/pswarm.go`). Each running
 * task becomes one record in the Docker provider's container shape, carrying its service's labels
 * (compose `deploy.labels`), its addresses on the service's networks and a stable server id, and
 * the whole set goes through the Docker provider's {@link containersToConfig}: the same v1 and
 * v2/v3 labels, automatic linking, merging (the tasks of a service pool into one service) and
 * errors, which are then worded per service.
 *
 * - Names: Traefik's, the swarm service name normalized (`lab_jokes` → service `lab-jokes`, rule
 *   ``Host(`lab-jokes`)`` by default). Server ids: `<stack>/<service>/<slot>` for a stack's
 *   replicated service (`lab/jokes/2`), `<service>/<slot>` otherwise, the node id instead of the
 *   slot for a global service: a task replaced by a rolling update keeps its id, so sticky
 *   clients keep their slot.
 * - Servers: tasks whose state is `running` (swarm keeps a task with a health check `starting`
 *   until it passes); a running task told to shut down (desired state no longer `running`: a
 *   scale-down or the old side of a rolling update) stays as `draining` until it stops; a task
 *   container on this node whose health check says `unhealthy` is kept with `available: false`.
 *   The `ingress` network never serves (nothing but the routing mesh can use it).
 * - `lbswarm`: one server, the service's virtual IP on the chosen network (endpoint mode `vip`).
 * - A service without a running task is left out, or with `allowEmptyServices` kept with no
 *   server (its routers answer 503 rather than 404).
 */
import type { ContainerHealth } from '../../containers/health';
import type { ContainerNetwork, DockerContainer } from '../docker/container';
import {
  containersToConfig,
  type DockerTranslateError,
  type DockerTranslateOptions,
  type DockerTranslation,
} from '../docker/containers-to-config';
import { parseConstraints, type LabelConstraint } from '../docker/constraints';
import { dockerError } from '../docker/errors';
import { PROVIDER_LABELS } from '../docker/labels';
import {
  STACK_NAMESPACE_LABEL,
  TASK_RUNNING,
  withoutMask,
  type SwarmNetworkEntry,
  type SwarmServiceEntry,
  type SwarmTaskEntry,
} from './swarm-api';
import { readSwarmLabels } from './swarm-labels';
import { swarmWording } from './swarm-errors';

/** What one listing of the engine returned. */
export interface SwarmSnapshot {
  readonly services: readonly SwarmServiceEntry[];
  readonly tasks: readonly SwarmTaskEntry[];
  readonly networks: readonly SwarmNetworkEntry[];
  /** Health of the task containers on this node, by container id (others: `none`). */
  readonly health?: ReadonlyMap<string, ContainerHealth>;
}

/** Translates a swarm snapshot (see module comment); `draining` holds task ids the provider saw stopping. */
export function servicesToConfig(
  snapshot: SwarmSnapshot,
  options: DockerTranslateOptions,
  draining: ReadonlySet<string> = new Set(),
): DockerTranslation {
  const networks = networkNames(snapshot);
  const tasksOf = new Map<string, SwarmTaskEntry[]>();
  for (const task of snapshot.tasks) tasksOf.set(task.ServiceID, [...(tasksOf.get(task.ServiceID) ?? []), task]);
  const records: DockerContainer[] = [];
  const errors: DockerTranslateError[] = [];
  const networkLabels = new Map<string, string>();
  const selected = selector(options);
  for (const service of snapshot.services) {
    const name = service.Spec.Name;
    // A service Junction does not expose is not checked for swarm label errors either (Traefik ignores it).
    if (!selected(service.Spec.Labels ?? {})) continue;
    const read = readSwarmLabels(name, service.Spec.Labels ?? {});
    if (read.errors.length > 0) {
      errors.push(...read.errors);
      continue;
    }
    if (read.networkLabel !== undefined) networkLabels.set(name, read.networkLabel);
    const base = {
      name,
      labels: read.labels,
      state: 'running',
      created: createdSeconds(service),
      networkMode: 'default',
      ports: [],
    };
    if (read.lbswarm) {
      if ((service.Spec.EndpointSpec?.Mode ?? 'vip') !== 'vip') {
        errors.push(
          dockerError(
            'LB_DOCKER_NETWORK',
            `endpoint mode ${service.Spec.EndpointSpec?.Mode ?? '?'} has no virtual IP: remove the lbswarm label or use endpoint mode vip`,
            { container: name, label: 'traefik.swarm.lbswarm' },
          ),
        );
        continue;
      }
      const vips = (service.Endpoint?.VirtualIPs ?? []).map((v) => ({ id: v.NetworkID, ip: withoutMask(v.Addr) }));
      records.push({
        ...base,
        id: service.ID,
        health: 'none',
        networks: onNetworks(vips, networks),
        serverId: serviceId(service),
      });
      continue;
    }
    const running = (tasksOf.get(service.ID) ?? []).filter((t) => t.Status?.State === TASK_RUNNING).sort(byPlace);
    for (const task of running) {
      const attachments = (task.NetworksAttachments ?? []).flatMap((a) =>
        (a.Addresses ?? []).slice(0, 1).map((cidr) => ({ id: a.Network.ID, ip: withoutMask(cidr) })),
      );
      const containerId = task.Status?.ContainerStatus?.ContainerID ?? '';
      const stopping = (task.DesiredState ?? TASK_RUNNING) !== TASK_RUNNING || draining.has(task.ID);
      records.push({
        ...base,
        id: task.ID,
        health: snapshot.health?.get(containerId) ?? 'none',
        networks: onNetworks(attachments, networks),
        serverId: `${serviceId(service)}/${task.Slot !== undefined && task.Slot > 0 ? task.Slot : (task.NodeID ?? task.ID)}`,
        ...(stopping ? { draining: true } : {}),
      });
    }
    if (running.length === 0 && options.allowEmptyServices === true)
      records.push({ ...base, id: service.ID, health: 'none', networks: [], serverless: true });
  }
  const translated = containersToConfig(records, { provider: 'swarm', ...options });
  return { config: translated.config, errors: swarmWording([...errors, ...translated.errors], networkLabels) };
}

/** The stable part of server ids: `<stack>/<service>` for a stack's service, else the service name. */
export function serviceId(service: SwarmServiceEntry): string {
  const name = service.Spec.Name;
  const stack = service.Spec.Labels?.[STACK_NAMESPACE_LABEL];
  return stack !== undefined && stack !== '' && name.startsWith(`${stack}_`)
    ? `${stack}/${name.slice(stack.length + 1)}`
    : name;
}

/** True for a service that may be exposed: enabled (`traefik.enable`, else `exposedByDefault`) and matching the constraints. */
function selector(options: DockerTranslateOptions): (labels: Readonly<Record<string, string>>) => boolean {
  let constraint: LabelConstraint;
  try {
    constraint = parseConstraints(options.constraints);
  } catch {
    return () => true; // the translation reports the expression
  }
  return (labels) => {
    const enable = Object.entries(labels)
      .find(([key]) => key.toLowerCase() === PROVIDER_LABELS.enable)?.[1]
      .trim()
      .toLowerCase();
    // A value that is not a boolean is let through: the translation reports it.
    const off = enable === undefined ? !options.exposedByDefault : ['0', 'f', 'false'].includes(enable);
    return !off && constraint(labels);
  };
}

interface NetworkName {
  readonly name: string;
  readonly ingress: boolean;
}

/** Network id → name, from the network listing and from the tasks' own attachments. */
function networkNames(snapshot: SwarmSnapshot): Map<string, NetworkName> {
  const names = new Map<string, NetworkName>();
  for (const n of snapshot.networks)
    names.set(n.Id, { name: n.Name, ingress: n.Ingress === true || n.Name === 'ingress' });
  for (const task of snapshot.tasks) {
    for (const a of task.NetworksAttachments ?? []) {
      const name = a.Network.Spec?.Name;
      if (name !== undefined && !names.has(a.Network.ID))
        names.set(a.Network.ID, { name, ingress: a.Network.Spec?.Ingress === true || name === 'ingress' });
    }
  }
  return names;
}

/** Named addresses, without the ingress network, sorted by network name. */
function onNetworks(
  addresses: readonly { readonly id: string; readonly ip: string }[],
  names: ReadonlyMap<string, NetworkName>,
): ContainerNetwork[] {
  const out: ContainerNetwork[] = [];
  for (const { id, ip } of addresses) {
    const network = names.get(id);
    if (network?.ingress === true) continue;
    out.push({ name: network?.name ?? id, ip });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function createdSeconds(service: SwarmServiceEntry): number {
  const ms = service.CreatedAt === undefined ? Number.NaN : Date.parse(service.CreatedAt);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : 0;
}

/** Slot order, then node, then task id: a stable server order from listing to listing. */
function byPlace(a: SwarmTaskEntry, b: SwarmTaskEntry): number {
  return (a.Slot ?? 0) - (b.Slot ?? 0) || cmp(a.NodeID ?? '', b.NodeID ?? '') || cmp(a.ID, b.ID);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
