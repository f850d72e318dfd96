/**
 * Conformance of the entry point with Traefik v3 (issue #13): how a request path is read
 * (`denyFragment` → `normalizePath` → `sanitizePath` in Traefik's
 * `pkg/server/server_entrypoint_tcp.go`), what routers match and what the upstream receives; the
 * query's `;` (Go's `http.AllowQuerySemicolons`, Traefik's default); the header lines header
 * matchers see; client-sent `X-Forwarded-Prefix`. Real HTTP on loopback: raw bytes in, the
 * upstream's view of the request out. Each row names its Traefik or Go source.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pool, startJunction, type TestJunction } from './helpers/junction';
import { rawExchange } from './helpers/raw-exchange';
import { startUpstream, type Upstream } from './helpers/upstreams';

/** What an upstream saw, as it answers it (JSON body). */
interface View {
  readonly name: string;
  readonly url: string;
  readonly host: string | undefined;
  readonly rawHeaders: readonly string[];
}

const upstreams: Upstream[] = [];
let lb: TestJunction;
let unsanitized: TestJunction;

async function recorder(name: string): Promise<Upstream> {
  const upstream = await startUpstream(name, (req, res) => {
    const view: View = { name, url: req.url ?? '', host: req.headers.host, rawHeaders: req.rawHeaders };
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(view));
  });
  upstreams.push(upstream);
  return upstream;
}

beforeAll(async () => {
  const [rec, admin, xhost] = [await recorder('rec'), await recorder('admin'), await recorder('xhost')];
  const config = {
    http: {
      routers: {
        all: { rule: 'PathPrefix(`/`)', service: 'rec' },
        admin: { rule: 'PathPrefix(`/admin`)', service: 'admin' },
        spaced: { rule: 'Path(`/foo bar`)', service: 'admin' },
        multi: { rule: 'Header(`X-Multi`, `two`)', service: 'admin', priority: 1000 },
        xhost: { rule: 'Host(`x.example`)', service: 'xhost', priority: 500 },
        strip: { rule: 'PathPrefix(`/strip`)', service: 'rec', middlewares: ['strip'] },
        replace: { rule: 'PathPrefix(`/replace`)', service: 'rec', middlewares: ['replace'] },
      },
      middlewares: { strip: { stripPrefix: { prefixes: ['/strip'] } }, replace: { replacePath: { path: '/new' } } },
      services: { rec: pool([rec.url]), admin: pool([admin.url]), xhost: pool([xhost.url]) },
    },
  };
  lb = await startJunction(config);
  unsanitized = await startJunction(config, [
    '--entrypoints.web.http.sanitizePath=false',
    '--entrypoints.web.http.encodeQuerySemicolons=true',
  ]);
});

afterAll(async () => {
  await lb.close();
  await unsanitized.close();
  for (const upstream of upstreams) await upstream.close();
});

/** Sends one raw request; returns the status and, when an upstream answered, what it saw. */
async function exchange(port: number, head: string): Promise<{ status: number | undefined; view: View | undefined }> {
  const reply = await rawExchange(port, head, 800);
  const body = reply.text.slice(reply.text.indexOf('\r\n\r\n') + 4);
  const status = reply.statuses[0];
  return { status, view: status === 200 ? (JSON.parse(body) as View) : undefined };
}

const get = (target: string, extra = ''): string =>
  `GET ${target} HTTP/1.1\r\nHost: a.example\r\n${extra}Connection: close\r\n\r\n`;

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
    const { status, view } = await exchange(lb.port, get(target));
    expect(status).toBe(200);
    expect(view?.name).toBe(upstream);
    expect(view?.url).toBe(url);
  });

  it.each([
    { target: '/a#frag', src: 'server_entrypoint_tcp.go denyFragment (GHSA-fvhj-4qfh-q2hm)' },
    { target: '/a%zz', src: 'Go url.ParseRequestURI: invalid URL escape' },
    { target: '/a%2', src: 'Go url.ParseRequestURI: invalid URL escape' },
  ])('$target → 400 ($src)', async ({ target }) => {
    const { status } = await exchange(lb.port, get(target));
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
    const { status, view } = await exchange(lb.port, head);
    expect(status).toBe(200); // the recorder answers without upgrading; the answer is relayed
    expect(view?.name).toBe(upstream);
    expect(view?.url).toBe(url);
  });

  it('refuses an upgrade with two Host lines (Go server.go: "too many Host headers")', async () => {
    const head =
      'GET /ws HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n';
    const { status } = await exchange(lb.port, head);
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
    const { status, view } = await exchange(unsanitized.port, get(target));
    expect(status).toBe(200);
    expect(view?.name).toBe(upstream);
    expect(view?.url).toBe(url);
  });
});

