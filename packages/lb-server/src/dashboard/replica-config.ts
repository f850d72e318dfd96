/**
 * Derives a new compose replica's create options from an existing replica's `inspect`: the
 * replica's own identity (hostname, container-specific aliases, fixed host ports) is dropped,
 * everything that defines the service (image, command, env, labels, health check, mounts,
 * restart policy, networks with the service aliases) is kept. Pure, so it is table-tested.
 */
import type Dockerode from 'dockerode';
import { COMPOSE_LABELS } from '../containers/compose';

/** Host settings copied to a new replica (the rest are engine defaults). */
const HOST_FIELDS = [
  'Binds',
  'Mounts',
  'NetworkMode',
  'RestartPolicy',
  'ExtraHosts',
  'Init',
  'LogConfig',
  'CapAdd',
  'CapDrop',
  'Memory',
  'NanoCpus',
  'CpuShares',
  'Tmpfs',
  'ReadonlyRootfs',
  'SecurityOpt',
  'Privileged',
  'Dns',
  'Sysctls',
  'Ulimits',
  'ShmSize',
] as const;

/** The name of replica `n`: compose v1 style (`p_s_1`) when the template is named so, else v2 (`p-s-1`). */
export function replicaName(templateName: string, project: string, service: string, n: number): string {
  return /^.+_.+_\d+$/.test(templateName) && templateName.startsWith(`${project}_${service}_`)
    ? `${project}_${service}_${n}`
    : `${project}-${service}-${n}`;
}

/** Published ports with their host port cleared (Docker then picks a free one). */
function ephemeralPorts(bindings: Dockerode.PortMap | undefined): Dockerode.PortMap | undefined {
  if (bindings === undefined || bindings === null) return undefined;
  const out: Dockerode.PortMap = {};
  for (const [port, list] of Object.entries(bindings)) {
    out[port] = (list ?? []).map((b: { HostIp?: string }) => ({ HostIp: b.HostIp ?? '', HostPort: '' }));
  }
  return out;
}

/** Create options for replica `n` named `name`, and the networks to connect after creation. */
export function createReplicaOptions(
  info: Dockerode.ContainerInspectInfo,
  name: string,
  n: number,
): { create: Dockerode.ContainerCreateOptions; extraNetworks: [string, Dockerode.EndpointSettings][] } {
  const source = info.HostConfig as unknown as Record<string, unknown>;
  const host: Record<string, unknown> = {};
  for (const field of HOST_FIELDS)
    if (source[field] !== undefined && source[field] !== null) host[field] = source[field];
  const ports = ephemeralPorts(info.HostConfig.PortBindings as Dockerode.PortMap | undefined);
  if (ports !== undefined) host.PortBindings = ports;

  const shortId = info.Id.slice(0, 12);
  const own = new Set([shortId, info.Id, info.Name.replace(/^\//, ''), info.Config.Hostname]);
  const networkMode = String(host.NetworkMode ?? '');
  const sharesStack = networkMode === 'host' || networkMode === 'none' || networkMode.startsWith('container:');
  const endpoints: [string, Dockerode.EndpointSettings][] = sharesStack
    ? []
    : Object.entries(info.NetworkSettings.Networks ?? {}).map(([net, ep]) => {
        const aliases = (ep.Aliases ?? []).filter((a: string) => !own.has(a));
        return [net, aliases.length > 0 ? { Aliases: aliases } : {}];
      });
  const [first, ...rest] = endpoints;

  const config = info.Config as typeof info.Config & { StopSignal?: string };
  const create: Dockerode.ContainerCreateOptions = {
    name,
    Image: config.Image,
    Env: config.Env ?? [],
    Labels: { ...config.Labels, [COMPOSE_LABELS.containerNumber]: String(n) },
    ...(config.Cmd ? { Cmd: config.Cmd } : {}),
    ...(config.Entrypoint ? { Entrypoint: config.Entrypoint as string | string[] } : {}),
    ...(config.WorkingDir ? { WorkingDir: config.WorkingDir } : {}),
    ...(config.User ? { User: config.User } : {}),
    ...(config.ExposedPorts ? { ExposedPorts: config.ExposedPorts } : {}),
    ...(config.StopSignal ? { StopSignal: config.StopSignal } : {}),
    ...(config.Healthcheck ? { Healthcheck: config.Healthcheck } : {}),
    Tty: config.Tty,
    HostConfig: host as Dockerode.HostConfig,
    ...(first === undefined ? {} : { NetworkingConfig: { EndpointsConfig: { [first[0]]: first[1] } } }),
  };
  return { create, extraNetworks: rest };
}
