/**
 * The dashboard wired into the real `lb-server` process (`main()` from the TypeScript sources,
 * in a child process): a file provider routing to two loopback backends, the dashboard served on
 * `traefik` from a fresh Vite build. Checks the root redirect, the built page, the event stream,
 * per-server statistics fed by the proxy, a drain (refused without credentials), a strategy
 * override that survives a file reload (the watcher publishes through the dashboard), protected
 * viewing without `--api.insecure`, and a graceful stop with an event stream open.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardState, ServiceState } from '../src/dashboard/state-types';
import { buildDashboardOnce } from './dashboard/stack';
import { send, upstreamIds, type Answer } from './helpers/junction';
import { startLbProcess, type LbProcess } from './helpers/lb-process';
import { until } from './helpers/poll';
import { startUpstreams, type Upstream } from './helpers/upstreams';

const TOKEN = 'wiring-token-0123456789';
const BEARER = { authorization: `Bearer ${TOKEN}` };
const JSON_TYPE = { 'content-type': 'application/json' };
const SERVICE = 'app@file';

let dir: string;
let assetsDir: string;
let ups: Upstream[];
let file: string;
let lb: LbProcess;

function yaml(extraRouter = false): string {
  const [a, b] = ups;
  return [
    'http:',
    '  routers:',
    '    app:',
    '      rule: "PathPrefix(`/`)"',
    '      service: app',
    ...(extraRouter ? ['    extra:', '      rule: "Host(`extra.local`)"', '      service: app'] : []),
    '  services:',
    '    app:',
    '      loadBalancer:',
    '        servers:',
    `          - url: ${a?.url ?? ''}`,
    `          - url: ${b?.url ?? ''}`,
    '',
  ].join('\n');
}

const state = async (): Promise<DashboardState> =>
  (await send(`${lb.traefik}/api/junction/state`)).json<DashboardState>();
const appService = async (): Promise<ServiceState> => {
  const found = (await state()).services.find((s) => s.name === SERVICE);
  if (found === undefined) throw new Error(`no ${SERVICE} in the state`);
  return found;
};
const requestsBy = (service: ServiceState): Map<string, number> =>
  new Map(service.servers.map((s) => [s.url, s.series.reduce((sum, n) => sum + n, 0)]));
const action = (
  path: string,
  body: unknown,
  headers: Record<string, string> = BEARER,
  method: 'POST' | 'DELETE' = 'POST',
): Promise<Answer> =>
  send(`${lb.traefik}${path}`, { method, headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify(body) });

/** Sends `n` requests through `web`; answers the upstream ids in order. */
const traffic = (n: number): Promise<string[]> => upstreamIds(`${lb.web}/hello`, n);

beforeAll(async () => {
  [dir, assetsDir, ups] = await Promise.all([
    mkdtemp(join(tmpdir(), 'junction-wiring-')),
    buildDashboardOnce(),
    startUpstreams(2),
  ]);
  file = join(dir, 'dynamic.yml');
  await writeFile(file, yaml());
  lb = await startLbProcess(
    [
      '--api.insecure',
      `--api.token=${TOKEN}`,
      `--providers.file.filename=${file}`,
      '--providers.providersThrottleDuration=50ms',
    ],
    {},
    { dashboardAssetsDir: assetsDir },
  );
  await until(
    async () => ((await appService().catch(() => undefined))?.servers.length === 2 ? true : undefined),
    'the file configuration',
  );
}, 120_000);

afterAll(async () => {
  lb?.kill();
  await Promise.all((ups ?? []).map((u) => u.close()));
  await rm(dir, { recursive: true, force: true });
});

