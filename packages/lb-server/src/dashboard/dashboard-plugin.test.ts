import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardState } from './state-types';
import { basic, startDashboard, type TestDashboard } from '../../test/support/dashboard/dashboard-app';

const A = 'http://127.0.0.1:1';
const AUTH = { 'content-type': 'application/json', authorization: basic() };

let d: TestDashboard;
beforeAll(async () => {
  d = await startDashboard();
});
afterAll(async () => d.close());

const call = (method: string, path: string, body: unknown) =>
  fetch(`${d.base}${path}`, { method, headers: AUTH, body: JSON.stringify(body) });
const state = async (): Promise<DashboardState> =>
  (await fetch(`${d.base}/api/junction/state`)).json() as Promise<DashboardState>;
const server = (s: DashboardState, id: string) =>
  s.services.find((x) => x.name === 'app@file')?.servers.find((x) => x.id === id);

describe('static assets', () => {
  it('redirects / and /dashboard to /dashboard/', async () => {
    for (const path of ['/', '/dashboard']) {
      const res = await fetch(`${d.base}${path}`, { redirect: 'manual' });
      expect(res.status).toBeGreaterThanOrEqual(301);
      expect(res.headers.get('location')).toBe('/dashboard/');
    }
  });

  it('serves index.html with security headers, an ETag and revalidation', async () => {
    const res = await fetch(`${d.base}/dashboard/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const etag = res.headers.get('etag') ?? '';
    expect(etag).toMatch(/^".+"$/);
    const again = await fetch(`${d.base}/dashboard/index.html`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('caches hashed bundles for a year, with their content type', async () => {
    const res = await fetch(`${d.base}/dashboard/assets/app-1234.js`);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(await res.text()).toBe('console.log(1)');
  });

  it.each([
    { path: '/dashboard/..%2f..%2fetc%2fpasswd', status: 400 },
    { path: '/dashboard/assets/..%2F..%2Fpackage.json', status: 400 },
    { path: '/dashboard/%2e%2e/x', status: 400 },
    { path: '/dashboard/a%5c..%5cb', status: 400 },
    { path: '/dashboard/%E0%A4%A', status: 400 },
    { path: '/dashboard/nope.js', status: 404 },
  ])('refuses $path with $status', async ({ path, status }) => {
    // node:http sends the path byte for byte (fetch would normalise dot segments first)
    const code = await new Promise<number | undefined>((resolve, reject) => {
      const { hostname, port } = new URL(d.base);
      get({ hostname, port, path }, (res) => {
        res.resume();
        resolve(res.statusCode);
      }).on('error', reject);
    });
    expect(code).toBe(status);
  });
});

describe('server and service actions', () => {
  it('overrides a weight, shows it as overridden, and resets it', async () => {
    const res = await call('POST', '/api/junction/servers/weight', { service: 'app@file', server: A, weight: 7 });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { overrides: { servers: unknown[] } }).overrides.servers).toEqual([
      expect.objectContaining({ service: 'app@file', server: A, weight: 7, by: 'admin' }),
    ]);
    expect(server(await state(), A)).toMatchObject({ weight: 7, providerWeight: 1, weightOverridden: true });
    expect((await call('DELETE', '/api/junction/servers/weight', { service: 'app@file', server: A })).status).toBe(200);
    expect(server(await state(), A)).toMatchObject({ weight: 1, weightOverridden: false });
  });

  it('drains and undrains a server', async () => {
    await call('POST', '/api/junction/servers/drain', { service: 'app@file', server: A });
    expect(server(await state(), A)).toMatchObject({ state: 'DRAINING', drainOverridden: true });
    await call('POST', '/api/junction/servers/undrain', { service: 'app@file', server: A });
    expect(server(await state(), A)).toMatchObject({ state: 'UP', drainOverridden: false });
  });

  it('changes and resets a strategy (through a rebuild)', async () => {
    const before = (await state()).generation;
    expect(
      (await call('POST', '/api/junction/services/strategy', { service: 'app@file', strategy: 'p2c' })).status,
    ).toBe(200);
    const after = await state();
    expect(after.generation).toBe(before + 1);
    expect(after.services.find((s) => s.name === 'app@file')).toMatchObject({
      strategy: 'p2c',
      strategyOverridden: true,
    });
    await call('DELETE', '/api/junction/services/strategy', { service: 'app@file' });
    expect((await state()).services.find((s) => s.name === 'app@file')).toMatchObject({
      strategy: 'weighted',
      strategyOverridden: false,
    });
  });

  it.each([
    {
      desc: 'negative weight',
      path: '/api/junction/servers/weight',
      body: { service: 'app@file', server: A, weight: -1 },
      status: 400,
      code: 'DASH_BAD_REQUEST',
    },
    {
      desc: 'missing field',
      path: '/api/junction/servers/drain',
      body: { service: 'app@file' },
      status: 400,
      code: 'DASH_BAD_REQUEST',
    },
    {
      desc: 'unknown strategy',
      path: '/api/junction/services/strategy',
      body: { service: 'app@file', strategy: 'fastest' },
      status: 400,
      code: 'DASH_BAD_REQUEST',
    },
    {
      desc: 'unknown service',
      path: '/api/junction/servers/drain',
      body: { service: 'ghost@file', server: A },
      status: 404,
      code: 'DASH_NOT_FOUND',
    },
    {
      desc: 'server of another service',
      path: '/api/junction/servers/drain',
      body: { service: 'app@file', server: 'http://x' },
      status: 404,
      code: 'DASH_NOT_FOUND',
    },
    {
      desc: 'a weighted service',
      path: '/api/junction/services/strategy',
      body: { service: 'split@file', strategy: 'p2c' },
      status: 409,
      code: 'DASH_CONFLICT',
    },
  ])('answers $desc with $status $code', async ({ path, body, status, code }) => {
    const res = await call('POST', path, body);
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ code });
  });

  it('answers 503 for container routes without Docker', async () => {
    const res = await fetch(`${d.base}/api/junction/containers`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ code: 'DASH_DOCKER_UNAVAILABLE' });
  });
});

describe('event stream', () => {
  it('sends the state at once, then on each change', async () => {
    const controller = new AbortController();
    const res = await fetch(`${d.base}/api/junction/events`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    const nextState = async (): Promise<DashboardState> => {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (block.includes('event: state') && data !== undefined) return JSON.parse(data.slice(6)) as DashboardState;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += value;
      }
    };
    const first = await nextState();
    expect(first.routers.map((r) => r.name)).toEqual(['app@file']);
    expect(first.services.map((s) => s.name)).toEqual(['app@file', 'split@file']);
    await call('POST', '/api/junction/servers/drain', { service: 'app@file', server: A });
    let seen: DashboardState;
    do seen = await nextState();
    while (server(seen, A)?.state !== 'DRAINING');
    expect(server(seen, A)?.drainOverridden).toBe(true);
    controller.abort();
    await call('POST', '/api/junction/servers/undrain', { service: 'app@file', server: A });
  });
});
