/**
 * The providers the static configuration turns on (the file provider, the Docker provider, the
 * Swarm provider) and the Docker client when the Docker provider is on, shared with the
 * dashboard's container actions. The Docker side is loaded only when one of the two is on.
 */
import { validateDynamicConfig, type DynamicConfig } from '@junction/lb-core';
import type Dockerode from 'dockerode';
import type { Logger } from '../log';
import type { StaticOptions } from '../options';
import { FileProvider } from '../providers/file/file-provider';
import type { Provider } from '../providers/provider';
import type { DrainEvent } from '../providers/docker/docker-provider';
import type { DrainSink } from './drain-sink';

/** The providers, and the Docker client when the Docker provider is on (shared with the dashboard's compose actions; not for swarm services). */
export interface BuiltProviders {
  readonly providers: Provider<DynamicConfig>[];
  readonly docker: Dockerode | undefined;
}

/** Builds the providers (see module comment); `onDrain` receives the Docker and Swarm providers' drains. */
export async function buildProviders(options: StaticOptions, env: Readonly<Record<string, string | undefined>>, logger: Logger, onDrain: DrainSink): Promise<BuiltProviders> {
  const providers: Provider<DynamicConfig>[] = [];
  const file = options.providers.file;
  if (file !== undefined) {
    providers.push(new FileProvider<DynamicConfig>({
      ...(file.filename === undefined ? {} : { filename: file.filename }),
      ...(file.directory === undefined ? {} : { directory: file.directory }),
      watch: file.watch,
      validate: (raw) => validateDynamicConfig(raw, { provider: 'file' }),
      logger,
    }));
  }
  const { docker, swarm } = options.providers;
  if (docker === undefined && swarm === undefined) return { providers, docker: undefined };
  // Loaded only when the Docker or Swarm provider is on: dockerode brings ssh2 (whose WebAssembly
  // alone reserves 16 MB) and gRPC, ≈ 25 MB of resident memory a file-only Junction does not need.
  const [{ default: Dockerode }, { dockerOptions, effectiveEndpoint }] = await Promise.all([import('dockerode'), import('../providers/docker/endpoint')]);
  const drains = { logger, onDrain: (e: DrainEvent) => onDrain.drain(e), onLive: (urls: readonly string[]) => onDrain.live(urls), env };
  let client: Dockerode | undefined;
  if (docker !== undefined) {
    const { createDockerProvider } = await import('../providers/docker/create-docker-provider');
    client = new Dockerode(dockerOptions(effectiveEndpoint(docker.endpoint, env), docker.tls));
    providers.push(createDockerProvider(docker, { ...drains, client }));
  }
  if (swarm !== undefined) {
    const { createSwarmProvider } = await import('../providers/swarm/create-swarm-provider');
    providers.push(createSwarmProvider(swarm, { ...drains, client: new Dockerode(dockerOptions(effectiveEndpoint(swarm.endpoint, env), swarm.tls)) }));
  }
  return { providers, docker: client };
}
