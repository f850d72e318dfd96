/**
 * Test support: the demo's images (Junction, the jokes API, the static site) built as users build
 * them, with `docker/scripts/build-image.mjs` (the command docker/README.md documents), for the
 * compose and swarm end-to-end tests. Never from a registry: the build's base is a tag of the
 * run's own on the local Node base image (another test file removing its tag cannot make the build
 * look for the image in a registry), and `--no-pull` makes sure it never does.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_BASE_IMAGE, TEST_LABEL } from './docker-images';

/** The repository root. */
export const REPO_ROOT = resolve(fileURLToPath(new URL('../../../..', import.meta.url)));

/** The packages whose images the demo runs. */
export const DEMO_PACKAGES = ['lb-server', 'jokes-api', 'static-site'] as const;

/**
 * Builds the three images as `tag('<package>')`, on the base image tagged `tag('node')` (the
 * caller removes both kinds of tag); throws with the script's stderr on failure.
 */
export function buildDemoImages(tag: (name: string) => string): void {
  const base = tag('node');
  execFileSync('docker', ['tag', NODE_BASE_IMAGE, base]);
  execFileSync(
    process.execPath,
    [
      join(REPO_ROOT, 'docker/scripts/build-image.mjs'),
      ...DEMO_PACKAGES,
      // --no-optional: no dashboard assets, which a concurrent `nx build lb-server` may be rewriting.
      '--node-image',
      base,
      '--no-pull',
      '--no-optional',
      '--tag',
      tag('{name}'),
      '--label',
      `${TEST_LABEL}=1`,
      '--quiet',
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, DOCKER_BUILDKIT: '0' } },
  );
}
