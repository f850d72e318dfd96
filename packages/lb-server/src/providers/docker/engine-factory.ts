/**
 * What the Docker and Swarm provider factories share (`create-docker-provider.ts`,
 * `create-swarm-provider.ts`): their collaborators, the checks of the static options, the endpoint
 * and client, and the settings and translation options both providers take.
 */
import type Docker from 'dockerode';
import type { SwarmProviderOptions } from '../../options/types';
import type { DrainEvent } from '../provider';
import { parseConstraints } from './constraints';
import { createDockerClient, effectiveEndpoint } from './endpoint';
import type { DockerLogger } from './engine-settings';
import { compileRuleTemplate } from './template';

/** Optional collaborators of the Docker and Swarm provider factories. */
export interface EngineProviderDeps<C> {
  readonly logger?: DockerLogger;
  /** Called at once when a stopping, exited or paused container's (or task's) servers start draining (the runtime store's `drain`). */
  readonly onDrain?: (event: DrainEvent) => void;
  /** URLs of the live servers after each snapshot (the runtime store's `live`). */
  readonly onLive?: (urls: readonly string[]) => void;
  /** Environment for `DOCKER_HOST`. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A client to use instead of creating one (tests, socket proxies with custom agents). */
  readonly client?: C;
}

/** The static options both engine providers read (`StaticOptions.providers.docker` / `.swarm`). */
export type EngineProviderOptions = Omit<SwarmProviderOptions, 'refreshSeconds'>;

/**
 * What both factories do before building their provider: check `defaultRule` and `constraints`
 * (a coded `LB_DOCKER_TEMPLATE` / `LB_DOCKER_CONSTRAINTS` error at startup rather than on every
 * snapshot), resolve the endpoint (`DOCKER_HOST` when the option is at its default), make the
 * client unless one is given (`LB_DOCKER_ENGINE` for an unusable endpoint or TLS file), and
 * gather the shared settings and translation options.
 */
export function engineProviderBase<C>(
  options: EngineProviderOptions,
  deps: EngineProviderDeps<C>,
  makeClient: (client: Docker) => C,
) {
  compileRuleTemplate(options.defaultRule);
  parseConstraints(options.constraints);
  const endpoint = effectiveEndpoint(options.endpoint, deps.env ?? process.env);
  const client = deps.client ?? makeClient(createDockerClient(endpoint, options.tls));
  return {
    client,
    endpoint,
    requestTimeoutMs: options.httpClientTimeout,
    translate: {
      exposedByDefault: options.exposedByDefault,
      network: options.network,
      defaultRule: options.defaultRule,
      constraints: options.constraints,
      allowEmptyServices: options.allowEmptyServices,
      watch: options.watch,
    },
    ...(deps.logger === undefined ? {} : { logger: deps.logger }),
    ...(deps.onDrain === undefined ? {} : { onDrain: deps.onDrain }),
    ...(deps.onLive === undefined ? {} : { onLive: deps.onLive }),
  };
}
