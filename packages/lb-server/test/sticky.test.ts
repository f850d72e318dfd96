/**
 * Sticky sessions end to end: the first answer sets the cookie, the cookie pins later requests,
 * an upstream's own Set-Cookie is kept beside it, and when the pinned server dies the request is
 * retried elsewhere and the cookie re-issued for the new server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, pool, send, startJunction, type TestJunction } from './helpers/junction';
import { startUpstreams, type Echo, type Upstream } from './helpers/upstreams';

let ups: Upstream[];
let lb: TestJunction;
const http = client();

beforeAll(async () => {
  ups = await startUpstreams(2, (req, res, id) => {
    req.resume();
    res.setHeader('set-cookie', `app=${id}; Path=/`);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ id, method: req.method, url: req.url, headers: req.headers }));
  });
  lb = await startJunction({
    http: {
      routers: { app: { rule: 'Host(`app.local`)', service: 'app' } },
      services: {
        app: pool(
          ups.map((u) => u.url),
          { sticky: { cookie: { name: 'lb_pin', httpOnly: true } } },
        ),
      },
    },
  });
});

afterAll(async () => {
  await lb.close();
  await Promise.all(ups.map((u) => u.close()));
  await http.close();
});

/** The `lb_pin=<value>` pair from a response's Set-Cookie headers. */
function pin(headers: Record<string, string | string[] | undefined>): string | undefined {
  const raw = headers['set-cookie'];
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return list.find((c) => c.startsWith('lb_pin='))?.split(';')[0];
}

async function get(cookie?: string): Promise<{ id: string; pin: string | undefined; cookies: string[] }> {
  const res = await send(`${lb.url}/`, {
    headers: { host: 'app.local', ...(cookie === undefined ? {} : { cookie }) },
    dispatcher: http,
  });
  expect(res.status).toBe(200);
  const raw = res.headers['set-cookie'];
  return {
    id: res.json<Echo>().id,
    pin: pin(res.headers),
    cookies: raw === undefined ? [] : ([] as string[]).concat(raw),
  };
}

describe('sticky sessions', () => {
  it('sets the cookie beside the upstream cookie, then pins, then re-pins when the server dies', async () => {
    const first = await get();
    expect(first.pin).toMatch(/^lb_pin=[\w.~-]+$/);
    expect(first.cookies).toContain(`app=${first.id}; Path=/`);
    expect(first.cookies.find((c) => c.startsWith('lb_pin='))).toMatch(/; Path=\/; HttpOnly$/);
    expect(first.pin).not.toContain('127.0.0.1');

    for (let i = 0; i < 5; i++) {
      const next = await get(`other=1; ${first.pin ?? ''}`);
      expect(next.id).toBe(first.id);
      expect(next.pin).toBeUndefined();
    }

    const pinned = ups.find((u) => u.id === first.id) as Upstream;
    await pinned.close();
    const moved = await get(first.pin);
    expect(moved.id).not.toBe(first.id);
    expect(moved.pin).toBeDefined();
    expect(moved.pin).not.toBe(first.pin);

    for (let i = 0; i < 3; i++) expect((await get(moved.pin)).id).toBe(moved.id);
  });

  it('ignores a forged cookie value and picks normally', async () => {
    const res = await get('lb_pin=not-a-server');
    expect(res.pin).toBeDefined();
  });
});
