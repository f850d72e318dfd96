/**
 * What the pinned forwarding benchmark (`pinned.bench.ts`) starts: two nginx backends answering
 * a ~100-byte body (fast enough that they are never the bottleneck), the raw dispatch reference
 * proxy and Junction (the real CLI from a package folder, so an older checkout can be measured
 * beside this one), each under `taskset`, and /proc readers for their CPU time and memory.
 */
import { NODE_FLAGS, PROCESS_ENV } from '../bin/node-flags.mjs';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The body every backend answers (100 bytes). */
export const BACKEND_BODY =
  '{"joke":"Why do programmers prefer dark mode? Because light attracts bugs.","id":"nginx-backend-0"}';

/** A free loopback TCP port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Waits until `url` answers (any status), for at most `ms`. */
export async function waitFor(url: string, host: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      const res = await fetch(url, { headers: { host } });
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts a process pinned to `cpu` with `taskset`. */
export function pinned(
  cpu: number,
  command: string,
  args: readonly string[],
  cwd?: string,
  env?: NodeJS.ProcessEnv,
): ChildProcess {
  return spawn('taskset', ['-c', String(cpu), command, ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
    ...(cwd === undefined ? {} : { cwd }),
    ...(env === undefined ? {} : { env: { ...process.env, ...env } }),
  });
}

/** Two nginx servers (one process, one worker: `master_process off`) on CPU `cpu`. */
export async function startNginxBackends(cpu: number): Promise<{ proc: ChildProcess; urls: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'junction-bench-nginx-'));
  const ports = [await freePort(), await freePort()];
  const servers = ports.map(
    (port) =>
      `server { listen 127.0.0.1:${port}; location / { default_type application/json; return 200 '${BACKEND_BODY}'; } }`,
  );
  writeFileSync(
    join(dir, 'nginx.conf'),
    [
      'daemon off; master_process off; worker_processes 1;',
      `pid ${dir}/nginx.pid; error_log ${dir}/error.log;`,
      'events { worker_connections 4096; }',
      'http {',
      `  access_log off; keepalive_requests 1000000; keepalive_timeout 120s;`,
      `  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;`,
      ...servers.map((s) => `  ${s}`),
      '}',
    ].join('\n'),
  );
  const proc = pinned(cpu, 'nginx', ['-p', dir, '-c', join(dir, 'nginx.conf')]);
  const urls = ports.map((port) => `http://127.0.0.1:${port}`);
  await waitFor(`${urls[0] as string}/`, 'backend');
  return { proc, urls };
}

/** The reference proxy (`dispatch-reference-server.ts`) on CPU `cpu`. */
export async function startReference(
  cpu: number,
  upstreams: readonly string[],
  nodeFlags: readonly string[] = [],
): Promise<{ proc: ChildProcess; port: number }> {
  const port = await freePort();
  const script = fileURLToPath(new URL('./dispatch-reference-server.ts', import.meta.url));
  const proc = pinned(cpu, process.execPath, [...nodeFlags, '--import', 'tsx', script, String(port), ...upstreams]);
  await waitFor(`http://127.0.0.1:${port}/`, 'bench.local');
  return { proc, port };
}

/** Junction from `packageDir` (its `src/main.ts`, through tsx) on CPU `cpu`, with the configuration (`BENCH_METRICS=0`: without metrics), the shipped environment (`PROCESS_ENV`, unless this process's sets the same names) and `env`. */
export async function startJunction(
  cpu: number,
  packageDir: string,
  upstreams: readonly string[],
  nodeFlags: readonly string[] = [],
  extraArgs: readonly string[] = [],
  env?: Readonly<Record<string, string>>,
): Promise<{ proc: ChildProcess; port: number; metricsPort: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'junction-bench-'));
  const file = join(dir, 'dynamic.yml');
  writeFileSync(
    file,
    [
      'http:',
      '  routers:',
      '    bench:',
      '      rule: "Host(`bench.local`)"',
      '      service: pool',
      '  services:',
      '    pool:',
      '      loadBalancer:',
      '        sticky:',
      '          cookie:',
      '            name: bench_sticky',
      '        servers:',
      ...upstreams.map((url) => `          - url: "${url}"`),
    ].join('\n'),
  );
  const port = await freePort();
  const metricsPort = await freePort();
  const proc = pinned(
    cpu,
    process.execPath,
    [
      ...NODE_FLAGS,
      ...nodeFlags,
      '--conditions=junction-source',
      '--import',
      'tsx',
      join(packageDir, 'src/main.ts'),
      `--entrypoints.web.address=127.0.0.1:${port}`,
      `--entrypoints.traefik.address=127.0.0.1:${metricsPort}`,
      `--providers.file.filename=${file}`,
      ...(process.env.BENCH_METRICS === '0' ? [] : ['--metrics.prometheus']),
      '--log.level=ERROR',
      ...extraArgs,
    ],
    packageDir,
    { ...PROCESS_ENV, ...process.env, ...env },
  );
  await waitFor(`http://127.0.0.1:${port}/`, 'bench.local');
  return { proc, port, metricsPort };
}

/** utime + stime of `pid` (all its threads), in microseconds. */
export function cpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // fields 14 and 15 of proc(5)
  return (ticks * 1_000_000) / 100; // USER_HZ is 100 on Linux
}

/** VmRSS and VmHWM of `pid`, in MiB. */
export function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}
