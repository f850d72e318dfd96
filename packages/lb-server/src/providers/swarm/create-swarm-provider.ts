/**
 * Builds the Swarm provider from the parsed static options (`StaticOptions.providers.swarm`):
 * resolves the endpoint (`DOCKER_HOST` when the option is at its default), creates the dockerode
 * client with the TLS files, and checks `defaultRule` and `constraints` up front so a typo in the
 * static configuration fails at startup with a coded error instead of on every snapshot.
 */
import type { SwarmProviderOptions } from '../../options/types';
import { parseConstraints } from '../docker/constraints';
import type { DockerLogger, DrainEvent } from '../docker/docker-provider';
import { createDockerClient, effectiveEndpoint } from '../docker/endpoint';
import { compileRuleTemplate } from '../docker/template';
import type { SwarmClient } from './swarm-api';
import { SwarmProvider } from './swarm-provider';

/** Optional collaborators of {@link createSwarmProvider}. */
export interface SwarmProviderDeps {
  readonly logger?: DockerLogger;
  /** Called at once when a stopping task's servers start draining (wire to the drain sink). */
  readonly onDrain?: (event: DrainEvent) => void;
  /** URLs of the live servers after each snapshot (wire to the upstream gate's `open`). */
  readonly onLive?: (urls: readonly string[]) => void;
  /** Environment for `DOCKER_HOST`. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A client to use instead of creating one. */
  readonly client?: SwarmClient;
}

/**
 * Creates the provider. Throws a coded error (`LB_DOCKER_ENGINE` for an unusable endpoint or TLS
 * file, `LB_DOCKER_TEMPLATE`, `LB_DOCKER_CONSTRAINTS`) when the static options are wrong.
 */
export function createSwarmProvider(options: SwarmProviderOptions, deps: SwarmProviderDeps = {}): SwarmProvider {
  compileRuleTemplate(options.defaultRule);
  parseConstraints(options.constraints);
  const endpoint = effectiveEndpoint(options.endpoint, deps.env ?? process.env);
  const client = deps.client ?? (createDockerClient(endpoint, options.tls) as unknown as SwarmClient);
  return new SwarmProvider({
    client,
    endpoint,
    options: {
      exposedByDefault: options.exposedByDefault,
      network: options.network,
      useBindPortIP: false,
      defaultRule: options.defaultRule,
      constraints: options.constraints,
      allowEmptyServices: options.allowEmptyServices,
      watch: options.watch,
      // Zero would poll in a tight loop; Traefik's default is 15 s.
      refreshMs: options.refreshSeconds > 0 ? options.refreshSeconds : 15_000,
    },
    requestTimeoutMs: options.httpClientTimeout,
    ...(deps.logger === undefined ? {} : { logger: deps.logger }),
    ...(deps.onDrain === undefined ? {} : { onDrain: deps.onDrain }),
    ...(deps.onLive === undefined ? {} : { onLive: deps.onLive }),
  });
}
