/**
 * A stack on the tests' swarm: a compose file written for the test (YAML), deployed with `docker
 * stack deploy --resolve-image never` as users deploy theirs, then driven with the CLI as they
 * would (`docker service scale`, `docker service update --force`, `--image`). Convergence is read
 * from the engine (tasks running, their containers healthy where a HEALTHCHECK exists).
 *
 * Nothing here sends a request to a task's or a VIP's overlay address: the host has no route to
 * them and such traffic leaves the machine. Junction is reached only through its host-mode
 * published ports on 127.0.0.1 (see `swarm-load.ts`).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import Docker from 'dockerode';
import { parse, stringify } from 'yaml';
import { docker, removeLeakedVxlans } from './swarm-engine';

/** A compose service as the tests write it (compose file format 3.8). */
export type StackService = Record<string, unknown>;

/** A task of a service, as the engine lists it. */
export interface SwarmTask {
  readonly id: string;
  readonly slot: number;
  readonly state: string;
  readonly desired: string;
  /** Its container's hostname (the first 12 characters of the container id), as the test app answers it. */
  readonly hostname: string;
  readonly containerId: string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A /24 for a stack's overlay network, unique per run and per `index` (and outside the swarm's
 * default pool, 10.0.0.0/16 first). An overlay network created right after another with the same
 * subnet was removed fails its tasks with "error creating vxlan interface: file exists" (the old
 * VXLAN interface is not gone yet), so no two stacks of a run share one.
 */
export function stackSubnet(run: string, index: number): string {
  let hash = 0;
  for (const c of run) hash = (hash * 31 + c.charCodeAt(0)) % 250;
  return `10.${200 + index}.${hash + 1}.0/24`;
}

/** A deployed stack (see module comment). */
export class SwarmStack {
  readonly name: string;
  readonly docker: Docker;
  readonly #dir: string;
  readonly #subnet: string | undefined;

  /** `subnet`: the overlay network's (see {@link stackSubnet}); the swarm's pool picks one when omitted. */
  constructor(name: string, socketPath: string, subnet?: string) {
    this.name = name;
    this.docker = new Docker({ socketPath });
    this.#subnet = subnet;
    this.#dir = mkdtempSync(join(tmpdir(), `junction-swarm-${name}-`));
  }

  /** The swarm service name of compose service `service`. */
  service(service: string): string {
    return `${this.name}_${service}`;
  }

  /** The stack's overlay network (`<stack>_net`). */
  get network(): string {
    return `${this.name}_net`;
  }

