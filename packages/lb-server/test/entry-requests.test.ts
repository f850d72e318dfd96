/**
 * Which requests of an entry point go straight to the proxy engine and which through Fastify's
 * router (`src/server/entry-requests.ts`), on a real Junction over loopback: a root `onRequest`
 * hook added to the `web` entry point's Fastify instance counts the requests Fastify's router saw,
 * while the echo upstream shows every one was proxied all the same.
 */
import { mergeConfigs, validateDynamicConfig } from '@junction/lb-core';
import { METHODS } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpChallengeTokenMap } from '../src/acme/challenges';
import { buildApp, type JunctionApp } from '../src/app';
import { parseStaticOptions } from '../src/options';
import type { InternalRoutes } from '../src/server/entry-point';
import { client, send } from './helpers/junction';
import { rawRequest } from './helpers/raw-http';
import { startUpstream, type Echo, type Handler, type Upstream } from './helpers/upstreams';

const CONFIG = {
  http: {
    routers: { app: { rule: 'Host(`app.test`)', service: 'app' } },
    services: { app: { loadBalancer: { servers: [{ url: '' }] } } },
  },
};

interface Started {
  readonly app: JunctionApp;
  readonly url: string;
  readonly port: number;
  /** Requests the `web` entry point's Fastify router saw. */
  readonly routed: () => number;
}

/** Junction with `flags`, its `web` entry point counting what Fastify's router sees. */
async function start(
  upstream: Upstream,
  flags: string[],
  extra: { tokens?: HttpChallengeTokenMap; internal?: InternalRoutes } = {},
): Promise<Started> {
  const options = parseStaticOptions(['--entrypoints.web.address=127.0.0.1:0', '--log.level=FATAL', ...flags], {});
  const { tokens, internal } = extra;
  const app = buildApp({
    options,
    serverName: 'junction-test',
    ...(internal === undefined ? {} : { internal }),
    ...(tokens === undefined ? {} : { acmeHttpChallenge: { entryPoints: new Set(['web']), tokens } }),
  });
  const raw = structuredClone(CONFIG);
  raw.http.services.app.loadBalancer.servers[0]!.url = upstream.url;
  app.store.apply(mergeConfigs({ file: validateDynamicConfig(raw, { provider: 'file' }).config }));
  const web = app.entryPoints.get('web');
  if (web === undefined) throw new Error('no web entry point');
  let routed = 0;
  web.addHook('onRequest', async () => {
    routed++;
  });
  await web.listen({ host: '127.0.0.1', port: 0 });
  const { port } = web.server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, port, routed: () => routed };
}

const host = { host: 'app.test' };

/** What the body-echoing upstream answers: the echo, and the body it read. */
type BodyEcho = Echo & { readonly body: string };

/** Answers like the default echo upstream, with the request body it read. */
const echoBody: Handler = (req, res, id) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => (body += chunk));
  req.on('end', () => {
    const answer: BodyEcho = { id, method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(answer));
  });
};

