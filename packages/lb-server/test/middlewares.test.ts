/**
 * Middlewares wired into the proxy: path rewrites reach the upstream (with X-Forwarded-Prefix),
 * a middleware's answer ends the exchange (basicAuth 401), custom request and response headers
 * are applied — to proxied answers and to a later middleware's own answer alike — and a
 * redirectScheme answer never reaches the upstream.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, pool, send, startJunction, type TestJunction } from './helpers/junction';
import { startUpstream, type Echo, type Upstream } from './helpers/upstreams';

let up: Upstream;
let lb: TestJunction;
const http = client();
const sha1 = (text: string): string => `{SHA}${createHash('sha1').update(text).digest('base64')}`;
const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

beforeAll(async () => {
  up = await startUpstream('up');
  lb = await startJunction({
    http: {
      routers: {
        strip: { rule: 'Host(`m.local`) && PathPrefix(`/api`)', service: 'up', middlewares: ['strip', 'tag'] },
        auth: { rule: 'Host(`auth.local`)', service: 'up', middlewares: ['tag', 'auth'] },
        moved: { rule: 'Host(`moved.local`)', service: 'up', middlewares: ['https'] },
        chained: { rule: 'Host(`chain.local`)', service: 'up', middlewares: ['both'] },
      },
      services: { up: pool([up.url]) },
      middlewares: {
        strip: { stripPrefix: { prefixes: ['/api'] } },
        tag: {
          headers: {
            customRequestHeaders: { 'X-Tag': 'tagged' },
            customResponseHeaders: { 'X-Served-By': 'junction', 'X-Upstream': '' },
          },
        },
        auth: { basicAuth: { users: [`alice:${sha1('secret')}`], realm: 'lab' } },
        https: { redirectScheme: { scheme: 'https', permanent: true } },
        both: { chain: { middlewares: ['strip', 'tag'] } },
      },
    },
  });
});

afterAll(async () => {
  await lb.close();
  await up.close();
  await http.close();
});

describe('middlewares in the proxy', () => {
  it('strips the prefix, sets X-Forwarded-Prefix and custom request headers', async () => {
    const res = await send(`${lb.url}/api/jokes?n=2`, { headers: { host: 'm.local' }, dispatcher: http });
    const got = res.json<Echo>();
    expect(got.url).toBe('/jokes?n=2');
    expect(got.headers['x-forwarded-prefix']).toBe('/api');
    expect(got.headers['x-tag']).toBe('tagged');
  });

  it('applies custom response headers, removing those set empty', async () => {
    const res = await send(`${lb.url}/api/x`, { headers: { host: 'm.local' }, dispatcher: http });
    expect(res.headers['x-served-by']).toBe('junction');
    expect(res.headers['x-upstream']).toBeUndefined();
  });

  it('runs chains like their members', async () => {
    const res = await send(`${lb.url}/api/x`, { headers: { host: 'chain.local' }, dispatcher: http });
    expect(res.json<Echo>().url).toBe('/x');
    expect(res.headers['x-served-by']).toBe('junction');
  });

  it('answers 401 without credentials, with the realm and the earlier response headers', async () => {
    const before = up.hits();
    const res = await send(`${lb.url}/`, { headers: { host: 'auth.local' }, dispatcher: http });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Basic realm="lab"');
    expect(res.headers['x-served-by']).toBe('junction');
    expect(up.hits()).toBe(before);
  });

  it.each([
    { desc: 'wrong password', authorization: basic('alice', 'nope'), status: 401 },
    { desc: 'unknown user', authorization: basic('bob', 'secret'), status: 401 },
    { desc: 'valid credentials', authorization: basic('alice', 'secret'), status: 200 },
  ])('answers $status for $desc', async ({ authorization, status }) => {
    const res = await send(`${lb.url}/`, { headers: { host: 'auth.local', authorization }, dispatcher: http });
    expect(res.status).toBe(status);
  });

  it('redirects to https without calling the upstream', async () => {
    const before = up.hits();
    const res = await send(`${lb.url}/page?a=1`, { headers: { host: 'moved.local' }, dispatcher: http });
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('https://moved.local/page?a=1');
    expect(up.hits()).toBe(before);
  });
});
