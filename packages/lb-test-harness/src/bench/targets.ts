/**
 * Starting the benchmark's targets: the two fixed backends, and in front of them Junction,
 * nginx, HAProxy and Caddy, each as a child process on its own loopback port with a private
 * directory. `direct` is the first backend itself, the no-proxy baseline.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HarnessError } from '../errors';
import { startChild, type Child } from '../procs/child';
import { waitForHttp } from '../procs/http-wait';
import { startJunction } from '../procs/junction';
import type { EntryPreference } from '../procs/node-entry';
import { freePort } from '../procs/ports';
import { caddyConfig, haproxyConfig, junctionBenchYaml, nginxConfig, type ProxyLayout } from './proxy-configs';

/** Names of benchmark targets. */
export type TargetName = 'direct' | 'junction' | 'nginx' | 'haproxy' | 'caddy';

/** Every target, in report order. */
export const TARGET_NAMES: readonly TargetName[] = Object.freeze(['direct', 'junction', 'nginx', 'haproxy', 'caddy']);

/** A running target. */
export interface RunningTarget {
  readonly name: TargetName;
  readonly url: string;
  /** The process to stop (none for `direct`). */
  readonly child?: Child;
  /** Extra facts for the report (how it runs). */
  readonly note: string;
}

/** The fixed backend script: the `.ts` source beside this file, or the built `.js`. */
export function fixedBackendPath(): string {
  for (const rel of ['./fixed-backend.ts', './fixed-backend.js', './bench/fixed-backend.ts']) {
    const path = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new HarnessError('HARNESS_MISSING', 'fixed-backend script not found beside the harness');
}

/** Starts one fixed backend on a free port. */
export async function startFixedBackend(name: string): Promise<{ child: Child; port: number }> {
  const port = await freePort();
  const child = startChild({ name: `backend ${name}`, command: process.execPath, args: [fixedBackendPath()], env: { PORT: String(port), BACKEND_NAME: name } });
  await waitForHttp(`http://127.0.0.1:${port}/`, { child, timeoutMs: 10_000 });
  return { child, port };
}

/** What starting a proxy needs. */
export interface StartContext {
  readonly root: string;
  readonly dir: string;
  readonly backends: readonly number[];
  readonly binaries: Readonly<Partial<Record<TargetName, string>>>;
  readonly prefer?: EntryPreference;
}

async function startConfigured(
  name: TargetName,
  ctx: StartContext,
  file: string,
  render: (layout: ProxyLayout) => string,
  args: (path: string, dir: string) => string[],
  how: string,
  env: Record<string, string> = {},
): Promise<RunningTarget> {
  const binary = ctx.binaries[name];
  if (binary === undefined) throw new HarnessError('HARNESS_MISSING', `${name} is not installed`);
  const dir = join(ctx.dir, name);
  await mkdir(dir, { recursive: true });
  const port = await freePort();
  const path = join(dir, file);
  await writeFile(path, render({ port, backends: ctx.backends, dir }));
  const child = startChild({ name, command: binary, args: args(path, dir), env });
  const url = `http://127.0.0.1:${port}/`;
  await waitForHttp(url, { child, timeoutMs: 15_000 });
  return { name, url, child, note: `${binary}: ${how}` };
}

/** Starts target `name` in front of the backends. */
export async function startTarget(name: TargetName, ctx: StartContext): Promise<RunningTarget> {
  switch (name) {
    case 'direct':
      return { name, url: `http://127.0.0.1:${ctx.backends[0] ?? 0}/`, note: 'first backend, no proxy' };
    case 'junction': {
      const dir = join(ctx.dir, 'junction');
      await mkdir(dir, { recursive: true });
      const file = join(dir, 'dynamic.yml');
      await writeFile(file, junctionBenchYaml({ backends: ctx.backends }));
      const [webPort, adminPort] = [await freePort(), await freePort()];
      const j = await startJunction({ root: ctx.root, dynamicFile: file, webPort, adminPort, prefer: ctx.prefer });
      await waitForHttp(`${j.webUrl}/`, { child: j.child, timeoutMs: 15_000 });
      return { name, url: `${j.webUrl}/`, child: j.child, note: `one Node ${process.version} process (lb-server ${j.from})` };
    }
    case 'nginx':
      return startConfigured(name, ctx, 'nginx.conf', nginxConfig, (path, dir) => ['-p', dir, '-e', join(dir, 'error.log'), '-c', path], 'worker_processes 1, upstream keepalive');
    case 'haproxy':
      return startConfigured(name, ctx, 'haproxy.cfg', haproxyConfig, (path) => ['-f', path, '-db'], 'nbthread 1, http-reuse always');
    case 'caddy': {
      const home = join(ctx.dir, 'caddy');
      return startConfigured(name, ctx, 'Caddyfile', caddyConfig, (path) => ['run', '--config', path, '--adapter', 'caddyfile'], 'GOMAXPROCS=1', {
        GOMAXPROCS: '1',
        HOME: home,
        XDG_DATA_HOME: home,
        XDG_CONFIG_HOME: home,
      });
    }
  }
}
