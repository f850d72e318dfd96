/**
 * Where a container's server listens (traefik `pkg/provider/docker/config.go` `getIPPort`):
 * - the container's IP on the chosen network: the `traefik.docker.network` label, else
 *   `--providers.docker.network`, else the container's only network. Unlike Traefik, which falls
 *   back to "the first" network (map order, so effectively random), an unknown network or a
 *   container on several networks with none chosen is an error naming the candidates;
 * - `host` network mode: `127.0.0.1`; `container:<id>` mode: the other container's address;
 * - with `useBindPortIP`, the published `HostIp:HostPort` of that port (`0.0.0.0` → `127.0.0.1`,
 *   `::` → `::1`), falling back to the container address when the port is not published (Traefik).
 * The port is the label's, else the single exposed TCP port; several exposed ports and no label
 * is an error (Traefik would silently take the lowest).
 */
import type { DockerContainer } from './container';
import { dockerError, type DockerConfigError } from './errors';

/** What the labels and options say about the address of one server. */
export interface AddressRequest {
  /** The port label's value, when given. */
  readonly port: number | undefined;
  /** The label that sets the port (named in errors). */
  readonly portLabel: string;
  /** The network chosen by label or option, with the label key when a label chose it. */
  readonly network: { readonly name: string; readonly label?: string } | undefined;
  readonly useBindPortIP: boolean;
}

/** A resolved address. */
export interface ServerAddress {
  /** Host part ready for a URL (IPv6 in brackets). */
  readonly host: string;
  readonly port: number;
}

/** Resolves one server address, or returns the error that disables the container. */
export function resolveAddress(
  container: DockerContainer,
  request: AddressRequest,
  all: readonly DockerContainer[],
): ServerAddress | DockerConfigError {
  const owner = networkOwner(container, all);
  if ('code' in owner) return owner;
  const port = request.port ?? exposedPort(container, owner, request.portLabel);
  if (typeof port !== 'number') return port;
  if (request.useBindPortIP) {
    const bound = binding(container, port);
    if (bound !== undefined) return bound;
  }
  if (owner.networkMode === 'host') return { host: '127.0.0.1', port };
  const ip = networkAddress(container, owner, request.network);
  if (typeof ip !== 'string') return ip;
  return { host: ip.includes(':') ? `[${ip}]` : ip, port };
}

/** The container whose network stack serves `container` (itself, or the `container:<id>` target). */
function networkOwner(
  container: DockerContainer,
  all: readonly DockerContainer[],
): DockerContainer | DockerConfigError {
  if (!container.networkMode.startsWith('container:')) return container;
  const ref = container.networkMode.slice('container:'.length);
  const owner = all.find((c) => c.id === ref || c.name === ref || (ref.length >= 12 && c.id.startsWith(ref)));
  if (owner !== undefined && !owner.networkMode.startsWith('container:')) return owner;
  return dockerError('LB_DOCKER_NETWORK', `uses the network of container ${ref}, which is not running`, {
    container: container.name,
  });
}

function exposedPort(
  container: DockerContainer,
  owner: DockerContainer,
  portLabel: string,
): number | DockerConfigError {
  const ports = [
    ...new Set(
      [...container.ports, ...(owner === container ? [] : owner.ports)]
        .filter((p) => p.type === 'tcp')
        .map((p) => p.privatePort),
    ),
  ].sort((a, b) => a - b);
  const [only] = ports;
  if (ports.length === 1 && only !== undefined) return only;
  const why = ports.length === 0 ? 'exposes no TCP port' : `exposes several TCP ports (${ports.join(', ')})`;
  return dockerError(
    'LB_DOCKER_PORT',
    `no port to route to: the container ${why}; set the port with the label ${portLabel}`,
    { container: container.name, label: portLabel },
  );
}

function binding(container: DockerContainer, port: number): ServerAddress | undefined {
  const published = container.ports.filter(
    (p) => p.type === 'tcp' && p.privatePort === port && p.hostPort !== undefined,
  );
  const chosen = published.find((p) => !(p.hostIp ?? '').includes(':')) ?? published[0];
  if (chosen?.hostPort === undefined) return undefined;
  const ip = chosen.hostIp ?? '';
  const host = ip === '' || ip === '0.0.0.0' ? '127.0.0.1' : ip === '::' ? '[::1]' : ip.includes(':') ? `[${ip}]` : ip;
  return { host, port: chosen.hostPort };
}

function networkAddress(
  container: DockerContainer,
  owner: DockerContainer,
  chosen: AddressRequest['network'],
): string | DockerConfigError {
  const where = { container: container.name, ...(chosen?.label === undefined ? {} : { label: chosen.label }) };
  if (owner.networkMode === 'none')
    return dockerError('LB_DOCKER_NETWORK', 'has network mode none: it cannot be reached', where);
  const names = owner.networks.map((n) => n.name);
  let network = owner.networks[0];
  if (chosen !== undefined) {
    network = owner.networks.find((n) => n.name === chosen.name);
    if (network === undefined) {
      const source = chosen.label === undefined ? '--providers.docker.network' : 'the label';
      return dockerError(
        'LB_DOCKER_NETWORK',
        `network '${chosen.name}' (from ${source}) is not one of the container's networks (${names.join(', ') || 'none'})`,
        where,
      );
    }
  } else if (owner.networks.length !== 1) {
    const why =
      owner.networks.length === 0
        ? 'is attached to no network'
        : `is attached to several networks (${names.join(', ')})`;
    return dockerError(
      'LB_DOCKER_NETWORK',
      `${why}: choose one with the label traefik.docker.network or --providers.docker.network`,
      where,
    );
  }
  if (network === undefined || network.ip === '') {
    return dockerError('LB_DOCKER_NETWORK', `has no IP address on network '${network?.name ?? '?'}'`, where);
  }
  return network.ip;
}
