/**
 * Conformance of the request line and Host with RFC 9112 as Go's `net/http` server (Traefik's)
 * applies it (issue #13): two Host lines, a Host outside the grammar and a request line without
 * an HTTP version are refused with 400; an absolute-form target is routed on its authority,
 * which wins over the Host header. Raw bytes on loopback; each row names its source.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pool, startJunction, type TestJunction } from './helpers/junction';
import { rawExchange } from './helpers/raw-exchange';
import { startUpstream, type Upstream } from './helpers/upstreams';

let main: Upstream;
let other: Upstream;
let lb: TestJunction;
let seen: string[] = [];

beforeAll(async () => {
  const answer = (name: string): Promise<Upstream> =>
    startUpstream(name, (req, res) => {
      seen.push(`${name} ${req.url} ${req.headers.host}`);
      res.end(`${name} ${req.url} ${req.headers.host} ${req.headers['x-forwarded-host']}`);
    });
  main = await answer('main');
  other = await answer('other');
  lb = await startJunction({
    http: {
      routers: {
        main: { rule: 'Host(`a.example`)', service: 'main' },
        other: { rule: 'Host(`x.example`)', service: 'other' },
      },
      services: {
        main: pool([main.url], { passHostHeader: true }),
        other: pool([other.url], { passHostHeader: true }),
      },
    },
  });
});

afterAll(async () => {
  await lb.close();
  await main.close();
  await other.close();
});

describe('refused with 400, nothing forwarded', () => {
  it.each([
    {
      head: 'GET / HTTP/1.1\r\nHost: a.example\r\nHost: x.example\r\n\r\n',
      src: 'RFC 9112 §3.2; Go net/http server.go readRequest: "too many Host headers"',
    },
    {
      head: 'GET / HTTP/1.1\r\nHost: a.example\r\nhost: a.example\r\n\r\n',
      src: 'Go server.go: two Host lines even when equal (header names are case-insensitive)',
    },
    {
      head: 'GET / HTTP/1.1\r\nHost: a example\r\n\r\n',
      src: 'Go httpguts.ValidHostHeader: a space is no host byte ("malformed Host header")',
    },
    { head: 'GET / HTTP/1.1\r\nHost: a.example/x\r\n\r\n', src: 'httpguts.ValidHostHeader: "/" is no host byte' },
    { head: 'GET / HTTP/1.1\r\nHost: user@a.example\r\n\r\n', src: 'httpguts.ValidHostHeader: "@" is no host byte' },
    {
      head: 'GET /\r\n\r\n',
      src: 'RFC 9112 §3: request-line = method SP request-target SP HTTP-version; Go: "malformed HTTP request"',
    },
    {
      head: 'GET http://a.example/x HTTP/1.1\r\nHost: a.example\r\nHost: a.example\r\n\r\n',
      src: 'Go server.go: Host lines checked for an absolute-form target too',
    },
    {
      head: 'GET http://a.example/z HTTP/1.1\r\n\r\n',
      src: 'Go server.go: "missing required Host header" for HTTP/1.1, absolute form included (Node: requireHostHeader)',
    },
  ])('$src', async ({ head }) => {
    seen = [];
    const reply = await rawExchange(lb.port, head, 800);
    expect(reply.statuses[0]).toBe(400);
    expect(seen).toEqual([]);
  });
});

describe('method tokens Node refuses: routed, not forwarded (server/unparsed-method.ts)', () => {
  // Go's validMethod accepts any token and Traefik routes it; llhttp knows 35 names and refuses
  // the rest (HPE_INVALID_METHOD). A matching router gets 501 LB_METHOD_UNPARSED, nothing is sent.
  it.each([
    { head: 'get / HTTP/1.1\r\nHost: a.example\r\n\r\n', src: 'Go net/http validMethod accepts "get"' },
    { head: 'FOO / HTTP/1.1\r\nHost: a.example\r\n\r\n', src: 'Go net/http validMethod accepts "FOO"' },
  ])('$src', async ({ head }) => {
    seen = [];
    const reply = await rawExchange(lb.port, head, 800);
    expect(reply.statuses).toEqual([501]);
    expect(reply.text).toContain('"code":"LB_METHOD_UNPARSED"');
    expect(reply.closed).toBe(true);
    expect(seen).toEqual([]);
  });
});

describe('absolute-form target (RFC 9112 §3.2.2: the authority wins over Host)', () => {
  it.each([
    {
      head: 'GET http://x.example/y?q=1 HTTP/1.1\r\nHost: a.example\r\nConnection: close\r\n\r\n',
      body: 'other /y?q=1 x.example x.example',
      src: 'Go server.go readRequest: req.Host = req.URL.Host',
    },
    {
      head: 'GET http://x.example:8080/y HTTP/1.1\r\nHost: a.example\r\nConnection: close\r\n\r\n',
      body: 'other /y x.example:8080 x.example:8080',
      src: 'Traefik Host matcher ignores the port (pkg/muxer/http/matcher.go host)',
    },
    {
      head: 'GET http://x.example HTTP/1.1\r\nHost: a.example\r\nConnection: close\r\n\r\n',
      body: 'other / x.example x.example',
      src: 'Go URL.RequestURI: an empty path is sent as "/"',
    },
    {
      head: 'GET https://user@x.example/z HTTP/1.1\r\nHost: a.example\r\nConnection: close\r\n\r\n',
      body: 'other /z x.example x.example',
      src: 'Go url.URL.Host leaves the userinfo out',
    },
  ])('$src', async ({ head, body }) => {
    const reply = await rawExchange(lb.port, head, 800);
    expect(reply.statuses[0]).toBe(200);
    expect(reply.text.slice(reply.text.indexOf('\r\n\r\n') + 4)).toBe(body);
  });
});

describe('accepted as Go accepts them', () => {
  it.each([
    {
      head: 'GET / HTTP/1.1\r\nHost: [::1]:80\r\nConnection: close\r\n\r\n',
      status: 404,
      src: 'httpguts.ValidHostHeader: brackets and colons are host bytes',
    },
    {
      head: 'GET / HTTP/1.1\r\nHost: a.example:8080\r\nConnection: close\r\n\r\n',
      status: 200,
      src: 'httpguts.ValidHostHeader: a port',
    },
    { head: 'GET / HTTP/1.0\r\n\r\n', status: 404, src: 'Go: HTTP/1.0 needs no Host; no router matches an empty host' },
  ])('$src', async ({ head, status }) => {
    const reply = await rawExchange(lb.port, head, 800);
    expect(reply.statuses[0]).toBe(status);
  });
});
