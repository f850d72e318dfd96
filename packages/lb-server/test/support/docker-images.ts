/**
 * Test images built without any registry (see /work/shared/notes/docker-here.md): a Node base
 * image made from the host's own `node` binary and the shared libraries `ldd` lists
 * (`docker import`, about a second), and a tiny HTTP app built `FROM` it with
 * `--build-arg NODE_IMAGE=…`. Nothing is ever pulled: the base image exists locally before the
 * build starts, so the legacy builder never resolves it remotely.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The local Node base image. */
export const NODE_BASE_IMAGE = 'junction-test-node:local';
/** The test app image. */
export const TEST_APP_IMAGE = 'junction-test-app:local';
/** Label on everything the tests build or create, for cleanup by label. */
export const TEST_LABEL = 'junction.test';

const HERE = dirname(fileURLToPath(import.meta.url));
const NODE_BIN = join(HERE, '../../../../node_modules/.bin/node');

/** Images this process built (to remove at the end). */
export interface BuiltImages {
  readonly created: readonly string[];
}

/** The image's `junction.test.hash` label, or undefined when the image does not exist. */
function imageHash(tag: string): string | undefined {
  const out = spawnSync('docker', ['image', 'inspect', '--format', `{{ index .Config.Labels "${HASH_LABEL}" }}`, tag], {
    encoding: 'utf8',
  });
  return out.status === 0 ? out.stdout.trim() : undefined;
}

const HASH_LABEL = 'junction.test.hash';

/**
 * Builds the base and app images unless present with the same content hash (node binary; app
 * source and Dockerfile), so a stale image is never reused; returns the ones it created.
 */
export function ensureTestImages(): BuiltImages {
  const created: string[] = [];
  const node = realpathSync(NODE_BIN);
  const baseHash = createHash('sha256')
    .update(`${node}:${statSync(node).size}:${statSync(node).mtimeMs}`)
    .digest('hex')
    .slice(0, 16);
  if (imageHash(NODE_BASE_IMAGE) !== baseHash) {
    buildNodeBase(baseHash);
    created.push(NODE_BASE_IMAGE);
  }
  const appHash = createHash('sha256').update(`${baseHash}\n${APP_SOURCE}\n${DOCKERFILE}`).digest('hex').slice(0, 16);
  if (imageHash(TEST_APP_IMAGE) !== appHash) {
    buildApp(appHash);
    created.push(TEST_APP_IMAGE);
  }
  return { created };
}

/** Removes the images this process created (by tag), and dangling images with the tests' label; never others. */
export function removeTestImages(images: BuiltImages): void {
  for (const tag of [...images.created].reverse()) spawnSync('docker', ['image', 'rm', '-f', tag], { stdio: 'ignore' });
  // Untagged leftovers (a rebuilt image's predecessor, build layers) carrying the tests' label.
  if (images.created.length > 0)
    spawnSync('docker', ['image', 'prune', '-f', '--filter', `label=${TEST_LABEL}=1`], { stdio: 'ignore' });
}

function buildNodeBase(hash: string): void {
  const node = realpathSync(NODE_BIN);
  const dir = mkdtempSync(join(tmpdir(), 'junction-node-image-'));
  try {
    const root = join(dir, 'rootfs');
    const put = (source: string, target: string) => {
      mkdirSync(dirname(join(root, target)), { recursive: true });
      copyFileSync(realpathSync(source), join(root, target));
    };
    put(node, '/usr/local/bin/node');
    const ldd = execFileSync('ldd', [node], { encoding: 'utf8' });
    for (const line of ldd.split('\n')) {
      const path = /=>\s*(\/\S+)/.exec(line)?.[1] ?? /^\s*(\/\S+)/.exec(line)?.[1];
      if (path !== undefined) put(path, path);
    }
    for (const cert of ['/etc/ssl/certs/ca-certificates.crt']) {
      if (spawnSync('test', ['-f', cert]).status === 0) put(cert, cert);
    }
    mkdirSync(join(root, 'etc'), { recursive: true });
    writeFileSync(
      join(root, 'etc/passwd'),
      'root:x:0:0:root:/root:/usr/sbin/nologin\nnode:x:1000:1000::/home/node:/usr/sbin/nologin\n',
    );
    writeFileSync(join(root, 'etc/group'), 'root:x:0:\nnode:x:1000:\n');
    for (const d of ['tmp', 'app', 'root']) mkdirSync(join(root, d), { recursive: true, mode: 0o1777 });
    execFileSync('tar', ['-C', root, '-cf', join(dir, 'rootfs.tar'), '.']);
    execFileSync(
      'docker',
      [
        'import',
        '--change',
        'ENV PATH=/usr/local/bin:/usr/bin:/bin',
        '--change',
        'WORKDIR /app',
        '--change',
        'CMD ["node"]',
        '--change',
        `LABEL ${TEST_LABEL}=1 ${HASH_LABEL}=${hash}`,
        join(dir, 'rootfs.tar'),
        NODE_BASE_IMAGE,
      ],
      { stdio: 'ignore' },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A one-file HTTP server: answers its hostname, `HOSTNAME` and `INSTANCE` as JSON, sleeps
 * `?delay=ms` first, has a `/health` endpoint whose answer `/health/fail` and `/health/ok` switch
 * (for HEALTHCHECK tests), a `/crash` endpoint that exits the process with code 3, and on SIGTERM stops accepting, finishes in-flight requests (closing their connections) and exits.
 */
const APP_SOURCE = `
import http from 'node:http';
import os from 'node:os';
let healthy = true;
let stopping = false;
const server = http.createServer((req, res) => {
  if (stopping) res.setHeader('connection', 'close');
  res.on('finish', () => stopping && server.closeIdleConnections());
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname === '/health/fail' || url.pathname === '/health/ok') { healthy = url.pathname === '/health/ok'; res.end('ok'); return; }
  if (url.pathname === '/health') { res.statusCode = healthy ? 200 : 500; res.end(healthy ? 'ok' : 'failing'); return; }
  if (url.pathname === '/crash') { res.end('bye', () => process.exit(3)); return; }
  setTimeout(() => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ hostname: os.hostname(), HOSTNAME: process.env.HOSTNAME ?? '', instance: process.env.INSTANCE ?? '' }));
  }, Number(url.searchParams.get('delay') ?? 0));
});
server.listen(Number(process.env.PORT ?? 3000), '0.0.0.0');
process.on('SIGTERM', () => {
  stopping = true;
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 8000).unref();
});
`;

const DOCKERFILE = `ARG NODE_IMAGE=node:24-slim
FROM \${NODE_IMAGE}
COPY server.mjs /app/server.mjs
EXPOSE 3000
CMD ["node", "/app/server.mjs"]
`;

function buildApp(hash: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'junction-app-image-'));
  try {
    writeFileSync(join(dir, 'server.mjs'), APP_SOURCE);
    writeFileSync(join(dir, 'Dockerfile'), DOCKERFILE);
    execFileSync(
      'docker',
      [
        'build',
        '-q',
        '--build-arg',
        `NODE_IMAGE=${NODE_BASE_IMAGE}`,
        '--label',
        `${TEST_LABEL}=1`,
        '--label',
        `${HASH_LABEL}=${hash}`,
        '-t',
        TEST_APP_IMAGE,
        dir,
      ],
      {
        stdio: 'ignore',
        env: { ...process.env, DOCKER_BUILDKIT: '0' },
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