describe('entry point requests: engine or Fastify', () => {
  let upstream: Upstream;
  let j: Started;
  beforeAll(async () => {
    upstream = await startUpstream('u', echoBody);
    j = await start(upstream, []);
  });
  afterAll(async () => {
    await j.app.close();
    await upstream.close();
  });

  it.each<{ method: 'GET' | 'HEAD' | 'DELETE' | 'OPTIONS'; headers: Record<string, string> }>([
    { method: 'GET', headers: {} },
    { method: 'HEAD', headers: {} },
    { method: 'DELETE', headers: { 'content-length': '0' } },
    { method: 'OPTIONS', headers: {} },
  ])('proxies a bodiless $method without Fastify’s router', async ({ method, headers }) => {
    const before = [j.routed(), upstream.hits()];
    const res = await send(`${j.url}/direct`, { method, headers: { ...host, ...headers }, dispatcher: client() });
    expect(res.status).toBe(200);
    expect([j.routed(), upstream.hits()]).toEqual([before[0], before[1]! + 1]);
  });

  it.each<{ what: string; method: string; headers: Record<string, string>; body: string }>([
    { what: 'a POST body', method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' },
    {
      what: 'a Content-Type Fastify answered 415 to',
      method: 'POST',
      headers: { 'content-type': 'text' },
      body: 'x=1',
    },
    { what: 'a GET body, which Fastify dropped', method: 'GET', headers: {}, body: 'abc' },
    { what: 'a QUERY without Content-Type, which Fastify answered 400', method: 'QUERY', headers: {}, body: 'q' },
  ])('forwards $what without Fastify’s router, as Traefik does', async ({ method, headers, body }) => {
    const before = j.routed();
    const res = await send(`${j.url}/body`, {
      method: method as 'POST',
      headers: { ...host, ...headers },
      body,
      dispatcher: client(),
    });
    expect([res.status, res.json<BodyEcho>().method, res.json<BodyEcho>().body]).toEqual([200, method, body]);
    expect(j.routed()).toBe(before);
  });

  it('forwards a chunked body without Fastify’s router', async () => {
    const before = j.routed();
    const res = await rawRequest(
      j.port,
      'PUT /chunked HTTP/1.1\r\nHost: app.test\r\nTransfer-Encoding: chunked',
      '6\r\nchunks\r\n3\r\n...\r\n0\r\n\r\n',
    );
    expect([res.status, (JSON.parse(res.body) as BodyEcho).body]).toEqual([200, 'chunks...']);
    expect(j.routed()).toBe(before);
  });

  it('forwards every method Node parses (WebDAV, PURGE…), as Traefik does; with a body too', async () => {
    const methods = METHODS.filter((m) => m !== 'CONNECT' && m !== 'HEAD');
    const agent = client();
    const seen = await Promise.all(
      methods.map(async (method) => {
        const res = await send(`${j.url}/m`, { method: method as 'GET', headers: host, dispatcher: agent });
        return `${res.status} ${res.json<Echo>().method}`;
      }),
    );
    expect(seen).toEqual(methods.map((m) => `200 ${m}`));
    const dav = await send(`${j.url}/dav`, {
      method: 'PROPFIND' as 'GET',
      headers: { ...host, 'content-type': 'application/xml', depth: '1' },
      body: '<propfind xmlns="DAV:"><allprop/></propfind>',
      dispatcher: agent,
    });
    expect([dav.status, dav.json<Echo>().method, dav.json<Echo>().headers['content-length']]).toEqual([
      200,
      'PROPFIND',
      '44',
    ]);
  });

  it('routes an absolute-form target through Fastify, and the engine reads it as Traefik does', async () => {
    const before = j.routed();
    const res = await rawRequest(j.port, 'GET http://app.test/abs?q=1 HTTP/1.1\r\nHost: app.test');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body) as Echo).toMatchObject({ url: '/abs?q=1' });
    expect(j.routed()).toBe(before + 1);
  });
});

describe('entry point requests: routes beside the proxy', () => {
  let upstream: Upstream;
  beforeAll(async () => {
    upstream = await startUpstream('u');
  });
  afterAll(async () => upstream.close());

  it('sends the ACME challenge path to its Fastify route and every other bodiless request to the engine', async () => {
    const tokens = new HttpChallengeTokenMap();
    tokens.set('tok', 'tok.key-authorization');
    const j = await start(upstream, [], { tokens });
    try {
      const challenge = await send(`${j.url}/.well-known/acme-challenge/tok`, { headers: host, dispatcher: client() });
      expect([challenge.status, challenge.text, j.routed()]).toEqual([200, 'tok.key-authorization', 1]);
      const proxied = await send(`${j.url}/.well-known/other`, { headers: host, dispatcher: client() });
      expect([proxied.status, proxied.json<Echo>().url, j.routed()]).toEqual([200, '/.well-known/other', 1]);
    } finally {
      await j.app.close();
    }
  });

  it('sends every request of an entry point with internal routes through Fastify', async () => {
    const internal: InternalRoutes = (scope) => {
      scope.get('/internal', async () => 'internal route');
    };
    const j = await start(upstream, ['--ping', '--ping.entryPoint=web'], { internal });
    try {
      expect((await send(`${j.url}/internal`, { dispatcher: client() })).text).toBe('internal route');
      const proxied = await send(`${j.url}/x`, { headers: host, dispatcher: client() });
      expect([proxied.status, proxied.json<Echo>().url, j.routed()]).toEqual([200, '/x', 2]);
    } finally {
      await j.app.close();
    }
  });
});
