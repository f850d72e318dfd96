/**
 * Helpers for tests against a real engine: one run id labels every container and network a test
 * file creates (cleanup is by that label, never touching anything else), containers of the test
 * app on the run's own network, and a recorder of the provider's snapshots.
 */
import type { DynamicConfig, ServerConfig } from '@junction/lb-core';
import Docker from 'dockerode';
import type { DockerProviderOptions } from '../../src/options/types';
import type { ProviderMessage } from '../../src/providers/provider';
import { TEST_APP_IMAGE, TEST_LABEL } from './docker-images';

/** The label carrying the run id. */
export const RUN_LABEL = 'junction.test.run';

/** A test run: its id, Docker client and network. */
export interface DockerRun {
  readonly id: string;
  readonly docker: Docker;
  readonly network: string;
}

/** Creates the run's network (`junction-test-<id>`). */
export async function createRun(socketPath: string): Promise<DockerRun> {
  const id = Math.random().toString(36).slice(2, 8);
  const docker = new Docker({ socketPath });
  const network = `junction-test-${id}`;
  await docker.createNetwork({ Name: network, Labels: { [TEST_LABEL]: '1', [RUN_LABEL]: id } });
  return { id, docker, network };
}

/** The Docker provider's options for a run: Traefik's defaults, watching only the run's containers on its network. */
export function runProviderOptions(socketPath: string, run: DockerRun): DockerProviderOptions {
  return {
    endpoint: `unix://${socketPath}`,
    exposedByDefault: true,
    network: run.network,
    useBindPortIP: false,
    defaultRule: 'Host(`{{ normalize .Name }}`)',
    constraints: `Label(\`${RUN_LABEL}\`, \`${run.id}\`)`,
    watch: true,
    allowEmptyServices: false,
    httpClientTimeout: 0,
    tls: undefined,
  };
}

/** Removes the run's containers and network (by the run label only). */
export async function cleanupRun(run: DockerRun): Promise<void> {
  const containers = await run.docker.listContainers({ all: true, filters: { label: [`${RUN_LABEL}=${run.id}`] } });
  await Promise.all(
    containers.map((c) =>
      run.docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => undefined),
    ),
  );
  const networks = await run.docker.listNetworks({ filters: { label: [`${RUN_LABEL}=${run.id}`] } });
  await Promise.all(
    networks.map((n) =>
      run.docker
        .getNetwork(n.Id)
        .remove()
        .catch(() => undefined),
    ),
  );
}

/** Options of {@link startApp}. */
export interface AppOptions {
  readonly name: string;
  readonly labels?: Record<string, string>;
  readonly env?: Record<string, string>;
  /** Exec-form health check against the app's `/health` every `intervalMs`. */
  readonly healthIntervalMs?: number;
}

/** Creates and starts a test-app container on the run's network; returns its id. */
export async function startApp(run: DockerRun, options: AppOptions): Promise<string> {
  const probe = "fetch('http://127.0.0.1:3000/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))";
  const container = await run.docker.createContainer({
    Image: TEST_APP_IMAGE,
    name: `${options.name}-${run.id}`,
    Labels: { [TEST_LABEL]: '1', [RUN_LABEL]: run.id, ...options.labels },
    Env: Object.entries(options.env ?? {}).map(([k, v]) => `${k}=${v}`),
    HostConfig: { NetworkMode: run.network },
    ...(options.healthIntervalMs === undefined
      ? {}
      : {
          Healthcheck: {
            Test: ['CMD', 'node', '-e', probe],
            Interval: options.healthIntervalMs * 1e6,
            Timeout: 2e9,
            Retries: 1,
            StartPeriod: 0,
          },
        }),
  });
  await container.start();
  return container.id;
}

/** Compose labels of replica `n` of `service` in project `project`. */
export function composeLabels(project: string, service: string, n: number): Record<string, string> {
  return {
    'com.docker.compose.project': project,
    'com.docker.compose.service': service,
    'com.docker.compose.container-number': String(n),
  };
}

/** A snapshot as received, with its arrival time (performance.now()). */
export interface Received {
  readonly at: number;
  readonly config: DynamicConfig;
  readonly errors: ProviderMessage['errors'];
}

/** Records snapshots and waits for one that satisfies a predicate. */
export class SnapshotRecorder {
  readonly snapshots: Received[] = [];

  /** The provider's `emit`. */
  readonly emit = (message: ProviderMessage<DynamicConfig>): void => {
    this.snapshots.push({ at: performance.now(), config: message.config, errors: message.errors });
  };

  /** Waits (polling) for a snapshot at index ≥ `from` matching `predicate`; throws after `timeoutMs`. */
  async waitFor(
    predicate: (config: DynamicConfig) => boolean,
    options: { from?: number; timeoutMs?: number; what?: string } = {},
  ): Promise<Received & { index: number }> {
    const deadline = performance.now() + (options.timeoutMs ?? 15_000);
    for (;;) {
      const index = this.snapshots.findIndex((s, i) => i >= (options.from ?? 0) && predicate(s.config));
      const found = this.snapshots[index];
      if (found !== undefined) return { ...found, index };
      if (performance.now() > deadline) {
        const last = this.snapshots.at(-1);
        throw new Error(
          `no snapshot with ${options.what ?? 'the expected content'}; last: ${JSON.stringify(last?.config)} errors: ${JSON.stringify(last?.errors)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

/** The servers of service `name` in a configuration (empty when absent). */
export function serversOf(config: DynamicConfig, name: string): readonly ServerConfig[] {
  const service = config.http.services?.[name];
  return service !== undefined && 'loadBalancer' in service ? service.loadBalancer.servers : [];
}

/**
 * GETs a server URL directly (container IPs on the run's network are reachable from the host).
 * Connection refusals are retried for up to `retryMs`: a container is listed as running a few
 * milliseconds before its process listens.
 */
export async function getJson(
  url: string,
  retryMs = 5_000,
): Promise<{ status: number; body: { hostname?: string; HOSTNAME?: string; instance?: string } }> {
  const deadline = performance.now() + retryMs;
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      return { status: response.status, body: (await response.json()) as { hostname?: string } };
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      if (code !== 'ECONNREFUSED' || performance.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
