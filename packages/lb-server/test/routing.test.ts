/**
 * Routing through a real Junction on loopback: Host and path rules in Traefik v3 and v1 syntax,
 * v1 path modifiers, 404 without a router, 503 when a service has no available server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, pool, send, startJunction, type TestJunction } from './helpers/junction';
import { refusedUrl, startUpstreams, type Echo, type Upstream } from './helpers/upstreams';

let ups: Upstream[];
let lb: TestJunction;
const http = client();

beforeAll(async () => {
  ups = await startUpstreams(3);
  const [a, b, c] = ups.map((u) => u.url) as [string, string, string];
  const dead = await refusedUrl();
  lb = await startJunction({
    http: {
      routers: {
        api: { rule: 'Host(`api.local`) && PathPrefix(`/api`)', service: 'api' },
        site: { rule: 'Host(`www.local`)', service: 'site' },
        legacy: { rule: 'Host:old.local;PathPrefixStrip:/app', service: 'site', ruleSyntax: 'v1' },
        legacyAuto: { rule: 'Host:auto.local,other.local', service: 'site' },
        weightless: { rule: 'Host(`zero.local`)', service: 'zero' },
        empty: { rule: 'Host(`empty.local`)', service: 'empty' },
        down: { rule: 'Host(`down.local`)', service: 'down' },
      },
      services: {
        api: pool([a, b]),
        site: pool([c]),
        zero: { loadBalancer: { servers: [{ url: a, weight: 0 }] } },
        empty: { loadBalancer: { servers: [] } },
        down: pool([dead], { healthCheck: { path: '/health', interval: '1h', timeout: '1s' } }),
      },
    },
  });
});

afterAll(async () => {
  await lb.close();
  await Promise.all(ups.map((u) => u.close()));
  await http.close();
});

describe('routing', () => {
  it.each([
    {
      desc: 'v3 host and path prefix',
      host: 'api.local',
      path: '/api/jokes?x=1',
      servedBy: ['s1', 's2'],
      url: '/api/jokes?x=1',
    },
    { desc: 'v3 host only', host: 'www.local', path: '/index.html', servedBy: ['s3'], url: '/index.html' },
    { desc: 'host with a port', host: 'www.local:8080', path: '/', servedBy: ['s3'], url: '/' },
    { desc: 'v1 rule with PathPrefixStrip', host: 'old.local', path: '/app/page', servedBy: ['s3'], url: '/page' },
    { desc: 'v1 rule detected without ruleSyntax', host: 'other.local', path: '/x', servedBy: ['s3'], url: '/x' },
  ])('$desc', async ({ host, path, servedBy, url }) => {
    const res = await send(`${lb.url}${path}`, { headers: { host }, dispatcher: http });
    expect(res.status).toBe(200);
    const echo = res.json<Echo>();
    expect(servedBy).toContain(echo.id);
    expect(echo.url).toBe(url);
  });

  it('round-robins the servers of a service', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++)
      ids.push((await send(`${lb.url}/api/x`, { headers: { host: 'api.local' }, dispatcher: http })).json<Echo>().id);
    expect(new Set(ids)).toEqual(new Set(['s1', 's2']));
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('sets X-Forwarded-Prefix for a v1 PathPrefixStrip', async () => {
    const echo = (await send(`${lb.url}/app/page`, { headers: { host: 'old.local' }, dispatcher: http })).json<Echo>();
    expect(echo.headers['x-forwarded-prefix']).toBe('/app');
  });

  it.each([
    { desc: 'unknown host', host: 'nowhere.local', path: '/' },
    { desc: 'path outside the prefix', host: 'api.local', path: '/other' },
  ])('answers 404 LB_NO_ROUTE for $desc', async ({ host, path }) => {
    const res = await send(`${lb.url}${path}`, { headers: { host }, dispatcher: http });
    expect(res.status).toBe(404);
    expect(res.json()).toEqual({ error: 'no router matches this request', code: 'LB_NO_ROUTE' });
  });

  it.each([
    { desc: 'every server has weight 0', host: 'zero.local' },
    { desc: 'the service has no server', host: 'empty.local' },
  ])('answers 503 LB_NO_AVAILABLE_SERVER when $desc', async ({ host }) => {
    const res = await send(`${lb.url}/`, { headers: { host }, dispatcher: http });
    expect(res.status).toBe(503);
    expect(res.json()).toMatchObject({ code: 'LB_NO_AVAILABLE_SERVER' });
    expect(res.text).not.toContain('127.0.0.1');
  });

  it('answers 503 once the active health check found every server down', async () => {
    let res = await send(`${lb.url}/`, { headers: { host: 'down.local' }, dispatcher: http });
    for (let i = 0; i < 100 && res.status !== 503; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      res = await send(`${lb.url}/`, { headers: { host: 'down.local' }, dispatcher: http });
    }
    expect(res.status).toBe(503);
    expect(res.json()).toMatchObject({ code: 'LB_NO_AVAILABLE_SERVER' });
  });

  it('lists a router with a broken rule as disabled and keeps the others serving', () => {
    const runtime = lb.apply({
      http: {
        routers: { ok: { rule: 'Host(`www.local`)', service: 's' }, broken: { rule: 'Host(`x`', service: 's' } },
        services: { s: pool([ups[2]?.url ?? '']) },
      },
    });
    expect(runtime.routers.get('broken@file')).toMatchObject({
      status: 'disabled',
      errors: [expect.objectContaining({ code: 'LB_RULE_SYNTAX' })],
    });
    expect(runtime.routers.get('ok@file')?.status).toBe('enabled');
  });
});
