/**
 * Starting the benchmark's targets: the two fixed backends, and in front of them Junction, the
 * raw undici dispatch reference, @fastify/http-proxy, nginx, HAProxy and Caddy, each as a child
 * process on its own loopback port with a private directory — pinned to the proxy's CPU when
 * the plan pins. `direct` is the first backend itself, the no-proxy baseline.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HarnessError } from '../errors';
import { startChild, type Child } from '../procs/child';
import { waitForHttp } from '../procs/http-wait';
import type { EntryPreference } from '../procs/node-entry';
import { freePort } from '../procs/ports';
import { onCpu } from './cpus';
import { junctionNote, startBenchJunction } from './junction-target';
import { caddyConfig, haproxyConfig, junctionBenchYaml, nginxConfig, type ProxyLayout } from './proxy-configs';

/** Names of benchmark targets. */
export type TargetName = 'direct' | 'reference' | 'junction' | 'fastify-http-proxy' | 'nginx' | 'haproxy' | 'caddy';

/** Every target, in report order. */
export const TARGET_NAMES: readonly TargetName[] = Object.freeze([
  'direct',
  'reference',
  'junction',
  'fastify-http-proxy',
  'nginx',
  'haproxy',
  'caddy',
]);

/** Targets that are external programs (found on PATH), not Node scripts of the repository. */
export const EXTERNAL_TARGETS: readonly TargetName[] = Object.freeze(['nginx', 'haproxy', 'caddy']);

/** A running target. */
export interface RunningTarget {
  readonly name: TargetName;
  readonly url: string;
  /** The process to stop (none for `direct`). */
  readonly child?: Child;
  /** The process whose tree is measured (the backend for `direct`). */
  readonly measuredPid?: number;
  /** Extra facts for the report (how it runs). */
  readonly note: string;
}

