/**
 * Conformance of the entry point with Traefik v3 (issue #13), beyond the path: the query's `;`
 * (Go's `http.AllowQuerySemicolons`, Traefik's default); the header lines header matchers see;
 * `stripPrefix` on the entry point's path; client-sent `X-Replaced-Path` and `X-Forwarded-Prefix`.
 * Real HTTP on loopback: raw bytes in, the upstream's view of the request out. Each row names its
 * Traefik or Go source. How the path is read: conformance-entry-point.paths.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { exchange, get, useConformanceJunctions } from './helpers/entry-point-conformance';

const junctions = useConformanceJunctions();

describe('query, header lines, client-sent X-Forwarded-Prefix', () => {
  it('forwards ";" in the query as "&" (Go http.AllowQuerySemicolons, Traefik default: createHTTPServer)', async () => {
    const { view } = await exchange(junctions.lb.port, get('/x?a=1;b=2'));
    expect(view?.url).toBe('/x?a=1&b=2');
  });

  it('header matchers see each line of a repeated header (pkg/muxer/http/matcher.go header(): req.Header values)', async () => {
    const { view } = await exchange(junctions.lb.port, get('/x', 'X-Multi: one\r\nX-Multi: two\r\n'));
    expect(view?.name).toBe('admin');
    const { view: single } = await exchange(junctions.lb.port, get('/x', 'X-Multi: one\r\n'));
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
    const { view } = await exchange(junctions.lb.port, get(target));
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
    const { status } = await exchange(sanitized ? junctions.lb.port : junctions.unsanitized.port, get(target));
    expect(status).toBe(400);
  });

  it("appends X-Replaced-Path, the escaped path, to the client's line (replace_path.go: req.Header.Add of RawPath or EscapedPath())", async () => {
    const { view } = await exchange(junctions.lb.port, get('/replace/a%20b', 'X-Replaced-Path: /client\r\n'));
    expect(view?.url).toBe('/new');
    const replaced = (view?.rawHeaders ?? []).filter(
      (_, i, all) => i % 2 === 1 && all[i - 1]?.toLowerCase() === 'x-replaced-path',
    );
    expect(replaced).toEqual(['/client', '/replace/a%20b']);
  });

  it("appends X-Forwarded-Prefix to the client's line (stripprefix/strip_prefix.go: req.Header.Add)", async () => {
    const { view } = await exchange(junctions.lb.port, get('/strip/x', 'X-Forwarded-Prefix: /client\r\n'));
    expect(view?.url).toBe('/x');
    const prefixes = (view?.rawHeaders ?? []).filter(
      (_, i, all) => i % 2 === 1 && all[i - 1]?.toLowerCase() === 'x-forwarded-prefix',
    );
    expect(prefixes).toEqual(['/client', '/strip']);
  });
});
