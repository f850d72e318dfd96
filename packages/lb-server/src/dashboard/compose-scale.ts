/**
 * Scales a compose service (`com.docker.compose.project` + `…service` labels) up or down without
 * the compose CLI, as `docker compose up --scale` would:
 *
 * - up: each new replica is created from an existing replica's configuration (`inspect`): same
 *   image, command, environment, labels (with the next `container-number`), health check, host
 *   settings (published ports become ephemeral, so replicas never fight over a host port) and
 *   networks with their aliases; named `<project>-<service>-<n>` (compose v2) or
 *   `<project>_<service>_<n>` when the existing replicas use v1's underscores; then started.
 * - down: the highest-numbered replicas go first. Each is drained (an operator drain on its
 *   servers, so no new request reaches it), given until its in-flight count is 0 or
 *   `drainTimeoutMs` passes, then stopped and removed; its drain overrides are then forgotten
 *   so a future replica with the same number starts clean.
 */
import type Dockerode from 'dockerode';
import type { Runtime } from '../runtime/runtime';
import { COMPOSE_LABELS, composeIdentity } from '../containers/compose';
import { engineError, STOP_TIMEOUT_SECONDS, type ContainerClient } from './containers';
import { dashboardError } from './errors';
import { createReplicaOptions, replicaName } from './replica-config';

/** The most replicas a scale action may ask for. */
export const MAX_REPLICAS = 50;

/** What scaling needs besides Docker. */
export interface ScaleDeps {
  readonly docker: ContainerClient;
  readonly runtime: () => Runtime;
  /** Drains (`true`) or forgets the drain of (`false`) one server; the override store. */
  readonly drain: (service: string, server: string, draining: boolean) => void;
  /** How long a drained replica may keep requests in flight before it is stopped. Default 10 s. */
  readonly drainTimeoutMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** The outcome of a scale action. */
export interface ScaleResult {
  readonly project: string;
  readonly service: string;
  readonly from: number;
  readonly to: number;
  readonly created: readonly string[];
  readonly removed: readonly string[];
}

type Info = Dockerode.ContainerInfo;

const numberOf = (c: Info): number => Number(c.Labels[COMPOSE_LABELS.containerNumber] ?? 0) || 0;

/** `(service, serverId)` pairs of the runtime that point at `container` (by compose id, name or address). */
export function serversOfContainer(runtime: Runtime, c: Info): { service: string; server: string }[] {
  const name = (c.Names?.[0] ?? '').replace(/^\//, '');
  const ids = new Set([name, c.Id]);
  const compose = composeIdentity({ labels: c.Labels });
  if (compose?.number !== undefined) ids.add(`${compose.project}/${compose.service}/${compose.number}`);
  const ips = new Set(
    Object.values(c.NetworkSettings?.Networks ?? {})
      .map((n) => n.IPAddress)
      .filter((ip) => ip !== ''),
  );
  const out: { service: string; server: string }[] = [];
  for (const service of runtime.services.values()) {
    if (service.kind !== 'loadBalancer') continue;
    for (const s of service.servers) {
      let host = '';
      try {
        host = new URL(s.url).hostname;
      } catch {
        // ignore: not a URL
      }
      if (ids.has(s.id) || ips.has(host)) out.push({ service: service.name, server: s.id });
    }
  }
  return out;
}

/** Scales compose service `service` of `project` to `replicas` containers (see module comment). */
export async function scaleComposeService(
  deps: ScaleDeps,
  project: string,
  service: string,
  replicas: number,
): Promise<ScaleResult> {
  if (!Number.isInteger(replicas) || replicas < 0 || replicas > MAX_REPLICAS) {
    throw dashboardError('DASH_BAD_REQUEST', `replicas must be an integer from 0 to ${MAX_REPLICAS}`);
  }
  let existing: Info[];
  try {
    existing = await deps.docker.listContainers({
      all: true,
      filters: { label: [`${COMPOSE_LABELS.project}=${project}`, `${COMPOSE_LABELS.service}=${service}`] },
    });
  } catch (error) {
    throw engineError(error, 'list containers');
  }
  if (existing.length === 0)
    throw dashboardError('DASH_NOT_FOUND', `compose service ${project}/${service} has no container to copy`);
  existing.sort((a, b) => numberOf(a) - numberOf(b));
  const from = existing.length;
  const created: string[] = [];
  const removed: string[] = [];
  if (replicas > from) {
    const template = existing.find((c) => c.State === 'running') ?? existing[0]!;
    const info = await deps.docker
      .getContainer(template.Id)
      .inspect()
      .catch((e: unknown) => {
        throw engineError(e, `inspect ${template.Id}`);
      });
    let next = Math.max(...existing.map(numberOf), 0);
    for (let i = from; i < replicas; i++) {
      next += 1;
      created.push(await createReplica(deps.docker, info, project, service, next));
    }
  } else if (replicas < from) {
    const victims = existing.slice(replicas).reverse();
    await Promise.all(
      victims.map(async (c) => {
        await retire(deps, c);
        removed.push((c.Names?.[0] ?? c.Id).replace(/^\//, ''));
      }),
    );
  }
  return { project, service, from, to: replicas, created, removed };
}

async function createReplica(
  docker: ContainerClient,
  info: Dockerode.ContainerInspectInfo,
  project: string,
  service: string,
  n: number,
): Promise<string> {
  const name = replicaName(info.Name.replace(/^\//, ''), project, service, n);
  const { create, extraNetworks } = createReplicaOptions(info, name, n);
  try {
    const container = await docker.createContainer(create);
    for (const [network, endpoint] of extraNetworks)
      await docker.getNetwork(network).connect({ Container: container.id, EndpointConfig: endpoint });
    await container.start();
    return name;
  } catch (error) {
    throw engineError(error, `create replica ${name}`);
  }
}

async function retire(deps: ScaleDeps, c: Info): Promise<void> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const servers = serversOfContainer(deps.runtime(), c);
  for (const s of servers) deps.drain(s.service, s.server, true);
  const deadline = Date.now() + (deps.drainTimeoutMs ?? 10_000);
  while (servers.length > 0 && Date.now() < deadline && inFlight(deps.runtime(), servers) > 0) await sleep(100);
  const container = deps.docker.getContainer(c.Id);
  try {
    if (c.State === 'running') await container.stop({ t: STOP_TIMEOUT_SECONDS });
    await container.remove({ force: true });
  } catch (error) {
    throw engineError(error, `remove ${c.Id}`);
  } finally {
    for (const s of servers) deps.drain(s.service, s.server, false);
  }
}

function inFlight(runtime: Runtime, servers: readonly { service: string; server: string }[]): number {
  let total = 0;
  for (const { service, server } of servers) {
    const s = runtime.services.get(service);
    if (s?.kind !== 'loadBalancer') continue;
    total += s.balancer.servers().find((x) => x.id === server)?.inFlight ?? 0;
  }
  return total;
}
