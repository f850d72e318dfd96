/**
 * Builds the Docker and Swarm provider settings from the option values. The Swarm provider comes
 * from `--providers.swarm.*` (Traefik v3) or from the v1 Docker provider in swarm mode
 * (`--docker --docker.swarmMode`, Traefik 1.7): then the Docker provider becomes the Swarm provider,
 * with its endpoint, network, domain, constraints and TLS, and `swarmModeRefreshSeconds` as the
 * polling interval; no container provider runs beside it, as in Traefik 1.7.
 */
import type { IssueList } from './options-error';
import { DEFAULT_DOCKER_RULE } from './option-table';
import type { OptionValues } from './option-values';
import type { DockerProviderOptions, SwarmProviderOptions } from './types';

/** The `docker` and `swarm` entries of `StaticOptions.providers`. */
export function buildDockerAndSwarm(
  v: OptionValues,
  issues: IssueList,
): { docker: DockerProviderOptions | undefined; swarm: SwarmProviderOptions | undefined } {
  const docker = v.section('providers.docker') ? buildDocker(v, 'providers.docker') : undefined;
  const v1Swarm = docker !== undefined && v.bool('providers.docker.swarmMode');
  if (v.section('providers.swarm')) {
    if (v1Swarm)
      issues.add(
        v.label('providers.docker.swarmMode'),
        'set either --providers.swarm (Traefik v3) or --docker.swarmMode (Traefik v1), not both',
      );
    return {
      docker: v1Swarm ? undefined : docker,
      swarm: swarmOf(buildDocker(v, 'providers.swarm'), v.num('providers.swarm.refreshSeconds')),
    };
  }
  if (docker !== undefined && v1Swarm)
    return { docker: undefined, swarm: swarmOf(docker, v.num('providers.docker.swarmModeRefreshSeconds')) };
  return { docker, swarm: undefined };
}

function swarmOf(options: DockerProviderOptions, refreshSeconds: number): SwarmProviderOptions {
  const { useBindPortIP: _unused, ...rest } = options;
  return { ...rest, refreshSeconds };
}

function buildDocker(v: OptionValues, p: 'providers.docker' | 'providers.swarm'): DockerProviderOptions {
  const domain = p === 'providers.docker' ? v.optStr(`${p}.domain`) : undefined;
  const hasTls = ['ca', 'cert', 'key', 'insecureSkipVerify'].some((k) => v.isSet(`${p}.tls.${k}`));
  return {
    endpoint: v.str(`${p}.endpoint`),
    exposedByDefault: v.bool(`${p}.exposedByDefault`),
    network: v.optStr(`${p}.network`),
    useBindPortIP: v.bool(`${p}.useBindPortIP`),
    defaultRule:
      domain !== undefined && !v.isSet(`${p}.defaultRule`)
        ? DEFAULT_DOCKER_RULE.replace('}}`', `}}.${domain}\``)
        : v.str(`${p}.defaultRule`),
    constraints: v.optStr(`${p}.constraints`),
    watch: v.bool(`${p}.watch`),
    allowEmptyServices: v.bool(`${p}.allowEmptyServices`),
    httpClientTimeout: v.num(`${p}.httpClientTimeout`),
    tls: hasTls
      ? {
          ca: v.optStr(`${p}.tls.ca`),
          cert: v.optStr(`${p}.tls.cert`),
          key: v.optStr(`${p}.tls.key`),
          insecureSkipVerify: v.bool(`${p}.tls.insecureSkipVerify`),
        }
      : undefined,
  };
}
