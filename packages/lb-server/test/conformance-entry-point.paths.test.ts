/**
 * Conformance of the entry point with Traefik v3 (issue #13), the request path: how it is read
 * (`denyFragment` → `normalizePath` → `sanitizePath` in Traefik's
 * `pkg/server/server_entrypoint_tcp.go`), for plain and upgrade requests, with the default
 * settings and with `http.sanitizePath=false` and `http.encodeQuerySemicolons=true`: what routers
 * match and what the upstream receives. Real HTTP on loopback: raw bytes in, the upstream's view
 * of the request out. Each row names its Traefik or Go source. The query, header lines and
 * middlewares' headers: conformance-entry-point.headers.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { exchange, get, useConformanceJunctions } from './helpers/entry-point-conformance';

const junctions = useConformanceJunctions();

describe('request path at the entry point (sanitizePath on, the default)', () => {
  it.each([
    // Dot segments resolved before routing: traefik v3.7 pkg/server/server_entrypoint_tcp_test.go TestSanitizePath rows.
    {
      target: '/a/../admin/x',
      upstream: 'admin',
      url: '/admin/x',
      src: 'server_entrypoint_tcp_test.go TestSanitizePath "/a/../b" → "/b"',
    },
    { target: '/../../admin', upstream: 'admin', url: '/admin', src: 'TestSanitizePath "/../../b" → "/b"' },
    {
      target: '/a/..//c/.././admin',
      upstream: 'admin',
      url: '/admin',
      src: 'TestSanitizePath "/a/..//c/.././b" → "/b"',
    },
    {
      target: '//admin//x/',
      upstream: 'admin',
      url: '/admin/x/',
      src: 'request-path doc §3: duplicate slashes removed; Go URL.JoinPath keeps the final slash',
    },
    // Encoded dots decoded by normalizePath first, then resolved (chain order in createHTTPServer).
    {
      target: '/public/%2e%2e/admin',
      upstream: 'admin',
      url: '/admin',
      src: 'server_entrypoint_tcp.go normalizePath then sanitizePath',
    },
    {
      target: '/public/.%2E/admin?q=1',
      upstream: 'admin',
      url: '/admin?q=1',
      src: 'normalizePath then sanitizePath; query kept',
    },
    // Unreserved escapes decoded, others upper-cased (request-path doc §2; rfc3986 §2.3, §6.2.2.1).
    { target: '/%61dmin', upstream: 'admin', url: '/admin', src: 'normalizePath unreservedCharacters' },
    { target: '/a%2fb', upstream: 'rec', url: '/a%2Fb', src: 'normalizePath: reserved escape kept, upper-case hex' },
    {
      target: '/public/..%2Fadmin',
      upstream: 'rec',
      url: '/public/..%2Fadmin',
      src: 'TestPathOperations "path with traversal and encoded slash": %2F is no separator',
    },
    // Routers match the routing path (reserved escapes only kept): routingPath in server_entrypoint_tcp.go.
    {
      target: '/foo%20bar',
      upstream: 'admin',
      url: '/foo%20bar',
      src: 'server_entrypoint_tcp.go routingPath: Path(`/foo bar`) matches /foo%20bar',
    },
    // Characters Go does not keep as sent are re-escaped (Go net/url URL.EscapedPath).
    {
      target: '/a"b',
      upstream: 'rec',
      url: '/a%22b',
      src: 'Go URL.EscapedPath: escape(Path) when RawPath is not validEncoded',
    },
    {
      target: '/a\\b',
      upstream: 'rec',
      url: '/a%5Cb',
      src: 'Go URL.EscapedPath: a backslash is escaped, not a separator',
    },
  ])('$target → $upstream $url ($src)', async ({ target, upstream, url }) => {
    const { status, view } = await exchange(junctions.lb.port, get(target));
    expect(status).toBe(200);
    expect(view?.name).toBe(upstream);
    expect(view?.url).toBe(url);
  });

  it.each([
    { target: '/a#frag', src: 'server_entrypoint_tcp.go denyFragment (GHSA-fvhj-4qfh-q2hm)' },
    { target: '/a%zz', src: 'Go url.ParseRequestURI: invalid URL escape' },
    { target: '/a%2', src: 'Go url.ParseRequestURI: invalid URL escape' },
  ])('$target → 400 ($src)', async ({ target }) => {
    const { status } = await exchange(junctions.lb.port, get(target));
    expect(status).toBe(400);
  });
});

describe('upgrade requests read the same way (one path view for HTTP and WebSocket)', () => {
  it.each([
    {
      target: '/a/../admin/ws?x=1;y=2',
      upstream: 'admin',
      url: '/admin/ws?x=1&y=2',
      src: 'sanitizePath, AllowQuerySemicolons: entry-point handlers run before any router',
    },
    { target: '/%61dmin/ws', upstream: 'admin', url: '/admin/ws', src: 'normalizePath' },
  ])('$target → $upstream $url ($src)', async ({ target, upstream, url }) => {
    const head = `GET ${target} HTTP/1.1\r\nHost: a.example\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`;
    const { status, view } = await exchange(junctions.lb.port, head);
    expect(status).toBe(200); // the recorder answers without upgrading; the answer is relayed
    expect(view?.name).toBe(upstream);
    expect(view?.url).toBe(url);
  });

  it('refuses an upgrade with two Host lines (Go server.go: "too many Host headers")', async () => {
    const head =
      'GET /ws HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n';
    const { status } = await exchange(junctions.lb.port, head);
    expect(status).toBe(400);
  });
});

describe('with http.sanitizePath=false and http.encodeQuerySemicolons=true', () => {
  it.each([
    {
      target: '//admin',
      upstream: 'rec',
      url: '//admin',
      src: 'entrypoints doc http.sanitizePath=false: "//admin" is not cleaned, PathPrefix(`/admin`) misses',
    },
    { target: '/%61dmin', upstream: 'admin', url: '/admin', src: 'normalizePath runs whatever sanitizePath says' },
    {
      target: '/x?a=1;b=2',
      upstream: 'rec',
      url: '/x?a=1%3Bb=2',
      src: 'server_entrypoint_tcp.go encodeQuerySemicolons: ";" → "%3B"',
    },
  ])('$target → $upstream $url ($src)', async ({ target, upstream, url }) => {
    const { status, view } = await exchange(junctions.unsanitized.port, get(target));
    expect(status).toBe(200);
    expect(view?.name).toBe(upstream);
    expect(view?.url).toBe(url);
  });
});
