/**
 * What crosses the proxy: X-Forwarded-* (replaced for untrusted peers, kept and appended for
 * trusted ones), the Host header (passed unless `passHostHeader: false`), hop-by-hop headers
 * (removed both ways), query strings and methods.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, pool, send, startJunction, type TestJunction } from './helpers/junction';
import { rawRequest } from './helpers/raw-http';
import { startUpstream, type Echo, type Upstream } from './helpers/upstreams';

let echo: Upstream;
let hop: Upstream;
let untrusted: TestJunction;
let trusted: TestJunction;
const http = client();

const config = (echoUrl: string, hopUrl: string): unknown => ({
  http: {
    routers: {
      pass: { rule: 'Host(`pass.local`)', service: 'pass' },
      keep: { rule: 'Host(`keep.local`)', service: 'keep' },
      hop: { rule: 'Host(`hop.local`)', service: 'hop' },
    },
    services: {
      pass: pool([echoUrl]),
      keep: pool([echoUrl], { passHostHeader: false }),
      hop: pool([hopUrl]),
    },
  },
});

beforeAll(async () => {
  echo = await startUpstream('echo');
  hop = await startUpstream('hop', (req, res) => {
    req.resume();
    res.setHeader('keep-alive', 'timeout=5');
    res.setHeader('x-listed', 'listed in Connection');
    res.setHeader('connection', 'x-listed');
    res.setHeader('proxy-authenticate', 'Basic');
    res.setHeader('upgrade', 'h2c');
    res.setHeader('x-kept', 'yes');
    res.end('ok');
  });
  untrusted = await startJunction(config(echo.url, hop.url));
  trusted = await startJunction(config(echo.url, hop.url), [
    '--entrypoints.web.forwardedHeaders.trustedIPs=127.0.0.1/32,::1',
  ]);
});

afterAll(async () => {
  await Promise.all([untrusted.close(), trusted.close()]);
  await Promise.all([echo.close(), hop.close()]);
  await http.close();
});

const spoofed = {
  'x-forwarded-for': '6.6.6.6',
  'x-forwarded-host': 'evil.example',
  'x-forwarded-proto': 'https',
  'x-forwarded-port': '8443',
  'x-real-ip': '6.6.6.6',
};

describe('forwarded headers', () => {
  it('replaces client-sent X-Forwarded-* and X-Real-Ip from an untrusted peer', async () => {
    const got = (
      await send(`${untrusted.url}/x`, { headers: { host: 'pass.local:81', ...spoofed }, dispatcher: http })
    ).json<Echo>();
    expect(got.headers).toMatchObject({
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-host': 'pass.local:81',
      'x-forwarded-proto': 'http',
      'x-forwarded-port': '81',
      'x-forwarded-server': 'junction-test',
      'x-real-ip': '127.0.0.1',
    });
  });

  it('keeps them from a trusted peer and appends the peer to X-Forwarded-For', async () => {
    const got = (
      await send(`${trusted.url}/x`, { headers: { host: 'pass.local', ...spoofed }, dispatcher: http })
    ).json<Echo>();
    expect(got.headers).toMatchObject({
      'x-forwarded-for': '6.6.6.6, 127.0.0.1',
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'https',
      'x-forwarded-port': '8443',
      'x-forwarded-server': 'junction-test',
      'x-real-ip': '6.6.6.6',
    });
  });

  it('defaults X-Forwarded-Port to 80 when the Host has no port', async () => {
    const got = (await send(`${untrusted.url}/x`, { headers: { host: 'pass.local' }, dispatcher: http })).json<Echo>();
    expect(got.headers['x-forwarded-port']).toBe('80');
  });
});

describe('host header', () => {
  it.each([
    { desc: 'passes the client Host by default', host: 'pass.local', expected: () => 'pass.local' },
    {
      desc: 'sends the server host with passHostHeader: false',
      host: 'keep.local',
      expected: () => `127.0.0.1:${echo.port}`,
    },
  ])('$desc', async ({ host, expected }) => {
    const got = (await send(`${untrusted.url}/x`, { headers: { host }, dispatcher: http })).json<Echo>();
    expect(got.headers.host).toBe(expected());
  });
});

describe('request line', () => {
  it.each(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const)(
    'forwards %s with its path and query unchanged',
    async (method) => {
      const got = (
        await send(`${untrusted.url}/a/b%20c?q=1&r=%2F`, { method, headers: { host: 'pass.local' }, dispatcher: http })
      ).json<Echo>();
      expect(got).toMatchObject({ method, url: '/a/b%20c?q=1&r=%2F' });
    },
  );

  it('forwards HEAD without a body', async () => {
    const res = await send(`${untrusted.url}/x`, { method: 'HEAD', headers: { host: 'pass.local' }, dispatcher: http });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
  });
});

describe('hop-by-hop headers', () => {
  it('removes them from the request, including the names Connection lists', async () => {
    const answer = await rawRequest(
      untrusted.port,
      [
        'GET /x HTTP/1.1',
        'Host: pass.local',
        'Connection: close, X-Secret',
        'X-Secret: do not forward',
        'Keep-Alive: timeout=5',
        'Proxy-Connection: keep-alive',
        'TE: trailers',
        'Trailer: X-T',
        'Upgrade: h2c',
        'Proxy-Authorization: Basic Zm9vOmJhcg==',
        'X-Normal: yes',
      ].join('\r\n'),
    );
    expect(answer.status).toBe(200);
    const got = JSON.parse(answer.body) as Echo;
    for (const name of ['x-secret', 'keep-alive', 'proxy-connection', 'trailer', 'upgrade', 'proxy-authorization']) {
      expect(got.headers[name], name).toBeUndefined();
    }
    expect(got.headers.te).toBe('trailers'); // the one TE value Go's reverse proxy passes on (gRPC needs it)
    expect(got.headers['x-normal']).toBe('yes');
  });

  it('removes them from the response', async () => {
    const res = await send(`${untrusted.url}/`, { headers: { host: 'hop.local' }, dispatcher: http });
    expect(res.status).toBe(200);
    for (const name of ['x-listed', 'proxy-authenticate', 'upgrade']) expect(res.headers[name], name).toBeUndefined();
    expect(res.headers['keep-alive']).not.toBe('timeout=5');
    expect(res.headers['x-kept']).toBe('yes');
  });
});
