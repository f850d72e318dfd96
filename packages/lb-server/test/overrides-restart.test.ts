/**
 * Operator overrides across a restart of the real `lb-server` process (file provider, two
 * loopback backends, `--api.stateFile` in a temporary folder): a server drained through the
 * actions API is still drained after SIGTERM and a new start with the same file (no request
 * reaches it), the file is mode 0600 and was written on the way out; overrides for servers that
 * are not there are kept, listed and cleared through the API (credentials, same-origin, audit);
 * a corrupt file is set aside and reported while Junction serves; an unwritable one is reported
 * while the drain still applies in memory.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardState, OrphanOverrideState, PersistenceState, ServiceState } from '../src/dashboard/state-types';
import { send, upstreamIds, type Answer } from './helpers/junction';
import { startLbProcess, type LbProcess } from './helpers/lb-process';
import { until } from './helpers/poll';
import { startUpstreams, type Upstream } from './helpers/upstreams';

const TOKEN = 'restart-token-0123456789';
const BEARER = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
const SERVICE = 'app@file';

let dir: string;
let ups: Upstream[];
let dynamic: string;
const running: LbProcess[] = [];

beforeAll(async () => {
  [dir, ups] = await Promise.all([mkdtemp(join(tmpdir(), 'junction-restart-')), startUpstreams(2)]);
  dynamic = join(dir, 'dynamic.yml');
  await writeFile(
    dynamic,
    [
      'http:',
      '  routers:',
      '    app:',
      '      rule: "PathPrefix(`/`)"',
      '      service: app',
      '  services:',
      '    app:',
      '      loadBalancer:',
      '        servers:',
      ...ups.map((u) => `          - url: ${u.url}`),
      '',
    ].join('\n'),
  );
});
afterEach(() => {
  for (const lb of running.splice(0)) lb.kill();
});
afterAll(async () => {
  await Promise.all((ups ?? []).map((u) => u.close()));
  await rm(dir, { recursive: true, force: true });
});

async function start(stateFile: string): Promise<LbProcess> {
  const lb = await startLbProcess([
    `--api.token=${TOKEN}`,
    `--api.stateFile=${stateFile}`,
    `--providers.file.filename=${dynamic}`,
    '--providers.providersThrottleDuration=50ms',
  ]);
  running.push(lb);
  await until(
    async () => ((await appService(lb).catch(() => undefined))?.servers.length === 2 ? true : undefined),
    'the file configuration',
  );
  return lb;
}
const state = async (lb: LbProcess): Promise<DashboardState> =>
  (await send(`${lb.traefik}/api/junction/state`)).json<DashboardState>();
async function appService(lb: LbProcess): Promise<ServiceState> {
  const found = (await state(lb)).services.find((s) => s.name === SERVICE);
  if (found === undefined) throw new Error(`no ${SERVICE}`);
  return found;
}
const act = (
  lb: LbProcess,
  method: 'POST' | 'DELETE',
  path: string,
  body: unknown,
  headers: Record<string, string> = BEARER,
): Promise<Answer> => send(`${lb.traefik}${path}`, { method, headers, body: JSON.stringify(body) });

/** Who answered `n` requests through `web`. */
const traffic = (lb: LbProcess, n: number): Promise<string[]> => upstreamIds(`${lb.web}/x`, n);