describe('lb-server serves the dashboard on traefik', () => {
  it('redirects / on traefik to /dashboard/, while / on web still reaches the backends', async () => {
    const root = await send(`${lb.traefik}/`);
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe('/dashboard/');
    expect((await send(`${lb.web}/`)).headers['x-upstream']).toMatch(/^s[12]$/);
  });

  it('serves the built index and its assets at /dashboard/', async () => {
    const index = await send(`${lb.traefik}/dashboard/`);
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toContain('text/html');
    expect(index.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(index.text).toBe(readFileSync(join(assetsDir, 'index.html'), 'utf8'));
    const script = /src="(\/dashboard\/assets\/[^"]+\.js)"/.exec(index.text)?.[1];
    expect(script).toBeDefined();
    const asset = await send(`${lb.traefik}${script ?? ''}`);
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toContain('javascript');
  });

  it('streams the state naming the routers as server-sent events', async () => {
    const res = await request(`${lb.traefik}/api/junction/events`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/event-stream');
    let text = '';
    const stateEvent = (): string | undefined =>
      text
        .split('\n\n')
        .slice(0, -1)
        .find((block) => /^event: state$/m.test(block));
    for await (const chunk of res.body) {
      text += (chunk as Buffer).toString();
      if (stateEvent() !== undefined) break;
    }
    res.body.destroy();
    const event = stateEvent() ?? '';
    const data = JSON.parse(
      event
        .split('\n')
        .find((l) => l.startsWith('data: '))
        ?.slice('data: '.length) ?? '{}',
    ) as DashboardState;
    expect(data.routers.map((r) => r.name)).toContain('app@file');
    expect(data.services.map((s) => s.name)).toContain(SERVICE);
  });

  it('counts every proxied request per server', async () => {
    const before = requestsBy(await appService());
    const ids = await traffic(10);
    expect(new Set(ids)).toEqual(new Set(['s1', 's2']));
    const after = await until(async () => {
      const counts = requestsBy(await appService());
      const added = [...counts].reduce((sum, [url, n]) => sum + n - (before.get(url) ?? 0), 0);
      return added === 10 ? counts : undefined;
    }, 'ten requests in the per-server statistics');
    for (const up of ups)
      expect((after.get(up.url) ?? 0) - (before.get(up.url) ?? 0)).toBe(ids.filter((id) => id === up.id).length);
    const service = await appService();
    expect(service.servers.every((s) => s.rps > 0)).toBe(true);
  });

  it('drains a server with the token; without credentials the action is refused with 401', async () => {
    const [s1] = ups;
    const server = (await appService()).servers.find((s) => s.url === s1?.url);
    expect(server).toBeDefined();
    const body = { service: SERVICE, server: server?.id };
    const refused = await action('/api/junction/servers/drain', body, {});
    expect(refused.status).toBe(401);
    expect(refused.json<{ code: string }>().code).toBe('DASH_UNAUTHORIZED');
    expect(new Set(await traffic(4))).toEqual(new Set(['s1', 's2']));

    expect((await action('/api/junction/servers/drain', body)).status).toBe(200);
    expect((await appService()).servers.find((s) => s.url === s1?.url)?.state).toBe('DRAINING');
    expect(await traffic(6)).toEqual(['s2', 's2', 's2', 's2', 's2', 's2']);

    expect((await action('/api/junction/servers/undrain', body)).status).toBe(200);
    expect(new Set(await traffic(4))).toEqual(new Set(['s1', 's2']));
    expect(lb.stdout()).toContain('"audit":true');
  });

  it('overrides the strategy, shown by /api/http/services, and keeps it across a file reload', async () => {
    const strategyOf = async (): Promise<unknown> => {
      const res = await send(`${lb.traefik}/api/http/services/${encodeURIComponent(SERVICE)}`);
      expect(res.status).toBe(200);
      return res.json<{ loadBalancer: { strategy?: unknown } }>().loadBalancer.strategy;
    };
    expect(await strategyOf()).not.toBe('least-connections');
    expect(
      (await action('/api/junction/services/strategy', { service: SERVICE, strategy: 'least-connections' })).status,
    ).toBe(200);
    expect(await strategyOf()).toBe('least-connections');
    expect((await appService()).strategyOverridden).toBe(true);

    await writeFile(file, yaml(true));
    await until(
      async () => ((await send(`${lb.traefik}/api/http/routers/extra@file`)).status === 200 ? true : undefined),
      'the reloaded file',
    );
    expect(await strategyOf()).toBe('least-connections');

    expect((await action('/api/junction/services/strategy', { service: SERVICE }, BEARER, 'DELETE')).status).toBe(200);
    expect(await strategyOf()).not.toBe('least-connections');
  });
});

describe('lb-server without --api.insecure', () => {
  it('serves traefik when a token is configured, and viewing needs it', async () => {
    const secure = await startLbProcess(
      ['--api.insecure=false', `--api.token=${TOKEN}`, `--providers.file.filename=${file}`],
      {},
      {
        dashboardAssetsDir: assetsDir,
      },
    );
    try {
      for (const path of ['/dashboard/', '/api/junction/state', '/api/http/routers']) {
        const open = await send(`${secure.traefik}${path}`);
        expect(open.status, path).toBe(401);
        expect(open.headers['www-authenticate'], path).toMatch(/^Basic /);
        expect((await send(`${secure.traefik}${path}`, { headers: BEARER })).status, path).toBe(200);
      }
    } finally {
      secure.kill();
    }
  }, 60_000);

  it('exits 2 naming the problem when the token is too short', async () => {
    const bad = await startLbProcess(['--api.token=short'], {}, { dashboardAssetsDir: assetsDir, wait: false });
    expect(await bad.exit).toBe(2);
    expect(bad.stderr()).toMatch(/token/i);
  }, 60_000);
});

describe('lb-server stopping with the dashboard open', () => {
  it('ends the event stream and exits 0 on SIGTERM', async () => {
    const res = await request(`${lb.traefik}/api/junction/events`);
    const ended = (async () => {
      for await (const chunk of res.body) void chunk;
      return true;
    })();
    lb.child.kill('SIGTERM');
    expect(await ended).toBe(true);
    expect(await lb.exit).toBe(0);
    expect(lb.stdout()).not.toContain('grace time over');
  }, 30_000);
});
