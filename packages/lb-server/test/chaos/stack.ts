/**
 * What the chaos suite runs and breaks: the test app's replicas of one compose-labelled service
 * on the run's Docker network (start, stop, kill, pause, scale), a file-provider configuration
 * rewritten every second (a middleware the Docker routers use, and a route to two loopback
 * upstreams whose weights change), Junction processes sharing one port with `reusePort`, and
 * the `net.ipv4.tcp_migrate_req` sysctl, set for the run and restored after it.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { composeLabels, startApp, type DockerRun } from '../support/docker-fixtures';
import { dockerProviderFlags, OBSERVED_FLAGS, startJunction, type Junction } from '../docker/proxy-docker-support';

/** The file-provider middleware every Docker router of the run uses. */
export const FILE_MIDDLEWARE = 'chaos-gen';

/** Replicas `1…n` of one service, by number (see module comment). */
export class Replicas {
  readonly #run: DockerRun;
  readonly #project: string;
  readonly #service: string;
  readonly #host: string;
  readonly #ids = new Map<number, string>();

  constructor(run: DockerRun, project: string, service: string, host: string) {
    this.#run = run;
    this.#project = project;
    this.#service = service;
    this.#host = host;
  }

  /** Creates and starts replica `n` (a HEALTHCHECK every 2 s keeps requests away until it listens). */
  async create(n: number): Promise<void> {
    const s = this.#service;
    const id = await startApp(this.#run, {
      name: `${s}-${n}-${Math.random().toString(36).slice(2, 6)}`,
      labels: {
        ...composeLabels(this.#project, s, n),
        [`traefik.http.routers.${s}.rule`]: `Host(\`${this.#host}\`)`,
        [`traefik.http.routers.${s}.middlewares`]: `${FILE_MIDDLEWARE}@file`,
        [`traefik.http.services.${s}.loadbalancer.server.port`]: '3000',
        [`traefik.http.services.${s}.loadbalancer.sticky.cookie`]: 'true',
      },
      env: { INSTANCE: String(n) },
      healthIntervalMs: 2_000,
    });
    this.#ids.set(n, id);
  }

  #container(n: number) {
    const id = this.#ids.get(n);
    if (id === undefined) throw new Error(`no replica ${n}`);
    return this.#run.docker.getContainer(id);
  }

  stop = (n: number): Promise<unknown> => this.#container(n).stop({ t: 10 });
  kill = (n: number): Promise<unknown> => this.#container(n).kill();
  pause = (n: number): Promise<unknown> => this.#container(n).pause();
  unpause = (n: number): Promise<unknown> => this.#container(n).unpause();
  /** `docker start` of a stopped replica (same container). */
  start = (n: number): Promise<unknown> => this.#container(n).start();

  /** `docker-compose scale` down: stop, then remove. */
  async remove(n: number): Promise<void> {
    await this.#container(n).stop({ t: 10 });
    await this.#container(n).remove({ force: true });
    this.#ids.delete(n);
  }
}

/** The dynamic configuration of generation `gen` (see module comment). */
function fileConfig(gen: number, upstreams: readonly string[]): string {
  const servers = upstreams
    .map((url, i) => `        - url: ${url}\n          weight: ${1 + ((gen + i) % 3)}`)
    .join('\n');
  return `# chaos generation ${gen}
http:
  middlewares:
    ${FILE_MIDDLEWARE}:
      headers:
        customResponseHeaders:
          X-Chaos-Gen: "${gen}"
  routers:
    files:
      rule: Host(\`files.chaos.test\`)
      service: files
  services:
    files:
      loadBalancer:
        servers:
${servers}
`;
}

/** A rewriter of the file provider's file. */
export interface FileRewriter {
  readonly writes: () => number;
  stop(): void;
}

/**
 * Writes generation 0 now, then a new generation every `everyMs`: in place (truncate and write,
 * as `echo >` does) and by rename (as editors do), in turn.
 */
export function rewriteEverySecond(file: string, upstreams: readonly string[], everyMs = 1_000): FileRewriter {
  let gen = 0;
  writeFileSync(file, fileConfig(gen, upstreams));
  const timer = setInterval(() => {
    gen++;
    const text = fileConfig(gen, upstreams);
    if (gen % 2 === 0) {
      writeFileSync(`${file}.tmp`, text);
      renameSync(`${file}.tmp`, file);
    } else {
      writeFileSync(file, text);
    }
  }, everyMs);
  return { writes: () => gen, stop: () => clearInterval(timer) };
}

/** Starts a Junction with both providers on `127.0.0.1:port`, sharing it (`reusePort`). */
export function startChaosJunction(port: number, run: DockerRun, file: string, runLabel: string): Promise<Junction> {
  return startJunction(
    [
      ...dockerProviderFlags(run, runLabel),
      `--providers.file.filename=${file}`,
      `--entrypoints.web.address=127.0.0.1:${port}`,
      '--entrypoints.web.reusePort=true',
      '--entrypoints.web.transport.lifeCycle.graceTimeOut=10s',
      ...OBSERVED_FLAGS,
    ],
    60_000,
  );
}

const MIGRATE_REQ = '/proc/sys/net/ipv4/tcp_migrate_req';

/**
 * Sets `net.ipv4.tcp_migrate_req` (Linux ≥ 5.14; needs root) and returns what it was and how to
 * restore it; `undefined` when it cannot be set here.
 */
export function setMigrateReq(value: '0' | '1'): { readonly before: string; restore(): void } | undefined {
  if (!existsSync(MIGRATE_REQ)) return undefined;
  const before = readFileSync(MIGRATE_REQ, 'utf8').trim();
  try {
    writeFileSync(MIGRATE_REQ, value);
  } catch {
    return undefined;
  }
  return { before, restore: () => writeFileSync(MIGRATE_REQ, before) };
}