describe('overrides survive a restart of lb-server', { timeout: 60_000 }, () => {
  it('keeps a drain set through the API across SIGTERM and a new start; the file is 0600', async () => {
    const file = join(dir, 'drain', 'state', 'overrides.json');
    const [s1] = ups;
    const first = await start(file);
    expect((await state(first)).persistence).toMatchObject({ enabled: true, path: file, state: 'ok' });
    expect(new Set(await traffic(first, 6))).toEqual(new Set(['s1', 's2']));
    expect(
      (await act(first, 'POST', '/api/junction/servers/drain', { service: SERVICE, server: s1?.url })).status,
    ).toBe(200);
    // Stopped at once: the coalesced write is still pending and must be flushed on the way out.
    expect(await first.stop()).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      servers: [{ service: SERVICE, server: s1?.url, draining: true, by: 'token' }],
    });

    const second = await start(file);
    expect(second.logs().some((l) => l.msg === `overrides restored from ${file}` && l.servers === 1)).toBe(true);
    const restored = (await appService(second)).servers.find((s) => s.url === s1?.url);
    expect(restored).toMatchObject({ state: 'DRAINING', drainOverridden: true });
    const hitsBefore = s1?.hits();
    expect(await traffic(second, 10)).toEqual(Array(10).fill('s2'));
    expect(s1?.hits()).toBe(hitsBefore);
    expect(await second.stop()).toBe(0);
  });

  it('keeps overrides whose element is missing, lists them, and clears them through the API with the action rules', async () => {
    const file = join(dir, 'orphan.json');
    await writeFile(
      file,
      JSON.stringify({
        junction: 'overrides',
        version: 1,
        servers: [{ service: SERVICE, server: 'http://127.0.0.1:1', draining: true, by: 'admin', at: 1 }],
        services: [{ service: 'whoami@docker', strategy: 'p2c', by: 'admin', at: 2 }],
      }),
    );
    const lb = await start(file);
    const orphans = async (): Promise<OrphanOverrideState[]> =>
      (await send(`${lb.traefik}/api/junction/overrides`)).json<{ orphans: OrphanOverrideState[] }>().orphans;
    expect(await orphans()).toEqual([
      { service: SERVICE, server: 'http://127.0.0.1:1', draining: true, by: 'admin', at: 1, missing: 'server' },
      { service: 'whoami@docker', strategy: 'p2c', by: 'admin', at: 2, missing: 'service' },
    ]);
    expect((await state(lb)).orphans).toHaveLength(2);
    expect(new Set(await traffic(lb, 6))).toEqual(new Set(['s1', 's2']));

    const body = { service: SERVICE, server: 'http://127.0.0.1:1' };
    expect(
      (await act(lb, 'DELETE', '/api/junction/overrides', body, { 'content-type': 'application/json' })).status,
    ).toBe(401);
    expect(
      (await act(lb, 'DELETE', '/api/junction/overrides', body, { ...BEARER, origin: 'https://evil.example' })).status,
    ).toBe(403);
    expect(
      (await act(lb, 'DELETE', '/api/junction/overrides', body, { authorization: BEARER.authorization })).status,
    ).toBe(415);
    const cleared = await act(lb, 'DELETE', '/api/junction/overrides', body);
    expect(cleared.status).toBe(200);
    expect((await act(lb, 'DELETE', '/api/junction/overrides', body)).json<{ code: string }>().code).toBe(
      'DASH_NOT_FOUND',
    );
    expect((await act(lb, 'DELETE', '/api/junction/overrides', { service: 'whoami@docker' })).status).toBe(200);
    expect(await orphans()).toEqual([]);
    const audits = lb
      .logs()
      .filter((l) => l.audit === true && l.action === 'override.clear')
      .map((l) => l.outcome);
    expect(audits).toEqual(['refused', 'refused', 'refused', 'ok', 'refused', 'ok']);
    await until(
      () =>
        (JSON.parse(readFileSync(file, 'utf8')) as { servers: unknown[]; services: unknown[] }).servers.length === 0
          ? true
          : undefined,
      'the file without the orphans',
    );
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ servers: [], services: [] });
  });

  it('sets a corrupt file aside, says so in the log and the dashboard, serves, and saves anew beside it', async () => {
    const folder = join(dir, 'corrupt');
    await mkdir(folder);
    const file = join(folder, 'overrides.json');
    await writeFile(file, '{"junction":"overrides","version":1,"servers":[{"service"');
    const lb = await start(file);
    const error = lb.logs().find((l) => l.level === 'error' && l.code === 'DASH_STATE_FILE_CORRUPT');
    expect(error?.msg).toContain(file);
    const persistence: PersistenceState = (await state(lb)).persistence;
    expect(persistence.loadError).toMatchObject({
      code: 'DASH_STATE_FILE_CORRUPT',
      message: expect.stringMatching(/not JSON/) as unknown,
    });
    const aside = persistence.loadError?.setAside ?? '';
    expect(readFileSync(aside, 'utf8')).toBe('{"junction":"overrides","version":1,"servers":[{"service"');
    expect(new Set(await traffic(lb, 6))).toEqual(new Set(['s1', 's2']));
    expect(
      (await act(lb, 'POST', '/api/junction/servers/drain', { service: SERVICE, server: ups[1]?.url })).status,
    ).toBe(200);
    expect(await lb.stop()).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ servers: [{ server: ups[1]?.url }] });
    expect(readdirSync(folder).sort()).toEqual(['overrides.json', aside.slice(folder.length + 1)]);
  });

  it('reports a state file it cannot write, and the drain still applies', async () => {
    const blocker = join(dir, 'not-a-folder');
    await writeFile(blocker, 'a file where the folder should be');
    const file = join(blocker, 'overrides.json');
    const lb = await start(file);
    expect(
      (await act(lb, 'POST', '/api/junction/servers/drain', { service: SERVICE, server: ups[0]?.url })).status,
    ).toBe(200);
    expect(await traffic(lb, 6)).toEqual(Array(6).fill('s2'));
    const persistence = await until(async () => {
      const p = (await state(lb)).persistence;
      return p.state === 'error' ? p : undefined;
    }, 'the write error in the state');
    expect(persistence).toMatchObject({ path: file, pending: true, lastError: { code: 'DASH_STATE_FILE_WRITE' } });
    expect(lb.logs().some((l) => l.level === 'error' && l.code === 'DASH_STATE_FILE_WRITE' && l.path === file)).toBe(
      true,
    );
    expect(existsSync(file)).toBe(false);
    expect(await lb.stop()).toBe(0);
  });
});
