#!/usr/bin/env node
/**
 * Builds Junction's Docker images: bundles each app with its dependencies (see stage.mjs), then
 * `docker build -f packages/<name>/Dockerfile` on a fresh context holding only the staged files.
 *
 *     node docker/scripts/build-image.mjs <name ...|all> [options]
 *
 *   <name>                 lb-server, jokes-api, static-site, or all
 *   --node-image <image>   base image (default $NODE_IMAGE, else the Dockerfile's node:24-slim)
 *   --tag <image:tag>      image tag; `{name}` becomes the package name (default junction/{name}:latest)
 *   --label <key=value>    extra image label (repeatable)
 *   --quiet                only print the image ids
 *   --stage-only           stage into docker/.build/<name>/ and print the `docker build` command to run
 *                          from the repository root (the root .dockerignore keeps the context small)
 *   --out <dir>            with --stage-only: stage into <dir>/<name>/ instead (self-contained bundles
 *                          `npm start -- --apps-dir <dir>` can run)
 *   --no-optional          leave out optional files (lb-server's dashboard assets)
 *   --no-pull              fail unless the base image is already local (docker build would pull it)
 *
 * Run it with the workspace's Node (npm scripts do): `npm run docker:build -w @junction/jokes-api`,
 * or through Nx: `npx nx run jokes-api:docker:build`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { IMAGE_NAMES, IMAGES } from './images.mjs';
import { ROOT, stageImage } from './stage.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'node-image': { type: 'string' },
    tag: { type: 'string', default: 'junction/{name}:latest' },
    label: { type: 'string', multiple: true, default: [] },
    quiet: { type: 'boolean', default: false },
    'stage-only': { type: 'boolean', default: false },
    out: { type: 'string' },
    'no-optional': { type: 'boolean', default: false },
    'no-pull': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.out !== undefined && !values['stage-only']) {
  console.error('build-image: --out needs --stage-only');
  process.exit(2);
}
if (values.help || positionals.length === 0) {
  console.log(
    `usage: node docker/scripts/build-image.mjs <${IMAGE_NAMES.join('|')}|all ...> [--node-image IMAGE] [--tag IMAGE:TAG] [--label K=V] [--quiet] [--stage-only [--out DIR]] [--no-optional] [--no-pull]`,
  );
  process.exit(values.help ? 0 : 2);
}
const names = positionals.includes('all') ? IMAGE_NAMES : positionals;
for (const name of names) {
  if (IMAGES[name] === undefined) {
    console.error(`build-image: unknown image "${name}" (known: ${IMAGE_NAMES.join(', ')})`);
    process.exit(2);
  }
}
const nodeImage = values['node-image'] ?? (process.env.NODE_IMAGE || undefined);
if (values['no-pull'] && !values['stage-only']) {
  const base = nodeImage ?? 'node:24-slim';
  if (spawnSync('docker', ['image', 'inspect', base], { stdio: 'ignore' }).status !== 0) {
    console.error(`build-image: the base image ${base} is not local, and --no-pull forbids pulling it`);
    process.exit(1);
  }
}

/** Stages `name` into `out`, or exits 1 with the bundler's message (e.g. a source that does not compile). */
async function stage(name, out) {
  try {
    return await stageImage(IMAGES[name], out, { optional: !values['no-optional'] });
  } catch (error) {
    console.error(`build-image: bundling ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

for (const name of names) {
  const tag = values.tag.replaceAll('{name}', name);
  const buildArgs = nodeImage === undefined ? [] : ['--build-arg', `NODE_IMAGE=${nodeImage}`];
  const dockerfile = join(ROOT, 'packages', name, 'Dockerfile');
  if (values['stage-only']) {
    const out = values.out === undefined ? join(ROOT, 'docker/.build', name) : join(resolve(values.out), name);
    for (const note of await stage(name, out)) console.log(`note: ${note}`);
    if (values.out !== undefined) {
      console.log(`staged ${out}/`);
      continue;
    }
    console.log(`staged ${relative(ROOT, out)}/; now, from ${ROOT}:`);
    console.log(`  ${['docker', 'build', ...buildArgs, '-f', relative(ROOT, dockerfile), '-t', tag, '.'].join(' ')}`);
    continue;
  }
  // A fresh context per build: concurrent builds never share a staging folder.
  const context = mkdtempSync(join(tmpdir(), `junction-image-${name}-`));
  try {
    const started = performance.now();
    const notes = await stage(name, join(context, 'docker/.build', name));
    for (const note of notes) console.error(`note: ${note}`);
    const labels = values.label.flatMap((label) => ['--label', label]);
    const args = [
      'build',
      ...(values.quiet ? ['-q'] : []),
      ...buildArgs,
      ...labels,
      '-f',
      dockerfile,
      '-t',
      tag,
      context,
    ];
    if (!values.quiet) console.log(`build-image: docker ${args.join(' ')}`);
    const result = spawnSync('docker', args, { stdio: 'inherit' });
    if (result.status !== 0) {
      console.error(
        `build-image: docker build of ${name} failed (${result.error?.message ?? `exit ${result.status}`})`,
      );
      process.exit(1);
    }
    if (!values.quiet)
      console.log(`build-image: ${tag} built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}
