/**
 * Builds the Swarm provider from the parsed static options (`StaticOptions.providers.swarm`):
 * resolves the endpoint (`DOCKER_HOST` when the option is at its default), creates the dockerode
 * client with the TLS files, and checks `defaultRule` and `constraints` up front so a typo in the
 * static configuration fails at startup with a coded error instead of on every snapshot
 * (`docker/engine-factory.ts`, shared with the Docker provider).
 */
import type { SwarmProviderOptions } from '../../options/types';
import { engineProviderBase, type EngineProviderDeps } from '../docker/engine-factory';
import type { SwarmClient } from './swarm-api';
import { SwarmProvider } from './swarm-provider';

/** Optional collaborators of {@link createSwarmProvider}. */
export type SwarmProviderDeps = EngineProviderDeps<SwarmClient>;

/**
 * Creates the provider. Throws a coded error (`LB_DOCKER_ENGINE` for an unusable endpoint or TLS
 * file, `LB_DOCKER_TEMPLATE`, `LB_DOCKER_CONSTRAINTS`) when the static options are wrong.
 */
export function createSwarmProvider(options: SwarmProviderOptions, deps: SwarmProviderDeps = {}): SwarmProvider {
  // dockerode types the swarm listings loosely; SwarmClient narrows them to what Junction reads.
  const { translate, ...settings } = engineProviderBase(options, deps, (client) => client as unknown as SwarmClient);
  return new SwarmProvider({
    ...settings,
    options: {
      ...translate,
      useBindPortIP: false,
      // Zero would poll in a tight loop; Traefik's default is 15 s.
      refreshMs: options.refreshSeconds > 0 ? options.refreshSeconds : 15_000,
    },
  });
}
