/**
 * The providers the static configuration turns on (the file provider, the Docker provider, the
 * Swarm provider), their drains wired to the runtime. Each Docker-engine provider makes and owns
 * its client; the Docker provider's is handed on to the dashboard's container management (one
 * client, not two). The Docker side is loaded only when one of the two is on: dockerode brings
 * ssh2 (whose WebAssembly alone reserves 16 MB) and gRPC, ≈ 25 MB of resident memory a file-only
 * Junction does not need.
 */
import { validateDynamicConfig, type DynamicConfig } from '@junction/lb-core';
import type Dockerode from 'dockerode';
import type { Logger } from '../log';
import type { StaticOptions } from '../options';
import { FileProvider } from '../providers/file/file-provider';
import type { DrainEvent, Provider, ServerDrains } from '../providers/provider';

/** The providers, and the Docker provider's client when it is on (not the Swarm provider's). */
export interface BuiltProviders {
  readonly providers: Provider<DynamicConfig>[];
  readonly docker: Dockerode | undefined;
}

/**
 * Builds the providers (see module comment); `drains` (the runtime store) receives the Docker and
 * Swarm providers' drains. Throws a coded error when a static option only the provider can check
 * is wrong (Docker endpoint, TLS files, defaultRule, constraints).
 */
export async function buildProviders(
  options: StaticOptions,
  env: Readonly<Record<string, string | undefined>>,
  logger: Logger,
  drains: ServerDrains,
): Promise<BuiltProviders> {
  const providers: Provider<DynamicConfig>[] = [];
  const file = options.providers.file;
  if (file !== undefined) {
    providers.push(
      new FileProvider<DynamicConfig>({
        ...(file.filename === undefined ? {} : { filename: file.filename }),
        ...(file.directory === undefined ? {} : { directory: file.directory }),
        watch: file.watch,
        validate: (raw) => validateDynamicConfig(raw, { provider: 'file' }),
        logger,
      }),
    );
  }
  const { docker, swarm } = options.providers;
  const deps = {
    logger,
    env,
    onDrain: (event: DrainEvent) => drains.drain(event),
    onLive: (urls: readonly string[]) => drains.live(urls),
  };
  let client: Dockerode | undefined;
  if (docker !== undefined) {
    const { createDockerProvider } = await import('../providers/docker/create-docker-provider');
    const provider = createDockerProvider(docker, deps);
    client = provider.client;
    providers.push(provider);
  }
  if (swarm !== undefined) {
    const { createSwarmProvider } = await import('../providers/swarm/create-swarm-provider');
    providers.push(createSwarmProvider(swarm, deps));
  }
  return { providers, docker: client };
}
