/**
 * Test-only builders of container records for the translation tests: a running container `web`
 * on network `net` at 172.20.0.2, exposing TCP 3000, plus compose replicas.
 */
import type { LoadBalancerConfig } from '@junction/lb-core';
import type { DockerContainer } from '../../../src/providers/docker/container';
import {
  containersToConfig,
  type DockerTranslateOptions,
  type DockerTranslation,
} from '../../../src/providers/docker/containers-to-config';

/** Traefik's defaults. */
export const OPTIONS: DockerTranslateOptions = {
  exposedByDefault: true,
  useBindPortIP: false,
  defaultRule: 'Host(`{{ normalize .Name }}`)',
};

/** A running container named `name` (see module comment), with `labels` and overrides. */
export function container(
  labels: Readonly<Record<string, string | undefined>> = {},
  over: Partial<DockerContainer> = {},
): DockerContainer {
  const name = over.name ?? 'web';
  return {
    id: `${name.replace(/\W/g, '')}${'0'.repeat(64)}`.slice(0, 64),
    name,
    // Table rows may leave a label undefined (TypeScript's union of row types); drop those.
    labels: Object.fromEntries(
      Object.entries(labels).filter((entry): entry is [string, string] => entry[1] !== undefined),
    ),
    state: 'running',
    health: 'none',
    created: 1_700_000_000,
    networkMode: 'net',
    networks: [{ name: 'net', ip: '172.20.0.2' }],
    ports: [{ privatePort: 3000, type: 'tcp' }],
    ...over,
  };
}

/** Replica `n` of compose service `service` in project `project`. */
export function replica(
  project: string,
  service: string,
  n: number,
  labels: Record<string, string> = {},
  over: Partial<DockerContainer> = {},
): DockerContainer {
  return container(
    {
      'com.docker.compose.project': project,
      'com.docker.compose.service': service,
      'com.docker.compose.container-number': String(n),
      ...labels,
    },
    {
      name: `${project}_${service}_${n}`,
      created: 1_700_000_000 + n,
      networks: [{ name: `${project}_default`, ip: `172.20.1.${n + 1}` }],
      networkMode: `${project}_default`,
      ...over,
    },
  );
}

/** Translates with {@link OPTIONS} plus `options`. */
export function translate(
  containers: readonly DockerContainer[],
  options: Partial<DockerTranslateOptions> = {},
): DockerTranslation {
  return containersToConfig(containers, { ...OPTIONS, ...options });
}

/** The load balancer of service `name` in a translation, or undefined. */
export function loadBalancer(result: DockerTranslation, name: string): LoadBalancerConfig | undefined {
  const service = result.config.http.services?.[name];
  return service !== undefined && 'loadBalancer' in service ? service.loadBalancer : undefined;
}
