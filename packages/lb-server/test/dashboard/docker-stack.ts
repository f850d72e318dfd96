/**
 * Test support: the dashboard stack with the real Docker provider and a Docker client, on a real
 * engine (found or started by `test/support/docker-engine.ts`; images built locally, never
 * pulled). Each test file gets its own run: a network and containers labelled with the run id,
 * which the provider's constraint selects and cleanup removes — nothing else is touched.
 *
 * Compose replicas are created as docker-compose 1.29 names them (`<project>_<service>_<n>`,
 * with the `com.docker.compose.*` labels), serving `Host(\`dyn.local\`)` as service `dyn`.
 */
import { createDockerProvider } from '../../src/providers/docker/create-docker-provider';
import type { DockerEngine } from '../support/docker-engine';
import {
  cleanupRun,
  composeLabels,
  createRun,
  RUN_LABEL,
  runProviderOptions,
  type DockerRun,
} from '../support/docker-fixtures';
import { ensureTestImages, NODE_BASE_IMAGE, TEST_APP_IMAGE, TEST_LABEL } from '../support/docker-images';
import { startStack, type Stack } from './stack';

/** The compose service the tests scale. */
export const SERVICE = 'dynamic';
/** Its Traefik service, as the provider names it. */
export const DYN = 'dyn@docker';

/** A running Docker-backed stack. */
export interface DockerStack {
  readonly engine: DockerEngine;
  readonly run: DockerRun;
  readonly stack: Stack;
  /** The compose project (unique per run). */
  readonly project: string;
  /** Creates and starts replica `n` of {@link SERVICE}; returns its id. */
  replica(n: number): Promise<string>;
  /** Creates and starts a container that prints two lines (stdout, stderr); returns its id. */
  talker(): Promise<string>;
  /** Creates and starts a test-app container named `<name>-<run>` with extra labels; returns its name. */
  labelled(name: string, extra: Record<string, string>): Promise<string>;
  /** Waits until `predicate` holds for the live runtime's `dyn@docker` server ids. */
  waitForServers(predicate: (ids: readonly string[]) => boolean, timeoutMs?: number): Promise<readonly string[]>;
  close(): Promise<void>;
}

/** Starts the stack on `engine` (see module comment). */
export async function startDockerStack(engine: DockerEngine): Promise<DockerStack> {
  ensureTestImages(); // images are left in place: other test files may be using them
  const run = await createRun(engine.socketPath);
  const project = `jd${run.id}`;
  const provider = createDockerProvider(runProviderOptions(engine.socketPath, run));
  const stack = await startStack({ yaml: 'http: {}\n', providers: [provider], docker: run.docker });
  const labels = { [TEST_LABEL]: '1', [RUN_LABEL]: run.id };
  const ids = (): string[] => {
    const s = stack.app.store.current.services.get(DYN);
    return s?.kind === 'loadBalancer' ? s.servers.map((x) => x.id).sort() : [];
  };
  return {
    engine,
    run,
    stack,
    project,
    async replica(n) {
      const container = await run.docker.createContainer({
        Image: TEST_APP_IMAGE,
        name: `${project}_${SERVICE}_${n}`,
        Labels: {
          ...labels,
          ...composeLabels(project, SERVICE, n),
          'traefik.http.routers.dyn.rule': 'Host(`dyn.local`)',
          'traefik.http.services.dyn.loadbalancer.server.port': '3000',
        },
        Env: [`INSTANCE=${n}`],
        HostConfig: { NetworkMode: run.network },
        NetworkingConfig: { EndpointsConfig: { [run.network]: { Aliases: [SERVICE] } } },
      });
      await container.start();
      return container.id;
    },
    async talker() {
      const container = await run.docker.createContainer({
        Image: NODE_BASE_IMAGE,
        name: `talker-${run.id}`,
        Labels: { ...labels, 'traefik.enable': 'false' },
        Cmd: [
          'node',
          '-e',
          "console.log('hello from stdout'); console.error('oops on stderr'); setInterval(() => {}, 1e6); process.on('SIGTERM', () => process.exit(0));",
        ],
        HostConfig: { NetworkMode: run.network },
      });
      await container.start();
      return container.id;
    },
    async labelled(name, extra) {
      const full = `${name}-${run.id}`;
      const container = await run.docker.createContainer({
        Image: TEST_APP_IMAGE,
        name: full,
        Labels: { ...labels, ...extra },
        HostConfig: { NetworkMode: run.network },
      });
      await container.start();
      return full;
    },
    async waitForServers(predicate, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(ids())) {
        if (Date.now() > deadline) throw new Error(`servers of ${DYN} never matched; now ${JSON.stringify(ids())}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return ids();
    },
    async close() {
      await stack.close();
      await cleanupRun(run);
    },
  };
}
