/**
 * Table tests of `entryPointPath`: Traefik v3's entry-point view of a request path. Each row names
 * where the expected value comes from: Traefik's `pkg/server/server_entrypoint_tcp.go`
 * (`denyFragment`, `normalizePath`, `sanitizePath` = Go `URL.JoinPath`) and its tests in
 * `server_entrypoint_tcp_test.go`, the "Request Path" page
 * (https://doc.traefik.io/traefik/security/request-path/), and Go's `net/url` / `path` rules.
 */
import { describe, expect, it } from 'vitest';
import { cleanPath, entryPointPath } from './request-path';
import { toRoutingPath } from './routing-path';

describe('entryPointPath (sanitizePath on, the default)', () => {
  it.each([
    // Plain paths come back as they are (Go: RawPath empty, nothing to normalize).
    { raw: '/', path: '/', src: 'Go net/url setPath' },
    { raw: '/api/v1/users', path: '/api/v1/users', src: 'Go net/url setPath' },
    { raw: '/a/b/', path: '/a/b/', src: 'Go URL.JoinPath keeps a trailing slash' },
    { raw: '*', path: '*', src: 'Go url.ParseRequestURI: asterisk-form stays' },
    // Dot segments and empty segments (request-path doc §3 "Path Sanitization", rfc3986 §6.2.2.3).
    { raw: '/a/../b', path: '/b', src: 'server_entrypoint_tcp_test.go TestSanitizePath "/a/../b"' },
    { raw: '/a/./b', path: '/a/b', src: 'request-path doc §3: "." segments removed' },
    { raw: '//a//b', path: '/a/b', src: 'request-path doc §3: duplicate slashes removed' },
    { raw: '/../../etc/passwd', path: '/etc/passwd', src: 'Go path.Clean: ".." at the root is dropped' },
    { raw: '/a/b/..', path: '/a', src: 'Go URL.JoinPath: a slash is restored only when the path ended with one' },
    { raw: '/a/..', path: '/', src: 'Go path.Clean + JoinPath' },
    { raw: '/a/.', path: '/a', src: 'Go path.Clean' },
    { raw: '/a/./', path: '/a/', src: 'Go URL.JoinPath trailing slash' },
    { raw: '/a/...', path: '/a/...', src: 'Go path.Clean: "..." is a name' },
    // Encoded dots are decoded first (normalizePath), then resolved (sanitizePath).
    { raw: '/a/%2e%2e/b', path: '/b', src: 'normalizePath then sanitizePath (chain order in createHTTPServer)' },
    { raw: '/a/%2E%2E/b', path: '/b', src: 'normalizePath then sanitizePath' },
    { raw: '/a/.%2e/b', path: '/b', src: 'normalizePath then sanitizePath' },
    { raw: '/%2e/a', path: '/a', src: 'normalizePath then sanitizePath' },
    // Unreserved escapes decoded, others upper-cased (request-path doc §2, rfc3986 §2.3/§6.2.2.1).
    { raw: '/%41%62c', path: '/Abc', src: 'server_entrypoint_tcp.go normalizePath: unreservedCharacters' },
    { raw: '/%7euser', path: '/~user', src: 'normalizePath: unreservedCharacters %7E' },
    { raw: '/a%2fb', path: '/a%2Fb', src: 'normalizePath: reserved escape kept, hex upper-cased' },
    { raw: '/foo%20bar', path: '/foo%20bar', src: 'normalizePath: %20 is not unreserved' },
    { raw: '/caf%c3%a9', path: '/caf%C3%A9', src: 'normalizePath: upper-case hex' },
    {
      raw: '/a%2F..%2Fb',
      path: '/a%2F..%2Fb',
      src: 'sanitizePath works on segments of the escaped path: %2F is no separator',
    },
    // Characters Go does not keep as sent: re-escaped from the decoded path (URL.EscapedPath).
    { raw: '/a"b', path: '/a%22b', src: 'Go URL.EscapedPath: not validEncoded → escape(Path)' },
    { raw: '/a\\b', path: '/a%5Cb', src: 'Go URL.EscapedPath: backslash escaped, not a separator' },
    { raw: '/a{b}|^`', path: '/a%7Bb%7D%7C%5E%60', src: 'Go URL.EscapedPath' },
    { raw: "/a!b'(c)*", path: "/a!b'(c)*", src: 'Go validEncoded: sub-delims kept as sent' },
    { raw: '/a[b]', path: '/a[b]', src: 'Go validEncoded: brackets kept as sent' },
    { raw: '/a"b/%2f', path: '/a%22b/', src: 'Go EscapedPath decodes %2F when it re-escapes, then JoinPath cleans' },
    // traefik v3.7 pkg/server/server_entrypoint_tcp_test.go TestPathOperations (expectedRaw column).
    { raw: '/a/../b/%41%42%43//%2f/', path: '/b/ABC/%2F/', src: 'TestPathOperations "normalize and sanitize path"' },
    { raw: '/a/../../b/../c/', path: '/c/', src: 'TestPathOperations "path with multiple traversal attempts"' },
    {
      raw: '/a/../b/./c/../d/',
      path: '/b/d/',
      src: 'TestPathOperations "path with mixed traversal and valid segments"',
    },
    { raw: '/a/%2E%2E/%2E%2E/b/', path: '/b/', src: 'TestPathOperations "path with encoded traversal sequences"' },
    {
      raw: '/a/%252E%252E/%252E%252E/b/',
      path: '/a/%252E%252E/%252E%252E/b/',
      src: 'TestPathOperations "path with over-encoded traversal sequences"',
    },
    {
      raw: '/foo%20%2Fbar',
      path: '/foo%20%2Fbar',
      src: 'TestPathOperations "routing path with unallowed and reserved percent-encoded character"',
    },
    { raw: '/a/..%2Fb/', path: '/a/..%2Fb/', src: 'TestPathOperations "path with traversal and encoded slash"' },
    { raw: '/..///b///', path: '/b/', src: 'server_entrypoint_tcp_test.go TestSanitizePath "/..///b///"' },
    { raw: '/a/b/../', path: '/a/', src: 'TestSanitizePath "/a/b/../"' },
    { raw: '/x%0a', path: '/x%0A', src: 'server_entrypoint_tcp_test.go TestNormalizePath: "%0a" → "%0A"' },
    {
      raw: '/%3A%2F%3F%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%25',
      path: '/%3A%2F%3F%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%25',
      src: 'TestNormalizePath: reserved escapes kept',
    },
    // Refused (400).
    {
      raw: '/a#frag',
      path: undefined,
      src: 'server_entrypoint_tcp_test.go Test_denyFragment "Rejects fragment character"',
    },
    { raw: '/bad%2', path: undefined, src: 'Go url.ParseRequestURI: invalid URL escape → 400' },
    { raw: '/bad%zz', path: undefined, src: 'Go url.ParseRequestURI: invalid URL escape → 400' },
    { raw: '/bad%', path: undefined, src: 'TestNormalizePath_malformedPercentEncoding "percent sign at the end"' },
    {
      raw: '/%f',
      path: undefined,
      src: 'TestNormalizePath_malformedPercentEncoding "incomplete percent encoding at the end"',
    },
  ])('$raw → $path ($src)', ({ raw, path }) => {
    expect(entryPointPath(raw)).toBe(path);
  });

  it('routes on the sanitized path, as Traefik routingPath reads EscapedPath after sanitizePath', () => {
    // server_entrypoint_tcp.go routingPath wraps the router inside sanitizePath.
    expect(toRoutingPath(entryPointPath('/api/%2e%2e/admin%20x') ?? '')).toBe('/admin x');
    expect(toRoutingPath(entryPointPath('/a%2fb') ?? '')).toBe('/a%2Fb');
  });
});

describe('entryPointPath with sanitizePath=false', () => {
  it.each([
    { raw: '/a/../b', path: '/a/../b', src: 'entrypoints doc http.sanitizePath=false: no cleaning' },
    { raw: '//a', path: '//a', src: 'entrypoints doc http.sanitizePath=false' },
    { raw: '/a/%2e%2e/b', path: '/a/../b', src: 'normalizePath runs whatever sanitizePath says' },
    { raw: '/a%2fb', path: '/a%2Fb', src: 'normalizePath' },
    { raw: '/a#b', path: undefined, src: 'denyFragment' },
  ])('$raw → $path ($src)', ({ raw, path }) => {
    expect(entryPointPath(raw, false)).toBe(path);
  });
});

describe('cleanPath (Go path.Clean on rooted paths, trailing slash kept)', () => {
  it.each([
    ['/abc', '/abc'],
    ['/abc/def/..', '/abc'],
    ['/abc/def/../', '/abc/'],
    ['/abc/./../def', '/def'],
    ['//abc', '/abc'],
    ['/abc/def/../../..', '/'],
  ])('%s → %s', (input, output) => {
    expect(cleanPath(input)).toBe(output);
  });
});
