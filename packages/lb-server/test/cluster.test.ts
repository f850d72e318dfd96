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
 * connection's port, and the test finds the worker process holding that socket. The set-up:
 * helpers/cluster-fixture.ts.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, startCluster, type Answer, type Cluster, type Seen } from './helpers/cluster-fixture';
import { untilWorkersReady } from './helpers/cluster-pids';
import type { LbProcess } from './helpers/lb-process';
import { until } from './helpers/poll';
import type { Upstream } from './helpers/upstreams';

const TOKEN = 'cluster-test-token-0123456789';

let cluster: Cluster | undefined;
let dir: string;
let ups: Upstream[];
let lb: LbProcess;
let seen: Seen[];
let pids: () => number[] = () => [];
let sendMany: Cluster['sendMany'];
let metricTotal: Cluster['metricTotal'];

beforeAll(async () => {
  cluster = await startCluster(TOKEN);
  ({ dir, ups, lb, seen, pids, sendMany, metricTotal } = cluster);
}, 60_000);

afterAll(async () => {
  await cluster?.close();
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
    await untilWorkersReady(lb.logs, 3, 'the replacement to be ready');
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
