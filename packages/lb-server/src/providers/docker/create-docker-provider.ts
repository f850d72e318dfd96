/**
 * Builds the Docker provider from the parsed static options (`StaticOptions.providers.docker`):
 * resolves the endpoint (`DOCKER_HOST` when the option is at its default), creates the dockerode
 * client with the TLS files (the provider owns it: `provider.client`, which the dashboard's
 * container management shares), and checks `defaultRule` and `constraints` up front so a typo in
 * the static configuration fails at startup with a coded error instead of on every snapshot.
 */
import type Docker from 'dockerode';
import type { DockerProviderOptions } from '../../options/types';
import { parseConstraints } from './constraints';
import { DockerProvider, type DockerLogger, type DrainEvent } from './docker-provider';
import { createDockerClient, effectiveEndpoint, type DockerClient } from './endpoint';
import { compileRuleTemplate } from './template';

/** Optional collaborators of {@link createDockerProvider}. */
export interface DockerProviderDeps {
  readonly logger?: DockerLogger;
  /** Called at once when a stopping or exited container's servers start draining (wire to `balancer.setDraining` and the upstream gate). */
  readonly onDrain?: (event: DrainEvent) => void;
  /** URLs of the live servers after each snapshot (wire to the upstream gate's `open`). */
  readonly onLive?: (urls: readonly string[]) => void;
  /** Environment for `DOCKER_HOST`. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A client to use instead of creating one (tests, socket proxies with custom agents). */
  readonly client?: DockerClient;
}

/**
 * Creates the provider. Throws a coded error (`LB_DOCKER_ENGINE` for an unusable endpoint or TLS
 * file, `LB_DOCKER_TEMPLATE`, `LB_DOCKER_CONSTRAINTS`) when the static options are wrong.
 */
export function createDockerProvider(options: DockerProviderOptions, deps?: DockerProviderDeps & { readonly client?: undefined }): DockerProvider<Docker>;
export function createDockerProvider<C extends DockerClient>(options: DockerProviderOptions, deps: DockerProviderDeps & { readonly client: C }): DockerProvider<C>;
export function createDockerProvider(options: DockerProviderOptions, deps: DockerProviderDeps = {}): DockerProvider {
  compileRuleTemplate(options.defaultRule);
  parseConstraints(options.constraints);
  const endpoint = effectiveEndpoint(options.endpoint, deps.env ?? process.env);
  const client = deps.client ?? createDockerClient(endpoint, options.tls);
  return new DockerProvider({
    client,
    endpoint,
    options: {
      exposedByDefault: options.exposedByDefault,
      network: options.network,
      useBindPortIP: options.useBindPortIP,
      defaultRule: options.defaultRule,
      constraints: options.constraints,
      allowEmptyServices: options.allowEmptyServices,
      watch: options.watch,
    },
    requestTimeoutMs: options.httpClientTimeout,
    ...(deps.logger === undefined ? {} : { logger: deps.logger }),
    ...(deps.onDrain === undefined ? {} : { onDrain: deps.onDrain }),
    ...(deps.onLive === undefined ? {} : { onLive: deps.onLive }),
  });
}
