/**
 * `lb-server --workers 2` end to end (real processes on loopback, a file provider and two
 * upstreams): both workers serve, and they act as one Junction — a sticky cookie set by one
 * worker pins on the other, a drain made through the API on one applies to both, `/metrics` and
 * the dashboard count every worker's requests, active health checks are probed by one worker
 * only, a rewritten file reaches every worker; a worker
 * killed with SIGKILL is replaced (logged) while requests keep succeeding, and SIGTERM to the
 * primary drains every worker (an in-flight request completes) and exits 0.
 *
 * Which worker sent a request is read from the kernel (`/proc`): the upstream sees the
 * connection's port, and the test finds the worker process holding that socket.
 */
import { request } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pidOfConnection, workerPids } from './helpers/cluster-pids';
import { startLbProcess, type LbProcess } from './helpers/lb-process';
import { until } from './helpers/poll';
import { startUpstream, type Upstream } from './helpers/upstreams';

const TOKEN = 'cluster-test-token-0123456789';

interface Seen {
  readonly upstream: string;
  readonly url: string;
  readonly pid: number | undefined;
}

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

let dir: string;
let ups: Upstream[];
let lb: LbProcess;
const seen: Seen[] = [];
let pids: () => number[] = () => [];

/** One request on a new connection (so the primary hands it to the next worker); fails after `timeoutMs`. */
function get(
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

/** Sends `n` requests one after the other; returns what the upstreams saw of them. */
async function sendMany(n: number, headers: Record<string, string> = {}): Promise<{ answers: Answer[]; seen: Seen[] }> {
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

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'junction-cluster-'));
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
  lb = await startLbProcess([
    '--workers=2',
    `--providers.file.filename=${file}`,
    '--metrics.prometheus',
    '--api.insecure',
    `--api.token=${TOKEN}`,
    '--api.stateFile=',
  ]);
  pids = () => workerPids(lb.logs());
  await until(
    () => (lb.logs().filter((l) => l.msg === 'worker ready').length >= 2 ? true : undefined),
    'both workers to be ready',
    30_000,
  );
}, 60_000);

afterAll(async () => {
  if (lb.child.exitCode === null) lb.kill();
  await Promise.all(ups.map((u) => u.close()));
  await rm(dir, { recursive: true, force: true });
});

