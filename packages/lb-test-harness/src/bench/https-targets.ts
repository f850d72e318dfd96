/**
 * Starting the HTTPS benchmark's two TLS terminators in front of the fixed backends: nginx with
 * `nginxTlsConfig`, and Junction with an entry point `websecure` and the certificate from its
 * dynamic file (`tls.certificates`) — each pinned to the proxy's CPU when the plan pins — and
 * waiting until each answers over HTTPS with the benchmark's certificate (verified against it).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { HarnessError } from '../errors';
import { startChild, type Child } from '../procs/child';
import type { EntryPreference } from '../procs/node-entry';
import { freePort } from '../procs/ports';
import { onCpu } from './cpus';
import { junctionNote, startBenchJunction } from './junction-target';
import { junctionHttpsYaml, nginxTlsConfig } from './https-configs';
import type { BenchCertificate } from './tls-cert';

/** The HTTPS benchmark's targets. */
export type HttpsTargetName = 'nginx' | 'junction';

/** A running TLS terminator. */
export interface HttpsTarget {
  readonly name: HttpsTargetName;
  /** `https://127.0.0.1:<port>/` */
  readonly url: string;
  /** `127.0.0.1:<port>` for s_time. */
  readonly hostPort: string;
  readonly child: Child;
  readonly note: string;
}

/** What starting one needs. */
export interface HttpsStartContext {
  readonly root: string;
  readonly dir: string;
  readonly backends: readonly number[];
  readonly cert: BenchCertificate;
  /** nginx's path, when installed. */
  readonly nginx?: string;
  readonly prefer?: EntryPreference;
  readonly proxyCpu?: number;
}

/** Polls `url` until it answers 2xx over TLS verified against `ca` (the benchmark's certificate). */
export async function waitForHttps(url: string, ca: string, child: Child, timeoutMs = 20_000): Promise<void> {
  const agent = new Agent({ connect: { ca, rejectUnauthorized: true } });
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  try {
    while (Date.now() < deadline) {
      if (child.done)
        throw new HarnessError(
          'HARNESS_START_FAILED',
          `${child.name} exited before ${url} answered:\n${child.output()}`,
        );
      try {
        const res = await request(url, { dispatcher: agent, signal: AbortSignal.timeout(1000) });
        await res.body.dump();
        if (res.statusCode >= 200 && res.statusCode < 300) return;
        last = `status ${res.statusCode}`;
      } catch (err) {
        last = err instanceof Error ? `${err.message}${'code' in err ? ` (${String(err.code)})` : ''}` : String(err);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await agent.close();
  }
  throw new HarnessError(
    'HARNESS_START_FAILED',
    `${url} did not answer over HTTPS with the benchmark's certificate (${last}):\n${child.output()}`,
  );
}

async function startNginx(ctx: HttpsStartContext): Promise<HttpsTarget> {
  if (ctx.nginx === undefined) throw new HarnessError('HARNESS_MISSING', 'nginx is not installed');
  const dir = join(ctx.dir, 'nginx-tls');
  await mkdir(dir, { recursive: true });
  const port = await freePort();
  const conf = join(dir, 'nginx.conf');
  await writeFile(
    conf,
    nginxTlsConfig({ port, backends: ctx.backends, dir, certFile: ctx.cert.certFile, keyFile: ctx.cert.keyFile }),
  );
  const child = startChild({
    name: 'nginx (TLS)',
    ...onCpu(ctx.proxyCpu, ctx.nginx, ['-p', dir, '-e', join(dir, 'error.log'), '-c', conf]),
  });
  const url = `https://127.0.0.1:${port}/`;
  await waitForHttps(url, ctx.cert.certPem, child);
  return {
    name: 'nginx',
    url,
    hostPort: `127.0.0.1:${port}`,
    child,
    note: `${ctx.nginx}: worker_processes 1, TLS 1.2–1.3, upstream keepalive`,
  };
}

async function startJunctionTls(ctx: HttpsStartContext): Promise<HttpsTarget> {
  const tlsPort = await freePort();
  const j = await startBenchJunction({
    root: ctx.root,
    dir: join(ctx.dir, 'junction-tls'),
    yaml: junctionHttpsYaml({ backends: ctx.backends, certFile: ctx.cert.certFile, keyFile: ctx.cert.keyFile }),
    prefer: ctx.prefer,
    proxyCpu: ctx.proxyCpu,
    extraFlags: [`--entrypoints.websecure.address=127.0.0.1:${tlsPort}`],
  });
  const url = `https://127.0.0.1:${tlsPort}/`;
  try {
    await waitForHttps(url, ctx.cert.certPem, j.child);
  } catch (err) {
    await j.child.stop('SIGKILL');
    throw err;
  }
  const note = junctionNote(j, 'one Node process', 'entry point websecure, file certificate (tls.certificates)');
  return { name: 'junction', url, hostPort: `127.0.0.1:${tlsPort}`, child: j.child, note };
}

/** Starts `name`. */
export function startHttpsTarget(name: HttpsTargetName, ctx: HttpsStartContext): Promise<HttpsTarget> {
  return name === 'nginx' ? startNginx(ctx) : startJunctionTls(ctx);
}
