/**
 * Builds the Docker provider from the parsed static options (`StaticOptions.providers.docker`):
 * resolves the endpoint (`DOCKER_HOST` when the option is at its default), creates the dockerode
 * client with the TLS files (the provider owns it: `provider.client`, which the dashboard's
 * container management shares), and checks `defaultRule` and `constraints` up front so a typo in
 * the static configuration fails at startup with a coded error instead of on every snapshot
 * (`engine-factory.ts`, shared with the Swarm provider).
 */
import type Docker from 'dockerode';
import type { DockerProviderOptions } from '../../options/types';
import { DockerProvider } from './docker-provider';
import type { DockerClient } from './endpoint';
import { engineProviderBase, type EngineProviderDeps } from './engine-factory';

/** Optional collaborators of {@link createDockerProvider}. */
export type DockerProviderDeps = EngineProviderDeps<DockerClient>;

/**
 * Creates the provider. Throws a coded error (`LB_DOCKER_ENGINE` for an unusable endpoint or TLS
 * file, `LB_DOCKER_TEMPLATE`, `LB_DOCKER_CONSTRAINTS`) when the static options are wrong.
 */
export function createDockerProvider(
  options: DockerProviderOptions,
  deps?: DockerProviderDeps & { readonly client?: undefined },
): DockerProvider<Docker>;
export function createDockerProvider<C extends DockerClient>(
  options: DockerProviderOptions,
  deps: DockerProviderDeps & { readonly client: C },
): DockerProvider<C>;
export function createDockerProvider(options: DockerProviderOptions, deps: DockerProviderDeps = {}): DockerProvider {
  const { translate, ...settings } = engineProviderBase<DockerClient>(options, deps, (client) => client);
  return new DockerProvider({ ...settings, options: { ...translate, useBindPortIP: options.useBindPortIP } });
}
