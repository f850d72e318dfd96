/**
 * The images the swarm suite deploys, built without any registry and named by id (see
 * `swarm-engine.ts`: a tag would make the swarm node try a pull on every task start):
 *   - Junction, the jokes API and the static site from their `packages/<name>/Dockerfile`, through
 *     `docker/scripts/build-image.mjs` (the command docker/README.md documents) on the local Node
 *     base image, `--no-pull` (the last two for `docker/stack.yml`);
 *   - the test app (`docker-images.ts`), and a second version of it (`FROM` it, one label more),
 *     so a rolling update can change the service's image.
 * Tags are unique to the run and removed afterwards with the dangling build stages; the shared
 * base and app images stay (other test files use them).
 */
import { spawnSync } from 'node:child_process';
import { buildDemoImages } from './demo-images';
import { ensureTestImages, TEST_APP_IMAGE, TEST_LABEL } from './docker-images';
import { docker } from './swarm-engine';

/** Image ids (`sha256:…`) for service specs. */
export interface SwarmImages {
  readonly junction: string;
  readonly jokes: string;
  readonly static: string;
  readonly app: string;
  readonly appV2: string;
  /** The run's own tags (removed by {@link removeSwarmImages}). */
  readonly tags: readonly string[];
  /** How long the builds took (ms). */
  readonly buildMs: number;
}

const idOf = (tag: string): string => docker(['image', 'inspect', '--format', '{{.Id}}', tag]).trim();

/**
 * Builds the images (see module comment); `run` makes the tags unique. Called while holding the
 * swarm suite's lock: `junction-swarm/*` tags found then are a crashed run's, and removed first.
 */
export function buildSwarmImages(run: string): SwarmImages {
  const started = performance.now();
  const stale = docker([
    'image',
    'ls',
    '--format',
    '{{.Repository}}:{{.Tag}}',
    '--filter',
    'reference=junction-swarm/*',
  ])
    .split('\n')
    .filter((t) => t !== '');
  if (stale.length > 0) spawnSync('docker', ['image', 'rm', '-f', ...stale], { stdio: 'ignore' });
  ensureTestImages();
  const tag = (name: string): string => `junction-swarm/${name}:${run}`;
  const tags = ['lb-server', 'jokes-api', 'static-site', 'app-v2', 'node'].map(tag);
  try {
    return build(tag, tags, started);
  } catch (error) {
    spawnSync('docker', ['image', 'rm', '-f', ...tags], { stdio: 'ignore' });
    throw error;
  }
}

function build(tag: (name: string) => string, tags: readonly string[], started: number): SwarmImages {
  buildDemoImages(tag);
  const v2 = spawnSync('docker', ['build', '-q', '-t', tag('app-v2'), '-'], {
    input: `FROM ${TEST_APP_IMAGE}\nLABEL ${TEST_LABEL}=1 junction.test.app-version=2\n`,
    encoding: 'utf8',
    env: { ...process.env, DOCKER_BUILDKIT: '0' },
  });
  if (v2.status !== 0) throw new Error(`building the app's second version failed: ${v2.stderr}`);
  return {
    junction: idOf(tag('lb-server')),
    jokes: idOf(tag('jokes-api')),
    static: idOf(tag('static-site')),
    app: idOf(TEST_APP_IMAGE),
    appV2: idOf(tag('app-v2')),
    tags,
    buildMs: performance.now() - started,
  };
}

/** Removes the run's tags and the build stages they leave dangling. */
export function removeSwarmImages(images: SwarmImages): void {
  spawnSync('docker', ['image', 'rm', '-f', ...images.tags], { stdio: 'ignore' });
  spawnSync('docker', ['image', 'prune', '-f', '--filter', 'label=junction.build-stage=bundle'], { stdio: 'ignore' });
}
