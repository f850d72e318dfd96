/**
 * Set-up shared by the Docker-through-the-proxy test files: inside a `describe`, registers hooks
 * that hold the engine steady, make sure the test images exist, create a run (network and label)
 * and start one Junction watching it; after each case, the containers it started are removed.
 * Returns what the cases use: the run, the Junction, replica starters and waits that report
 * (on a timeout) what the proxy answered, what the API shows and Junction's relevant log lines.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import {
  acquireDockerEngine,
  holdEngineSteady,
  releaseDockerEngine,
  type DockerEngine,
} from '../support/docker-engine';
import { cleanupRun, composeLabels, createRun, RUN_LABEL, startApp, type DockerRun } from '../support/docker-fixtures';
import { ensureTestImages } from '../support/docker-images';
import {
  dockerProviderFlags,
  OBSERVED_FLAGS,
  pollUntil,
  ProxyClient,
  slowOrFailed,
  startJunction,
  tally,
  type Junction,
} from './proxy-docker-support';

/** HEALTHCHECK interval of the replicas (Docker runs the first check one interval after start). */
export const HEALTH_INTERVAL_MS = 200;

export const figure = (text: string): void => console.log(`[proxy-docker] ${text}`);
export const ms = (n: number): string => `${n.toFixed(0)} ms`;

/** A server of a service as the API shows it. */
export interface ServerDetail {
  readonly id: string;
  readonly url: string;
  readonly healthy?: boolean;
}

/** What the cases of a file use (valid once `beforeAll` has run). */
export interface DockerProxySuite {
  readonly run: () => DockerRun;
  /** The Junction's `web` entry point (empty before it started). */
  readonly web: () => string;
  readonly junction: () => Junction | undefined;
  /** Containers the current case started (removed after it). */
  readonly caseContainers: string[];
  host(service: string): string;
  serverId(service: string, n: number): string;
  replica(
    service: string,
    n: number,
    extra?: Record<string, string>,
    suffix?: string,
    healthcheck?: boolean,
  ): Promise<string>;
  serversInApi(service: string): Promise<readonly ServerDetail[]>;
  waitRouted(service: string, instances: readonly string[], timeoutMs?: number): Promise<void>;
  /** Lets another test file (or this one) restart dockerd; called by `afterAll` otherwise. */
  releaseHold(): void;
}

/**
 * For a test file: the engine it acquired, and whether its cases skip (no engine, and not CI,
 * where a missing engine fails instead); says why in one line when they do.
 */
export async function acquireProxyDockerEngine(): Promise<{ engine: DockerEngine; skip: boolean }> {
  const engine = await acquireDockerEngine();
  const skip = !engine.available && process.env.CI !== 'true';
  if (skip) console.log(`[proxy-docker] skipping the Docker-through-the-proxy tests: ${engine.reason}`);
  return { engine, skip };
}

/** Registers the hooks (see module comment) in the calling `describe`. */
export function dockerProxySuite(engine: DockerEngine): DockerProxySuite {
  let run: DockerRun | undefined;
  let junction: Junction | undefined;
  let project = '';
  let release = (): void => {};
  const caseContainers: string[] = [];
  const current = (): DockerRun => {
    if (run === undefined) throw new Error('the Docker run has not been created');
    return run;
  };
  const host = (service: string): string => `${service}.${project}.test`;
  /** Compose, router and service labels of replica `n` of `service` (one router, one service: linked). */
  const labels = (service: string, n: number, extra: Record<string, string> = {}): Record<string, string> => ({
    ...composeLabels(project, service, n),
    [`traefik.http.routers.${service}.rule`]: `Host(\`${host(service)}\`)`,
    [`traefik.http.services.${service}.loadbalancer.server.port`]: '3000',
    ...extra,
  });
  /**
   * Each container runs its HEALTHCHECK (a Node process) five times a second, and a dozen left
   * running would load a 2-core machine for the cases after: remove them after each case.
   */
  afterEach(async () => {
    await Promise.all(
      caseContainers.splice(0).map((id) =>
        current()
          .docker.getContainer(id)
          .remove({ force: true })
          .catch(() => undefined),
      ),
    );
  });
  /**
   * Starts replica `n` of `service`. With a HEALTHCHECK by default: a container is running a moment
   * before its process listens, and a request in that moment is refused (502), which passive
   * health answers by benching the server for a while; HEALTHCHECK keeps traffic away until it listens.
   */
  const replica = async (
    service: string,
    n: number,
    extra: Record<string, string> = {},
    suffix = '',
    healthcheck = true,
  ): Promise<string> => {
    const id = await startApp(current(), {
      name: `${service}-${n}${suffix}`,
      labels: labels(service, n, extra),
      env: { INSTANCE: `${n}${suffix}` },
      ...(healthcheck ? { healthIntervalMs: HEALTH_INTERVAL_MS } : {}),
    });
    caseContainers.push(id);
    return id;
  };
  const serversInApi = async (service: string): Promise<readonly ServerDetail[]> => {
    const res = await fetch(`${junction?.api}/api/http/services/${service}@docker`, {
      signal: AbortSignal.timeout(5_000),
    });
    if (res.status !== 200) return [];
    return ((await res.json()) as { serverDetails?: ServerDetail[] }).serverDetails ?? [];
  };
  /** Waits until every instance in `instances` answers through the proxy (fresh clients, bounded). */
  const waitRouted = async (service: string, instances: readonly string[], timeoutMs = 15_000): Promise<void> => {
    let last: string[] = [];
    try {
      await pollUntil(
        `${service} instances ${instances.join(', ')} answering through the proxy`,
        async () => {
          const seen: string[] = [];
          const client = new ProxyClient(junction?.web ?? '', host(service));
          try {
            for (let i = 0; i < instances.length * 4; i++) {
              const answer = await client.get();
              seen.push(answer.instance ?? `HTTP ${answer.status} ${answer.body.slice(0, 80)}`);
            }
          } finally {
            await client.close();
            last = seen;
          }
          return instances.every((i) => seen.includes(i)) ? true : undefined;
        },
        timeoutMs,
        50,
      );
    } catch (error) {
      figure(
        `${service}: last probe got ${JSON.stringify(tally(last))}; API servers ${JSON.stringify(await serversInApi(service).catch(String))}`,
      );
      for (const line of slowOrFailed(junction?.output() ?? '', host(service)).slice(-40)) figure(`  log: ${line}`);
      throw error;
    }
  };

  beforeAll(async () => {
    if (!engine.available) throw new Error(`CI=true and no Docker engine could be started: ${engine.reason}`);
    // Another test file may restart dockerd: not while cases drive containers (see releaseHold).
    release = await holdEngineSteady();
    // Shared images: built when missing, never removed here (other test files use them).
    ensureTestImages();
    run = await createRun(engine.socketPath);
    project = `jp${run.id}`;
    junction = await startJunction([
      ...dockerProviderFlags(run, RUN_LABEL),
      '--entrypoints.web.address=127.0.0.1:0',
      ...OBSERVED_FLAGS,
    ]);
  }, 180_000);

  afterAll(async () => {
    release();
    await junction?.stop();
    if (run !== undefined) await cleanupRun(run);
    await releaseDockerEngine(engine);
  }, 120_000);

  return {
    run: current,
    web: () => junction?.web ?? '',
    junction: () => junction,
    caseContainers,
    host,
    serverId: (service, n) => `${project}/${service}/${n}`,
    replica,
    serversInApi,
    waitRouted,
    releaseHold: () => {
      release();
      release = () => {};
    },
  };
}
