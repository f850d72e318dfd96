/**
 * Test support: the lab's compose scenario on a real engine, from the repository's own
 * `docker/docker-compose.yml` (or another file of `docker/` with the same services, such as
 * `docker-compose.https.yml`, through a {@link StackVariant}). The three images are built with `docker/scripts/build-image.mjs`
 * (the command the README documents) from the local Node base image — never pulled — under tags
 * unique to the run. The compose file is then derived for the test: those tags instead of
 * `build:`, the proxy's ports published on 127.0.0.1 with random host ports (compose
 * concatenates `ports` across override files, so an override could not drop `80:80`), and a
 * Docker constraint on the run's compose project, so containers of other test runs on the same
 * engine never join the demo's services. Everything else — services, labels, command, socket,
 * `init` — is the file users run. Cleanup: `docker-compose down -v` and the run's image tags.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { parse, stringify } from 'yaml';
import { acquireDockerEngine, type DockerEngine } from '../support/docker-engine';
import { buildDemoImages, DEMO_PACKAGES, REPO_ROOT } from '../support/demo-images';

/** The repository root. */
export const ROOT = REPO_ROOT;
/** The compose file under test. */
export const COMPOSE_FILE = join(ROOT, 'docker/docker-compose.yml');

const PACKAGES = DEMO_PACKAGES;

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  ports?: string[];
  labels?: string[];
}

/** True when `docker-compose` (v1) runs. */
export function composeAvailable(): boolean {
  return spawnSync('docker-compose', ['version', '--short'], { stdio: 'ignore' }).status === 0;
}

/** For a compose test file: the engine it acquired, and why the file cannot run (undefined when it can). */
export async function acquireComposeEngine(): Promise<{ engine: DockerEngine; missing: string | undefined }> {
  const engine = await acquireDockerEngine();
  const missing = !engine.available
    ? engine.reason
    : !composeAvailable()
      ? 'docker-compose (v1) is not installed (apt-get install docker-compose)'
      : undefined;
  return { engine, missing };
}

/** Which compose file and how it is adapted (default: the lab's file, ports 80 and 8080). */
export interface StackVariant {
  readonly file: string;
  /** Container ports the proxy publishes on 127.0.0.1 (random host ports). */
  readonly proxyPorts: readonly number[];
  /** Rewrites the proxy's command before the run's constraint is added. */
  readonly command?: (command: readonly string[]) => string[];
}

/** A container of the stack. */
export interface StackContainer {
  readonly id: string;
  readonly name: string;
  readonly health: string;
}

/** The running scenario (see module comment). */
export class ComposeStack {
  readonly project: string;
  readonly docker: Docker;
  readonly #dir: string;
  readonly #file: string;
  readonly #tags: readonly string[];

  private constructor(project: string, socketPath: string, dir: string, tags: readonly string[]) {
    this.project = project;
    this.docker = new Docker({ socketPath });
    this.#dir = dir;
    this.#file = join(dir, 'docker-compose.yml');
    this.#tags = tags;
  }

  /** Builds the images (printing how long it took) and writes the derived compose file. */
  static create(
    socketPath: string,
    log: (line: string) => void,
    variant: StackVariant = { file: COMPOSE_FILE, proxyPorts: [80, 8080] },
  ): ComposeStack {
    const project = `je${Math.random().toString(36).slice(2, 8)}`;
    const dir = mkdtempSync(join(tmpdir(), `junction-e2e-${project}-`));
    const tag = (name: string) => `junction-e2e/${name}:${project}`;
    const stack = new ComposeStack(project, socketPath, dir, [...PACKAGES, 'node'].map(tag));
    const started = performance.now();
    buildDemoImages(tag);
    log(`images built in ${((performance.now() - started) / 1000).toFixed(1)} s: ${PACKAGES.map(tag).join(', ')}`);

    const doc = parse(readFileSync(variant.file, 'utf8')) as { services: Record<string, ComposeService> };
    const images: Record<string, string> = {
      traefik: tag('lb-server'),
      static: tag('static-site'),
      dynamic: tag('jokes-api'),
    };
    for (const [name, service] of Object.entries(doc.services)) {
      const image = images[name];
      if (image === undefined) throw new Error(`unexpected service ${name} in ${variant.file}`);
      service.image = image;
      delete service.build;
    }
    const proxy = doc.services.traefik;
    if (proxy === undefined) throw new Error('no traefik service');
    proxy.ports = variant.proxyPorts.map((p) => `127.0.0.1::${p}`);
    const command = variant.command === undefined ? (proxy.command ?? []) : variant.command(proxy.command ?? []);
    proxy.command = [...command, `--providers.docker.constraints=Label(\`com.docker.compose.project\`,\`${project}\`)`];
    writeFileSync(stack.#file, stringify(doc));
    return stack;
  }

  /** Runs `docker-compose -p <project> -f <derived file> …args`; throws with its output on failure. */
  compose(...args: string[]): string {
    const result = spawnSync('docker-compose', ['-p', this.project, '-f', this.#file, ...args], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (result.status !== 0)
      throw new Error(`docker-compose ${args.join(' ')} failed (${result.status}): ${result.stderr}${result.stdout}`);
    return result.stdout;
  }

  /** The host port published for `service`'s `privatePort` (on 127.0.0.1). */
  port(service: string, privatePort: number): number {
    const out = this.compose('port', service, String(privatePort)).trim();
    const port = Number(out.split(':').at(-1));
    if (!Number.isInteger(port) || port <= 0)
      throw new Error(`no published port for ${service}:${privatePort}: ${out}`);
    return port;
  }

  /** The running containers of `service`, with their HEALTHCHECK state. */
  async containers(service: string): Promise<StackContainer[]> {
    const list = await this.docker.listContainers({
      filters: { label: [`com.docker.compose.project=${this.project}`, `com.docker.compose.service=${service}`] },
    });
    return Promise.all(
      list.map(async (c) => {
        const info = await this.docker.getContainer(c.Id).inspect();
        return { id: c.Id, name: (c.Names[0] ?? '').replace(/^\//, ''), health: info.State.Health?.Status ?? 'none' };
      }),
    );
  }

  /** The proxy's logs (for a failure message). */
  logs(service: string): string {
    return (
      spawnSync(
        'docker-compose',
        ['-p', this.project, '-f', this.#file, 'logs', '--no-color', '--tail', '40', service],
        { encoding: 'utf8' },
      ).stdout ?? ''
    );
  }

  /** `docker-compose down -v`, then removes the run's image tags, dangling build stages and the derived file. */
  down(): void {
    spawnSync('docker-compose', ['-p', this.project, '-f', this.#file, 'down', '-v', '--remove-orphans', '-t', '5'], {
      stdio: 'ignore',
      timeout: 120_000,
    });
    spawnSync('docker', ['image', 'rm', '-f', ...this.#tags], { stdio: 'ignore' });
    // The Dockerfiles' first stage stays behind as untagged build cache; drop what is now dangling.
    spawnSync('docker', ['image', 'prune', '-f', '--filter', 'label=junction.build-stage=bundle'], { stdio: 'ignore' });
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
