/**
 * `--entrypoints.web.http.redirections.entrypoint.to=websecure` through a real Junction on
 * loopback: every request on `web` gets Traefik's redirect to the target entry point's scheme and
 * port (301 for GET, 308 otherwise; 302/307 when not permanent), path and query kept, ahead of
 * the routers on `web`; the generated router is listed by the API as Traefik lists it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStaticOptions } from '../src/options';
import { internalRoutes } from '../src/server/internal-routes';
import { client, pool, send, startJunction, type TestJunction } from './helpers/junction';
import { freePort } from './helpers/ports';
import { startUpstreams, type Upstream } from './helpers/upstreams';

let ups: Upstream[];
const http = client();
const started: TestJunction[] = [];

beforeAll(async () => {
  ups = await startUpstreams(1);
});

afterAll(async () => {
  await Promise.all(started.map((j) => j.close()));
  await Promise.all(ups.map((u) => u.close()));
  await http.close();
});

async function junction(flags: string[]): Promise<TestJunction> {
  const [up] = ups as [Upstream];
  // The same options startJunction parses, for the API on the `traefik` entry point.
  const options = parseStaticOptions(['--entrypoints.web.address=127.0.0.1:0', '--log.level=FATAL', ...flags], {});
  const internal = internalRoutes({
    options,
    providers: () => ({}),
    version: { version: '0.0.0-test', codename: 'test', startDate: new Date() },
  });
  const lb = await startJunction(
    { http: { routers: { app: { rule: 'Host(`app.test`)', service: 'app' } }, services: { app: pool([up.url]) } } },
    flags,
    { internal },
  );
  started.push(lb);
  return lb;
}

describe('entry point redirections', () => {
  let lb: TestJunction;
  let securePort: number;

  beforeAll(async () => {
    securePort = await freePort();
    lb = await junction([
      '--entrypoints.web.http.redirections.entrypoint.to=websecure',
      `--entrypoints.websecure.address=127.0.0.1:${securePort}`,
      '--api.insecure',
    ]);
  });

  it.each([
    { method: 'GET' as const, status: 301 },
    { method: 'HEAD' as const, status: 308 },
    { method: 'POST' as const, status: 308 },
  ])('$method gets $status to https on the target port, path and query kept', async ({ method, status }) => {
    const res = await send(`${lb.url}/a/b?q=1&r=%20`, { method, headers: { host: 'app.test' }, dispatcher: http });
    expect(res.status).toBe(status);
    expect(res.headers.location).toBe(`https://app.test:${securePort}/a/b?q=1&r=%20`);
  });

  it('redirects hosts no router knows, and drops the client port from the Host', async () => {
    const res = await send(`${lb.url}/x`, { headers: { host: `unknown.example:${lb.port}` }, dispatcher: http });
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe(`https://unknown.example:${securePort}/x`);
  });

  it('lists web-to-websecure@internal and its middleware in the API, as Traefik', async () => {
    const api = lb.app.entryPoints.get('traefik');
    if (api === undefined) throw new Error('no traefik entry point');
    const routers = (await api.inject({ method: 'GET', url: '/api/http/routers?search=web-to' })).json<
      Record<string, unknown>[]
    >();
    expect(routers).toEqual([
      expect.objectContaining({
        name: 'web-to-websecure@internal',
        provider: 'internal',
        status: 'enabled',
        entryPoints: ['web'],
        rule: 'HostRegexp(`^.+$`)',
        middlewares: ['redirect-web-to-websecure@internal'],
        service: 'noop@internal',
      }),
    ]);
    const middleware = (
      await api.inject({ method: 'GET', url: '/api/http/middlewares/redirect-web-to-websecure@internal' })
    ).json<Record<string, unknown>>();
    expect(middleware).toMatchObject({
      type: 'redirectscheme',
      redirectScheme: { scheme: 'https', port: String(securePort), permanent: true },
    });
  });
});

describe('a temporary redirection to a port', () => {
  it('answers 302 for GET and 307 for PUT, to the port given', async () => {
    const lb = await junction([
      '--entrypoints.web.http.redirections.entrypoint.to=:8443',
      '--entrypoints.web.http.redirections.entrypoint.permanent=false',
    ]);
    const get = await send(`${lb.url}/p`, { headers: { host: 'app.test' }, dispatcher: http });
    expect([get.status, get.headers.location]).toEqual([302, 'https://app.test:8443/p']);
    const put = await send(`${lb.url}/p`, {
      method: 'PUT',
      body: 'x',
      headers: { host: 'app.test' },
      dispatcher: http,
    });
    expect([put.status, put.headers.location]).toEqual([307, 'https://app.test:8443/p']);
  });

  it('leaves routers with a higher priority than the one set to serve', async () => {
    const lb = await junction([
      '--entrypoints.web.http.redirections.entrypoint.to=:443',
      '--entrypoints.web.http.redirections.entrypoint.priority=1',
    ]);
    const res = await send(`${lb.url}/p`, { headers: { host: 'app.test' }, dispatcher: http });
    expect(res.status).toBe(200);
    const other = await send(`${lb.url}/p`, { headers: { host: 'other.test' }, dispatcher: http });
    expect([other.status, other.headers.location]).toEqual([301, 'https://other.test/p']);
  });
});
