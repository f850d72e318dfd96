/**
 * Set-up shared by the `--workers 2` tests (cluster.test.ts): two loopback upstreams that record
 * which worker process sent each request (read from the kernel, `/proc`: the upstream sees the
 * connection's port, helpers/cluster-pids.ts finds the worker holding that socket), a file
 * provider pointing at them (sticky cookie, active health check) and `lb-server --workers=2`
 * with metrics and the API, started as a real process tree; requests on new connections.
 */
import { request } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pidOfConnection, untilWorkersReady, workerPids } from './cluster-pids';
import { startLbProcess, type LbProcess } from './lb-process';
import { startUpstream, type Upstream } from './upstreams';

/** A request an upstream received, and the worker that sent it. */
export interface Seen {
  readonly upstream: string;
  readonly url: string;
  readonly pid: number | undefined;
}

/** An answer through the proxy. */
export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** The running cluster and what its upstreams saw; `close` kills it if still running. */
export interface Cluster {
  /** Holds `dynamic.yml`, the file provider's file. */
  readonly dir: string;
  readonly ups: Upstream[];
  readonly lb: LbProcess;
  readonly seen: Seen[];
  /** The workers' PIDs in the order they logged being ready. */
  readonly pids: () => number[];
  /** Sends `n` requests one after the other; returns what the upstreams saw of them. */
  readonly sendMany: (n: number, headers?: Record<string, string>) => Promise<{ answers: Answer[]; seen: Seen[] }>;
  /** The sum of a counter's series in `/metrics` whose labels contain `filter`. */
  readonly metricTotal: (name: string, filter: string) => Promise<number>;
  close(): Promise<void>;
}

/** One request on a new connection (so the primary hands it to the next worker); fails after `timeoutMs`. */
export function get(
  base: string,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
  body?: string,
  timeoutMs = 10_000,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      { method, agent: false, timeout: timeoutMs, headers: { host: 'app.test', ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    req.end(body);
  });
}

/** Starts the upstreams and `lb-server --workers=2` with the API token `token`; resolves once both workers are ready. */
export async function startCluster(token: string): Promise<Cluster> {
  const seen: Seen[] = [];
  let pids: () => number[] = () => [];
  let ups: Upstream[] = [];
  const dir = await mkdtemp(join(tmpdir(), 'junction-cluster-'));
  ups = await Promise.all(
    ['a', 'b'].map((id) =>
      startUpstream(id, (req, res) => {
        const up = ups.find((u) => u.id === id)!;
        seen.push({
          upstream: id,
          url: req.url ?? '',
          pid: pidOfConnection(req.socket.remotePort ?? 0, up.port, pids()),
        });
        req.resume();
        setTimeout(() => res.end(id), req.url === '/slow' ? 800 : 0);
      }),
    ),
  );
  const file = join(dir, 'dynamic.yml');
  await writeFile(
    file,
    [
      'http:',
      '  routers:',
      '    app: { rule: "Host(`app.test`)", service: app }',
      '  services:',
      '    app:',
      '      loadBalancer:',
      '        sticky: { cookie: { name: pin } }',
      '        healthCheck: { path: /health, interval: 300ms }',
      `        servers: [{ url: "${ups[0]!.url}" }, { url: "${ups[1]!.url}" }]`,
      '',
    ].join('\n'),
  );
  const lb = await startLbProcess([
    '--workers=2',
    `--providers.file.filename=${file}`,
    '--metrics.prometheus',
    '--api.insecure',
    `--api.token=${token}`,
    '--api.stateFile=',
  ]);
  pids = () => workerPids(lb.logs());
  await untilWorkersReady(lb.logs, 2, 'both workers to be ready');

  /** Sends `n` requests one after the other; returns what the upstreams saw of them. */
  async function sendMany(
    n: number,
    headers: Record<string, string> = {},
  ): Promise<{ answers: Answer[]; seen: Seen[] }> {
    const from = seen.length;
    const answers: Answer[] = [];
    for (let i = 0; i < n; i++) answers.push(await get(lb.web, `/r${i}`, headers));
    return { answers, seen: seen.slice(from).filter((s) => s.url !== '/health') };
  }

  async function metricTotal(name: string, filter: string): Promise<number> {
    const res = await fetch(`${lb.traefik}/metrics`);
    const text = await res.text();
    return text
      .split('\n')
      .filter((l) => l.startsWith(`${name}{`) && l.includes(filter))
      .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
  }

  return {
    dir,
    ups,
    lb,
    seen,
    pids: () => pids(),
    sendMany,
    metricTotal,
    async close() {
      if (lb.child.exitCode === null) lb.kill();
      await Promise.all(ups.map((u) => u.close()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
