/**
 * The benchmark's two fixed backends, as issue #12's method has them: one nginx worker answering
 * every request with the same small JSON body on two ports, when nginx is installed; else two
 * `node:http` servers (`fixed-backend.ts`). nginx costs a third of a Node server's CPU per
 * request, which matters twice: pinned, the backends share CPU 0 with the load generator, so a
 * Node backend caps every target's throughput (nginx and HAProxy most); unpinned (the workers
 * run), it takes CPU from the Junction workers being measured.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startChild, type Child } from '../procs/child';
import { waitForHttp } from '../procs/http-wait';
import { freePort } from '../procs/ports';
import { onCpu } from './cpus';
import { startFixedBackend } from './targets';

/** Running backends. */
export interface FixedBackends {
  readonly ports: readonly number[];
  /** The process answering on each port (the same nginx master for both). */
  readonly pids: readonly number[];
  readonly children: readonly Child[];
  /** How they run, for the report. */
  readonly description: string;
}

/** The body a backend named `name` sends: 128 bytes of JSON with a newline, as `fixed-backend.ts`. */
export function fixedBody(name: string, size = 128): string {
  return `{"server":"${name}","pad":"${'x'.repeat(Math.max(0, size - name.length - 23))}"}\n`;
}

/** nginx configuration serving `fixedBody(name)` for each `[name, port]` (one worker, no logs). */
export function nginxBackendConfig(dir: string, servers: readonly (readonly [string, number])[]): string {
  const blocks = servers.map(([name, port]) => {
    const body = fixedBody(name).replaceAll('\\', '\\\\').replaceAll('"', '\\"').replace('\n', '\\n');
    return [
      '  server {',
      `    listen 127.0.0.1:${port};`,
      '    keepalive_requests 1000000;',
      '    default_type application/json;',
      `    location / { return 200 "${body}"; }`,
      '  }',
    ].join('\n');
  });
  return [
    'worker_processes 1;',
    'daemon off;',
    `pid ${join(dir, 'backends-nginx.pid')};`,
    `error_log ${join(dir, 'backends-nginx-error.log')} error;`,
    'events { worker_connections 4096; }',
    'http {',
    '  access_log off;',
    `  client_body_temp_path ${dir};`,
    ...blocks,
    '}',
    '',
  ].join('\n');
}

/**
 * Starts the backends named `names` on `cpu` (undefined: unpinned): nginx when `nginx` is a path,
 * else Node servers. `dir` holds nginx's configuration.
 */
export async function startFixedBackends(
  names: readonly string[],
  cpu: number | string | undefined,
  dir: string,
  nginx: string | undefined,
): Promise<FixedBackends> {
  if (nginx === undefined) {
    const started = [];
    for (const name of names) started.push(await startFixedBackend(name, cpu));
    return {
      ports: started.map((b) => b.port),
      pids: started.map((b) => b.child.pid),
      children: started.map((b) => b.child),
      description: `${names.length} × node:http fixed 128-byte response`,
    };
  }
  const servers: [string, number][] = [];
  for (const name of names) servers.push([name, await freePort()]);
  const conf = join(dir, 'backends-nginx.conf');
  await writeFile(conf, nginxBackendConfig(dir, servers));
  const child = startChild({
    name: 'backends (nginx)',
    ...onCpu(cpu, nginx, ['-p', dir, '-e', join(dir, 'backends-nginx-error.log'), '-c', conf]),
  });
  try {
    for (const [, port] of servers) await waitForHttp(`http://127.0.0.1:${port}/`, { child, timeoutMs: 10_000 });
  } catch (err) {
    await child.stop('SIGKILL');
    throw err;
  }
  return {
    ports: servers.map(([, port]) => port),
    pids: servers.map(() => child.pid),
    children: [child],
    description: `${names.length} × nginx fixed 128-byte response (one nginx, worker_processes 1)`,
  };
}