describe('lb-server --workers 2', () => {
  it('serves on both workers', async () => {
    const { answers, seen: got } = await sendMany(12);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const [w0, w1] = pids();
    expect(new Set(got.map((s) => s.pid))).toEqual(new Set([w0, w1]));
  });

  it('pins a sticky cookie set by one worker on the other', async () => {
    const first = await get(lb.web, '/first');
    const cookie = String(first.headers['set-cookie']).split(';')[0]!;
    expect(cookie).toMatch(/^pin=/);
    const { answers, seen: got } = await sendMany(10, { cookie });
    expect(new Set(answers.map((a) => a.body))).toEqual(new Set([first.body]));
    expect(new Set(got.map((s) => s.pid)).size).toBe(2);
  });

  it('applies a drain made through the API on every worker', async () => {
    const action = (path: string): Promise<Answer> =>
      get(
        lb.traefik,
        path,
        {
          host: '127.0.0.1',
          authorization: `Bearer ${TOKEN}`,
          'content-type': 'application/json',
        },
        'POST',
        JSON.stringify({ service: 'app@file', server: ups[0]!.url }),
      );
    expect((await action('/api/junction/servers/drain')).status).toBe(200);
    const drained = await sendMany(12);
    expect(new Set(drained.answers.map((a) => a.body))).toEqual(new Set(['b']));
    expect(new Set(drained.seen.map((s) => s.pid)).size).toBe(2);
    expect((await action('/api/junction/servers/undrain')).status).toBe(200);
    const back = await sendMany(12);
    expect(new Set(back.answers.map((a) => a.body))).toEqual(new Set(['a', 'b']));
  });

  it("counts every worker's requests in /metrics", async () => {
    const before = await metricTotal('traefik_entrypoint_requests_total', 'entrypoint="web"');
    await sendMany(15);
    expect(await metricTotal('traefik_entrypoint_requests_total', 'entrypoint="web"')).toBe(before + 15);
    expect(await metricTotal('traefik_service_requests_total', 'service="app@file"')).toBeGreaterThanOrEqual(15);
  });

  it("sums the dashboard's statistics over the workers", async () => {
    await sendMany(10);
    const proxied = seen.filter((s) => s.url !== '/health').length;
    const total = async (): Promise<number> => {
      const res = await get(lb.traefik, '/api/junction/state', { host: '127.0.0.1' });
      const state = JSON.parse(res.body) as { services: { name: string; servers: { series: number[] }[] }[] };
      const app = state.services.find((s) => s.name === 'app@file');
      return (app?.servers ?? []).reduce((sum, s) => sum + s.series.reduce((a, b) => a + b, 0), 0);
    };
    // Consecutive new connections go to alternate workers: three equal answers cover both.
    await until(
      async () => {
        const answers = [await total(), await total(), await total()];
        return answers.every((n) => n === proxied) ? true : undefined;
      },
      'every worker to count every request',
      10_000,
    );
  });

  it('probes active health checks from one worker only', async () => {
    await until(
      () => (seen.filter((s) => s.url === '/health' && s.pid !== undefined).length >= 6 ? true : undefined),
      'health probes',
    );
    const probers = new Set(seen.filter((s) => s.url === '/health' && s.pid !== undefined).map((s) => s.pid));
    expect([...probers]).toEqual([pids()[0]]);
  });

  it('reloads a changed file on every worker', async () => {
    const file = join(dir, 'dynamic.yml');
    const text = await readFile(file, 'utf8');
    await writeFile(
      file,
      text.replace(
        '    app: { rule: "Host(`app.test`)", service: app }',
        '    app: { rule: "Host(`app.test`) || Host(`new.test`)", service: app }',
      ),
    );
    // Consecutive new connections go to alternate workers: four 200s in a row cover both.
    await until(
      async () => {
        const answers = [];
        for (let i = 0; i < 4; i++) answers.push((await get(lb.web, '/', { host: 'new.test' })).status);
        return answers.every((s) => s === 200) ? true : undefined;
      },
      'both workers to serve the new rule',
      15_000,
    );
  });

  it('replaces a worker killed with SIGKILL while requests keep succeeding', async () => {
    const victim = pids()[1]!;
    process.kill(victim, 'SIGKILL');
    let retried = 0;
    const statuses: number[] = [];
    const until2 = Date.now() + 2_500;
    while (Date.now() < until2) {
      // A GET whose connection died with its worker is retried, as browsers do. With Node's
      // round-robin, a connection the primary handed to the worker as it died gets no answer
      // (it is neither served nor reset): the client's timeout ends it.
      const answer = await get(lb.web, '/during', {}, 'GET', undefined, 2_000).catch(
        () => ((retried += 1), get(lb.web, '/during')),
      );
      statuses.push(answer.status);
    }
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(retried).toBeLessThanOrEqual(1);
    const died = await until(
      () => lb.logs().find((l) => l.msg === 'worker died: replacing it' && l.pid === victim),
      'the death to be logged',
    );
    expect(died).toMatchObject({ worker: 1, signal: 'SIGKILL' });
    await until(
      () => (lb.logs().filter((l) => l.msg === 'worker ready').length >= 3 ? true : undefined),
      'the replacement to be ready',
      30_000,
    );
    const replacement = pids()[2]!;
    expect(replacement).not.toBe(victim);
    const { seen: got } = await sendMany(8);
    expect(new Set(got.map((s) => s.pid))).toEqual(new Set([pids()[0], replacement]));
  }, 60_000);

  it('drains every worker on SIGTERM and exits 0', async () => {
    const inFlight = Array.from({ length: 4 }, () => get(lb.web, '/slow'));
    await until(
      () => (seen.filter((s) => s.url === '/slow').length >= 4 ? true : undefined),
      'the slow requests to arrive',
    );
    const code = await lb.stop();
    const answers = await Promise.all(inFlight);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(code).toBe(0);
    expect(lb.logs().filter((l) => l.msg === 'worker stopped' && l.code === 0)).toHaveLength(2);
  }, 30_000);
});