describe('query, header lines, client-sent X-Forwarded-Prefix', () => {
  it('forwards ";" in the query as "&" (Go http.AllowQuerySemicolons, Traefik default: createHTTPServer)', async () => {
    const { view } = await exchange(lb.port, get('/x?a=1;b=2'));
    expect(view?.url).toBe('/x?a=1&b=2');
  });

  it('header matchers see each line of a repeated header (pkg/muxer/http/matcher.go header(): req.Header values)', async () => {
    const { view } = await exchange(lb.port, get('/x', 'X-Multi: one\r\nX-Multi: two\r\n'));
    expect(view?.name).toBe('admin');
    const { view: single } = await exchange(lb.port, get('/x', 'X-Multi: one\r\n'));
    expect(single?.name).toBe('rec');
  });

  it.each([
    {
      target: '/strip%2Fx',
      url: '/%2Fx',
      src: 'strip_prefix.go: prefix matched on URL.Path ("/strip/x"), RawPath cut by its encoded length',
    },
    { target: '/strip/a%20b', url: '/a%20b', src: 'strip_prefix.go: the escaped rest goes upstream as it is' },
    {
      target: '/strip/../admin',
      url: '/admin',
      src: 'sanitizePath runs before routing: the admin router takes it, nothing stripped',
    },
  ])("stripPrefix on the entry point's path: $target → $url ($src)", async ({ target, url }) => {
    const { view } = await exchange(lb.port, get(target));
    expect(view?.url).toBe(url);
  });

  it.each([
    {
      sanitized: true,
      target: '/strip../admin',
      src: 'v3.7 strip_prefix_test.go "multiple dots in the path not stripped by the prefix"',
    },
    {
      sanitized: true,
      target: '/strip./admin',
      src: 'v3.7 strip_prefix_test.go "dot in the path not stripped by the prefix"',
    },
    {
      sanitized: false,
      target: '/strip//admin',
      src: 'v3.7 strip_prefix.go: URL.JoinPath would clean "//admin" (sanitizePath=false lets "//" reach the router)',
    },
  ])('stripPrefix leaving a path that cleaning would change → 400: $target ($src)', async ({ sanitized, target }) => {
    const { status } = await exchange(sanitized ? lb.port : unsanitized.port, get(target));
    expect(status).toBe(400);
  });

  it("appends X-Replaced-Path, the escaped path, to the client's line (replace_path.go: req.Header.Add of RawPath or EscapedPath())", async () => {
    const { view } = await exchange(lb.port, get('/replace/a%20b', 'X-Replaced-Path: /client\r\n'));
    expect(view?.url).toBe('/new');
    const replaced = (view?.rawHeaders ?? []).filter(
      (_, i, all) => i % 2 === 1 && all[i - 1]?.toLowerCase() === 'x-replaced-path',
    );
    expect(replaced).toEqual(['/client', '/replace/a%20b']);
  });

  it("appends X-Forwarded-Prefix to the client's line (stripprefix/strip_prefix.go: req.Header.Add)", async () => {
    const { view } = await exchange(lb.port, get('/strip/x', 'X-Forwarded-Prefix: /client\r\n'));
    expect(view?.url).toBe('/x');
    const prefixes = (view?.rawHeaders ?? []).filter(
      (_, i, all) => i % 2 === 1 && all[i - 1]?.toLowerCase() === 'x-forwarded-prefix',
    );
    expect(prefixes).toEqual(['/client', '/strip']);
  });
});
