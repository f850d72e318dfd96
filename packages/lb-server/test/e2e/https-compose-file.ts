/**
 * `docker/docker-compose.https.yml` as the https-compose tests read it (https-compose.*.test.ts),
 * without Docker: the file as compose interpolates it with `env`, its services' labels, the
 * proxy's command, and the dynamic configuration the Docker provider's own translation makes of
 * the services' containers as compose would start them.
 */
import { join } from 'node:path';
import { expect } from 'vitest';
import { containersToConfig } from '../../src/providers/docker/containers-to-config';
import type { DockerContainer } from '../../src/providers/docker/container';
import type { Upstream } from '../helpers/upstreams';
import { labelRecord, readCompose } from './compose-interpolate';
import { ROOT } from './compose-stack';

/** The compose file, and the ACME directories its `ACME_CA_SERVER` chooses between. */
export const FILE = join(ROOT, 'docker/docker-compose.https.yml');
export const STAGING = 'https://acme-staging-v02.api.letsencrypt.org/directory';
export const PRODUCTION = 'https://acme-v02.api.letsencrypt.org/directory';

/** A service of the file, as far as the tests read it. */
export interface Service {
  command?: string[];
  ports?: string[];
  volumes?: string[];
  labels?: string[] | Record<string, string>;
}
/** The file, as far as the tests read it. */
export interface Compose {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

/** The file as compose reads it with `env` set. */
export function composeFile(env: Readonly<Record<string, string>> = {}): Compose {
  return readCompose<Compose>(FILE, env);
}

/** A service's labels as a record (compose accepts a list or a map). */
export function labelsOf(service: Service): Record<string, string> {
  return labelRecord(service.labels);
}

/**
 * The services' containers as compose starts them (one replica each, on the project network);
 * with `published`, a service's port is published on that local upstream (`useBindPortIP`).
 */
function containers(doc: Compose, published: Readonly<Record<string, Upstream>> = {}): DockerContainer[] {
  const exposed: Record<string, number> = { static: 8080, dynamic: 3000 };
  const port = (service: string): DockerContainer['ports'] => {
    const privatePort = exposed[service];
    if (privatePort === undefined) return [];
    const up = published[service];
    return [
      up === undefined
        ? { privatePort, type: 'tcp' as const }
        : { privatePort, type: 'tcp' as const, hostIp: '127.0.0.1', hostPort: up.port },
    ];
  };
  return Object.entries(doc.services).map(([service, spec], i) => ({
    id: service.padEnd(64, '0'),
    name: `docker_${service}_1`,
    labels: {
      ...labelsOf(spec),
      'com.docker.compose.project': 'docker',
      'com.docker.compose.service': service,
      'com.docker.compose.container-number': '1',
    },
    state: 'running',
    health: 'healthy',
    created: 1_700_000_000 + i,
    networkMode: 'docker_default',
    networks: [{ name: 'docker_default', ip: `172.30.0.${i + 2}` }],
    ports: port(service),
  }));
}

/** The Docker provider's configuration for the services' containers (no translation errors). */
export function dynamicConfig(doc: Compose, published: Readonly<Record<string, Upstream>> = {}): unknown {
  const useBindPortIP = Object.keys(published).length > 0;
  const { config, errors } = containersToConfig(containers(doc, published), {
    exposedByDefault: true,
    useBindPortIP,
    defaultRule: 'Host(`{{ normalize .Name }}`)',
  });
  expect(errors).toEqual([]);
  return config;
}

/** The proxy service's command (Junction's static options). */
export const proxyCommand = (doc: Compose): string[] => doc.services.traefik?.command ?? [];