/** A script shipped beside this file: the `.ts` source, or the built `.js` in dist. */
export function scriptPath(name: string): string {
  for (const rel of [`./${name}.ts`, `./${name}.js`, `./bench/${name}.ts`]) {
    const path = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new HarnessError('HARNESS_MISSING', `${name} script not found beside the harness`);
}

/** The fixed backend script. */
export function fixedBackendPath(): string {
  return scriptPath('fixed-backend');
}

/** Starts one fixed backend on a free port (on `cpu` when given). */
export async function startFixedBackend(name: string, cpu?: number | string): Promise<{ child: Child; port: number }> {
  const port = await freePort();
  const run = onCpu(cpu, process.execPath, [fixedBackendPath()]);
  const child = startChild({ name: `backend ${name}`, ...run, env: { PORT: String(port), BACKEND_NAME: name } });
  await waitForHttp(`http://127.0.0.1:${port}/`, { child, timeoutMs: 10_000 });
  return { child, port };
}

/** What starting a proxy needs. */
export interface StartContext {
  readonly root: string;
  readonly dir: string;
  readonly backends: readonly number[];
  /** The backend processes (the first is measured for `direct`). */
  readonly backendPids?: readonly number[];
  readonly binaries: Readonly<Partial<Record<TargetName, string>>>;
  readonly prefer?: EntryPreference;
  /** CPU the proxy runs on, alone (undefined: unpinned). */
  readonly proxyCpu?: number | string;
  /** Junction's `--workers` (omitted: the default, one process). */
  readonly workers?: number;
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
  const child = startChild({ name, ...onCpu(ctx.proxyCpu, binary, args(path, dir)), env });
  const url = `http://127.0.0.1:${port}/`;
  await waitForHttp(url, { child, timeoutMs: 15_000 });
  return { name, url, child, measuredPid: child.pid, note: `${binary}: ${how}` };
}

/**
 * lb-server's own dispatch reference (`node <file> <port> <upstream>…`), which its pinned
 * benchmark uses too; the harness's `reference-proxy` is the fallback when it is absent or this
 * Node cannot run a `.ts` file.
 */
export const LB_SERVER_REFERENCE = 'packages/lb-server/bench/dispatch-reference-server.ts';

/** Whether this Node strips TypeScript types itself (22.18+, 23.6+), so a `.ts` file runs as is. */
export function nodeRunsTypeScript(
  features: { typescript?: unknown } = process.features as { typescript?: unknown },
): boolean {
  return typeof features.typescript === 'string';
}

async function startNodeScript(
  name: TargetName,
  ctx: StartContext,
  script: string,
  how: string,
): Promise<RunningTarget> {
  const port = await freePort();
  const origins = ctx.backends.map((p) => `http://127.0.0.1:${p}`);
  const shared = join(ctx.root, LB_SERVER_REFERENCE);
  const own = script !== 'reference-proxy' || !existsSync(shared) || !nodeRunsTypeScript();
  const args = own ? [scriptPath(script)] : [shared, String(port), ...origins];
  const child = startChild({
    name,
    ...onCpu(ctx.proxyCpu, process.execPath, args),
    cwd: ctx.root,
    env: { PORT: String(port), UPSTREAMS: origins.join(',') },
  });
  const url = `http://127.0.0.1:${port}/`;
  await waitForHttp(url, { child, timeoutMs: 15_000 });
  return {
    name,
    url,
    child,
    measuredPid: child.pid,
    note: `Node ${process.version}: ${how}${own ? '' : ` (${LB_SERVER_REFERENCE})`}`,
  };
}

/** Starts target `name` in front of the backends. */
export async function startTarget(name: TargetName, ctx: StartContext): Promise<RunningTarget> {
  switch (name) {
    case 'direct':
      return {
        name,
        url: `http://127.0.0.1:${ctx.backends[0] ?? 0}/`,
        measuredPid: ctx.backendPids?.[0],
        note: 'first backend, no proxy (shares the load generator’s CPU)',
      };
    case 'reference':
      return startNodeScript(
        name,
        ctx,
        'reference-proxy',
        'node:http + undici Pool.dispatch, handler writing straight into the response',
      );
    case 'fastify-http-proxy':
      return startNodeScript(
        name,
        ctx,
        'fastify-proxy',
        'Fastify + @fastify/http-proxy 11 (reply-from, undici), defaults',
      );
    case 'junction': {
      const j = await startBenchJunction({
        root: ctx.root,
        dir: join(ctx.dir, ctx.workers === undefined ? 'junction' : `junction-${ctx.workers}w`),
        yaml: junctionBenchYaml({ backends: ctx.backends }),
        prefer: ctx.prefer,
        proxyCpu: ctx.proxyCpu,
        extraFlags: ctx.workers === undefined ? [] : [`--workers=${ctx.workers}`],
      });
      await waitForHttp(`${j.webUrl}/`, { child: j.child, timeoutMs: 15_000 });
      const how = ctx.workers === undefined ? 'one Node process' : `--workers ${ctx.workers}`;
      return {
        name,
        url: `${j.webUrl}/`,
        child: j.child,
        measuredPid: j.child.pid,
        note: junctionNote(j, how, 'Host rule'),
      };
    }
    case 'nginx':
      return startConfigured(
        name,
        ctx,
        'nginx.conf',
        nginxConfig,
        (path, dir) => ['-p', dir, '-e', join(dir, 'error.log'), '-c', path],
        'worker_processes 1, upstream keepalive',
      );
    case 'haproxy':
      return startConfigured(
        name,
        ctx,
        'haproxy.cfg',
        haproxyConfig,
        (path) => ['-f', path, '-db'],
        'nbthread 1, http-reuse always',
      );
    case 'caddy': {
      const home = join(ctx.dir, 'caddy');
      return startConfigured(
        name,
        ctx,
        'Caddyfile',
        caddyConfig,
        (path) => ['run', '--config', path, '--adapter', 'caddyfile'],
        'GOMAXPROCS=1',
        {
          GOMAXPROCS: '1',
          HOME: home,
          XDG_DATA_HOME: home,
          XDG_CONFIG_HOME: home,
        },
      );
    }
  }
}