  /** Writes the compose file and deploys it (again, to change it). */
  deploy(services: Record<string, StackService>, labels: Record<string, string>): void {
    const file = join(this.#dir, 'stack.yml');
    const ipam = this.#subnet === undefined ? {} : { ipam: { config: [{ subnet: this.#subnet }] } };
    writeFileSync(
      file,
      stringify({ version: '3.8', services, networks: { net: { driver: 'overlay', labels, ...ipam } } }),
    );
    docker(['stack', 'deploy', '--resolve-image', 'never', '--prune', '-c', file, this.name]);
  }

  /**
   * Deploys a compose file users run (`docker stack deploy` substitutes `env` in it), derived only
   * as far as a test needs: network `network` gets the stack's subnet, when it has one.
   */
  deployFile(path: string, env: Record<string, string>, network: string): void {
    const doc = parse(readFileSync(path, 'utf8')) as { networks?: Record<string, Record<string, unknown>> };
    const net = doc.networks?.[network];
    if (net === undefined) throw new Error(`${path} has no network ${network}`);
    if (this.#subnet !== undefined) net.ipam = { config: [{ subnet: this.#subnet }] };
    const file = join(this.#dir, basename(path));
    writeFileSync(file, stringify(doc));
    docker(['stack', 'deploy', '--resolve-image', 'never', '--prune', '-c', file, this.name], 120_000, env);
  }

  /** `docker service scale <stack>_<service>=<n>` (detached; wait with {@link converged}). */
  scale(service: string, replicas: number): void {
    docker(['service', 'scale', '--detach', `${this.service(service)}=${replicas}`]);
  }

  /** `docker service update --detach --no-resolve-image …args <stack>_<service>`. */
  update(service: string, ...args: string[]): void {
    docker(['service', 'update', '--detach', '--no-resolve-image', ...args, this.service(service)]);
  }

  /** The tasks the swarm wants running, with their states. */
  async tasks(service: string): Promise<SwarmTask[]> {
    const list = await this.docker.listTasks({
      filters: { service: [this.service(service)], 'desired-state': ['running'] },
    });
    return list.map((t) => {
      const containerId = String(t.Status?.ContainerStatus?.ContainerID ?? '');
      return {
        id: String(t.ID),
        slot: Number(t.Slot ?? 0),
        state: String(t.Status?.State ?? ''),
        desired: String(t.DesiredState ?? ''),
        containerId,
        hostname: containerId.slice(0, 12),
      };
    });
  }

  /** Running tasks whose container is healthy (or has no HEALTHCHECK). */
  async ready(service: string): Promise<SwarmTask[]> {
    const out: SwarmTask[] = [];
    for (const task of await this.tasks(service)) {
      if (task.state !== 'running' || task.containerId === '') continue;
      const info = await this.docker
        .getContainer(task.containerId)
        .inspect()
        .catch(() => undefined);
      const health = info?.State.Health?.Status;
      if (info?.State.Running === true && (health === undefined || health === 'healthy')) out.push(task);
    }
    return out;
  }

  /**
   * Waits until exactly `replicas` tasks are ready and no other task of the service still runs
   * (an update or a scale-down has finished); returns the ready ones.
   */
  async converged(service: string, replicas: number, timeoutMs = 120_000): Promise<SwarmTask[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ready = await this.ready(service);
      const all = await this.docker.listTasks({ filters: { service: [this.service(service)] } });
      const stillRunning = all.filter((t) => t.Status?.State === 'running' && t.DesiredState !== 'running').length;
      const update = (await this.docker.getService(this.service(service)).inspect()).UpdateStatus?.State as
        string | undefined;
      if (ready.length === replicas && stillRunning === 0 && (update === undefined || update === 'completed'))
        return ready;
      if (Date.now() > deadline)
        throw new Error(
          `${this.service(service)} did not converge to ${replicas} ready tasks within ${timeoutMs / 1000} s: ${ready.length} ready, ${stillRunning} shutting down, update ${update ?? 'none'}; tasks:\n${this.ps(service)}`,
        );
      await sleep(250);
    }
  }

  /**
   * When each container first reported `health_status: healthy` between `sinceMs` and now
   * (engine events, `Date.now()` scale): container id → ms.
   */
  async firstHealthy(sinceMs: number): Promise<Map<string, number>> {
    const stream = (await this.docker.getEvents({
      since: Math.floor(sinceMs / 1000),
      until: Math.ceil(Date.now() / 1000) + 1,
      filters: { type: ['container'] },
    })) as NodeJS.ReadableStream;
    let text = '';
    for await (const chunk of stream) text += chunk.toString();
    const first = new Map<string, number>();
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const e = JSON.parse(line) as { Action?: string; Actor?: { ID?: string }; timeNano?: number | string };
      const id = e.Actor?.ID;
      if (e.Action !== 'health_status: healthy' || id === undefined || first.has(id)) continue;
      first.set(id, Number(BigInt(String(e.timeNano ?? 0)) / 1_000_000n));
    }
    return first;
  }

  /** `docker service ps` of a service, errors untruncated (for a failure message). */
  ps(service: string): string {
    try {
      return docker(
        [
          'service',
          'ps',
          '--no-trunc',
          '--format',
          '{{.Name}} {{.CurrentState}} desired {{.DesiredState}} {{.Error}}',
          this.service(service),
        ],
        20_000,
      );
    } catch (error) {
      return String(error);
    }
  }

  /** The last lines of a service's logs (for a failure message). */
  logs(service: string, lines = 60): string {
    try {
      return docker(['service', 'logs', '--no-trunc', '--raw', '--tail', String(lines), this.service(service)], 20_000);
    } catch (error) {
      return String(error);
    }
  }

  /** `docker stack rm`, then waits until its services, containers and network are gone; removes its volumes. */
  async remove(timeoutMs = 60_000): Promise<void> {
    docker(['stack', 'rm', this.name]);
    const deadline = Date.now() + timeoutMs;
    const label = `com.docker.stack.namespace=${this.name}`;
    while (Date.now() < deadline) {
      const containers = await this.docker.listContainers({ all: true, filters: { label: [label] } });
      const networks = await this.docker.listNetworks({ filters: { label: [label] } });
      if (containers.length === 0 && networks.length === 0) break;
      await sleep(250);
    }
    const leaked = removeLeakedVxlans();
    if (leaked.length > 0)
      console.log(`[swarm] removed VXLAN interfaces ${this.name}'s network left behind: ${leaked.join(', ')}`);
    // `docker stack rm` leaves named volumes behind.
    const { Volumes: volumes } = await this.docker.listVolumes({ filters: { label: [label] } });
    for (const volume of volumes ?? [])
      await this.docker
        .getVolume(volume.Name)
        .remove()
        .catch(() => undefined);
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
