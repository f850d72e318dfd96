/**
 * The plain container record the label translation works on: only what routing needs, taken
 * from one `GET /containers/json` entry (no per-container inspect), so the translation is a pure
 * function that tests feed with literals.
 */
import { healthFromStatus, type ContainerHealth } from '../../containers/health';

/** One network the container is attached to. */
export interface ContainerNetwork {
  /** The network's name, e.g. `lab_default`. */
  readonly name: string;
  /** IPv4 address, else the global IPv6 address, else `''`. */
  readonly ip: string;
}

/** One exposed container port, with its host binding when published. */
export interface ContainerPort {
  readonly privatePort: number;
  readonly type: 'tcp' | 'udp' | 'sctp';
  /** Published host address (`0.0.0.0`, `127.0.0.1`, `::`), when published. */
  readonly hostIp?: string;
  readonly hostPort?: number;
}

/** A container as the Docker provider sees it. */
export interface DockerContainer {
  readonly id: string;
  /** The name without Docker's leading `/`, e.g. `lab_dynamic_1`. */
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Docker's state: `running`, `paused`, `restarting`, `exited`… */
  readonly state: string;
  readonly health: ContainerHealth;
  /** Creation time (epoch seconds); older definitions win conflicts. */
  readonly created: number;
  /** `HostConfig.NetworkMode`: `default`, `bridge`, `host`, `none`, `container:<id>` or a network name. */
  readonly networkMode: string;
  readonly networks: readonly ContainerNetwork[];
  readonly ports: readonly ContainerPort[];
  /** Set by the provider between a container's `kill` event and its `die`. */
  readonly draining?: boolean;
  /** Stable server id when the record is not a plain container (a Swarm task: `<stack>/<service>/<slot>`). */
  readonly serverId?: string;
  /** The record contributes its routers and services but no server (a Swarm service with no running task). */
  readonly serverless?: boolean;
}

/** The subset of dockerode's `ContainerInfo` the mapping reads (structural, so tests need no dockerode). */
export interface ContainerListEntry {
  readonly Id: string;
  readonly Names?: readonly string[];
  readonly Labels?: Readonly<Record<string, string>> | null;
  readonly State?: string;
  readonly Status?: string;
  readonly Created?: number;
  readonly HostConfig?: { readonly NetworkMode?: string };
  readonly NetworkSettings?: {
    readonly Networks?: Readonly<
      Record<string, { readonly IPAddress?: string; readonly GlobalIPv6Address?: string } | null>
    > | null;
  } | null;
  readonly Ports?:
    | readonly {
        readonly IP?: string;
        readonly PrivatePort: number;
        readonly PublicPort?: number;
        readonly Type: string;
      }[]
    | null;
}

/** Maps one `GET /containers/json` entry to a {@link DockerContainer}. */
export function fromListEntry(entry: ContainerListEntry): DockerContainer {
  const networks = Object.entries(entry.NetworkSettings?.Networks ?? {})
    .map(([name, n]) => ({
      name,
      ip: n?.IPAddress !== undefined && n.IPAddress !== '' ? n.IPAddress : (n?.GlobalIPv6Address ?? ''),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const ports: ContainerPort[] = [];
  for (const p of entry.Ports ?? []) {
    const type = p.Type === 'udp' || p.Type === 'sctp' ? p.Type : 'tcp';
    ports.push(
      p.PublicPort === undefined || p.PublicPort === 0
        ? { privatePort: p.PrivatePort, type }
        : { privatePort: p.PrivatePort, type, hostIp: p.IP ?? '', hostPort: p.PublicPort },
    );
  }
  return {
    id: entry.Id,
    // Names also lists link aliases (`/other/alias`); the container's own name has one slash.
    name: (entry.Names?.find((n) => n.lastIndexOf('/') === 0) ?? entry.Names?.[0] ?? entry.Id).replace(/^\//, ''),
    labels: entry.Labels ?? {},
    state: entry.State ?? 'running',
    health: healthFromStatus(entry.Status),
    created: entry.Created ?? 0,
    networkMode: entry.HostConfig?.NetworkMode ?? 'default',
    networks,
    ports,
  };
}
