/**
 * The providers the static configuration turns on (the file provider, the Docker provider) and
 * the Docker client when the Docker provider is on, shared with the dashboard's container
 * actions. The Docker side is loaded only then.
 */
import { validateDynamicConfig, type DynamicConfig } from '@junction/lb-core';
import type Dockerode from 'dockerode';
import type { Logger } from '../log';
import type { StaticOptions } from '../options';
import { FileProvider } from '../providers/file/file-provider';
import type { Provider } from '../providers/provider';
import type { DrainSink } from './drain-sink';

/** The providers, and the Docker client when the Docker provider is on (shared with the dashboard). */
export interface BuiltProviders {
  readonly providers: Provider<DynamicConfig>[];
  readonly docker: Dockerode | undefined;
}

/** Builds the providers (see module comment); `onDrain` receives the Docker provider's drains. */
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
  const docker = options.providers.docker;
  if (docker === undefined) return { providers, docker: undefined };
  // Loaded only when the Docker provider is on: dockerode brings ssh2 (whose WebAssembly alone
  // reserves 16 MB) and gRPC, ≈ 25 MB of resident memory a file-only Junction does not need.
  const [{ default: Dockerode }, { createDockerProvider }, { dockerOptions, effectiveEndpoint }] = await Promise.all([
    import('dockerode'), import('../providers/docker/create-docker-provider'), import('../providers/docker/endpoint'),
  ]);
  const client = new Dockerode(dockerOptions(effectiveEndpoint(docker.endpoint, env), docker.tls));
  providers.push(createDockerProvider(docker, { logger, onDrain: (e) => onDrain.drain(e), onLive: (urls) => onDrain.live(urls), client, env }));
  return { providers, docker: client };
}
