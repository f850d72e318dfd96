/**
 * The swarm suite's services, written as a user writes a stack file: Junction with the swarm
 * provider (Traefik v3's `--providers.swarm.*` flags), in global mode on manager nodes or as one
 * more replica, with host-mode published ports for its `web` and `traefik` (API, `/ping`) entry
 * points and the Docker socket mounted; the test app replicated on the stack's overlay network,
 * routed by its `deploy.labels`, with an exec-form HEALTHCHECK (the image has no shell).
 *
 * Helpers reach Junction only on 127.0.0.1 through those published ports; Junction reaches the
 * tasks on the overlay network. Nothing here sends traffic to an overlay address.
 */
import { inject } from 'vitest';
import { freePort } from '../helpers/ports';
import { getOnce } from '../support/swarm-load';
import type { StackService, SwarmStack } from '../support/swarm-stack';

/** The host the test app's router answers. */
export const APP_HOST = 'app.swarm.test';

/** Host ports of one Junction service. */
export interface JunctionPorts {
  readonly web: number;
  readonly api: number;
}

/** Two free loopback ports for a Junction's host-mode publications. */
export async function junctionPorts(): Promise<JunctionPorts> {
  const web = await freePort();
  let api = await freePort();
  while (api === web) api = await freePort();
  return { web, api };
}

/** A Junction service (see module comment); `global` runs it in global mode on managers. */
export function junctionService(
  stack: SwarmStack,
  ports: JunctionPorts,
  options: { global: boolean; extraArgs?: readonly string[] },
): StackService {
  const images = inject('swarm').images;
  if (images === undefined) throw new Error('no images');
  return {
    image: images.junction,
    command: [
      '--entrypoints.web.address=:80',
      '--entrypoints.traefik.address=:8080',
      '--api.insecure',
      '--ping',
      '--providers.swarm',
      '--providers.swarm.endpoint=unix:///var/run/docker.sock',
      `--providers.swarm.network=${stack.network}`,
      '--providers.swarm.exposedByDefault=false',
      '--providers.swarm.refreshSeconds=5',
      `--providers.swarm.constraints=Label(\`com.docker.stack.namespace\`, \`${stack.name}\`)`,
      '--log.level=INFO',
      ...(options.extraArgs ?? []),
    ],
    // The socket is root's on this engine: see docker/README.md for the access the provider needs.
    user: '0:0',
    volumes: ['/var/run/docker.sock:/var/run/docker.sock:ro'],
    networks: ['net'],
    ports: [
      { target: 80, published: ports.web, protocol: 'tcp', mode: 'host' },
      { target: 8080, published: ports.api, protocol: 'tcp', mode: 'host' },
    ],
    stop_grace_period: '15s',
    deploy: options.global
      ? { mode: 'global', placement: { constraints: ['node.role == manager'] } }
      : { mode: 'replicated', replicas: 1, placement: { constraints: ['node.role == manager'] } },
  };
}

const PROBE = "fetch('http://127.0.0.1:3000/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))";

/**
 * The test app replicated `replicas` times, routed at {@link APP_HOST} by its deploy labels
 * (router and service `app`) plus `labels`; `routeApp: false` leaves those defaults out.
 */
export function appService(
  replicas: number,
  labels: Record<string, string> = {},
  options: { routeApp?: boolean } = {},
): StackService {
  const images = inject('swarm').images;
  if (images === undefined) throw new Error('no images');
  return {
    image: images.app,
    environment: { INSTANCE: '{{.Task.Slot}}' },
    networks: ['net'],
    // Generous: on a busy 2-core machine starting `node` for the probe can take seconds, and an
    // unhealthy task is replaced by the swarm.
    healthcheck: { test: ['CMD', 'node', '-e', PROBE], interval: '2s', timeout: '8s', retries: 3, start_period: '20s' },
    stop_grace_period: '10s',
    deploy: {
      replicas,
      labels: {
        'traefik.enable': 'true',
        ...(options.routeApp === false
          ? {}
          : {
              'traefik.http.routers.app.rule': `Host(\`${APP_HOST}\`)`,
              'traefik.http.routers.app.entrypoints': 'web',
              'traefik.http.services.app.loadbalancer.server.port': '3000',
            }),
        ...labels,
      },
      update_config: { parallelism: 1, delay: '1s', order: 'stop-first', failure_action: 'rollback' },
      rollback_config: { parallelism: 1, order: 'stop-first' },
    },
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until Junction's `/ping` answers 200 on its published API port. */
export async function junctionUp(ports: JunctionPorts, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const answer = await getOnce(ports.api, '127.0.0.1', { path: '/ping' });
    if (answer.status === 200) return;
    last = answer.error ?? `HTTP ${answer.status}`;
    await sleep(250);
  }
  throw new Error(
    `Junction's /ping on 127.0.0.1:${ports.api} did not answer 200 within ${timeoutMs / 1000} s (last: ${last})`,
  );
}

/**
 * Waits until GETs for `host` through Junction (127.0.0.1:`port`) are answered by exactly the
 * backends `hostnames` — every one of them seen, no other — over a few rounds.
 */
export async function routedTo(
  port: number,
  hostnames: readonly string[],
  timeoutMs = 60_000,
  host = APP_HOST,
): Promise<void> {
  const want = new Set(hostnames);
  const deadline = Date.now() + timeoutMs;
  let seen = new Map<string, number>();
  while (Date.now() < deadline) {
    seen = new Map();
    for (let i = 0; i < hostnames.length * 6; i++) {
      const a = await getOnce(port, host);
      const key = a.status === 200 ? (a.backend ?? '?') : (a.error ?? `HTTP ${a.status}`);
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    if (seen.size === want.size && [...seen.keys()].every((k) => want.has(k))) return;
    await sleep(300);
  }
  throw new Error(
    `Junction on 127.0.0.1:${port} never routed ${host} to exactly ${[...want].join(', ')}; last round: ${JSON.stringify([...seen])}`,
  );
}

/** GETs Junction's API on its published port (`path` starting with `/api/`); JSON. */
export async function api(ports: JunctionPorts, path: string): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${ports.api}${path}`, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`GET ${path} → ${response.status}: ${await response.text()}`);
  return response.json();
}
