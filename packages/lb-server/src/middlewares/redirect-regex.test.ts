/**
 * `redirectRegex`: the example of Traefik's documentation and the cases of Traefik's own
 * `redirect_regex_test.go` (with the path `/` our requests always carry), Go expansion, the
 * pass-through cases, option errors, and hostile patterns that must not stall the check.
 */
import { describe, expect, it } from 'vitest';
import { createMiddleware } from './registry';
import { run } from '../../test/support/middlewares/proxy-context';

type Scheme = 'http' | 'https';

describe('redirectRegex middleware', () => {
  it("the example of Traefik's documentation: domain replacement", async () => {
    const mw = createMiddleware('r', {
      redirectRegex: { regex: '^http://localhost/(.*)', replacement: 'http://mydomain/${1}' },
    });
    const { result } = await run(mw, { host: 'localhost', path: '/jokes/1', query: 'lang=fr' });
    expect(result).toEqual({ status: 302, headers: { location: 'http://mydomain/jokes/1?lang=fr' }, body: 'Found' });
  });

  it.each<{
    desc: string;
    regex: string;
    replacement: string;
    permanent?: boolean;
    method?: string;
    scheme?: Scheme;
    host: string;
    status: number;
    location: string;
  }>([
    {
      desc: 'simple redirection',
      regex: '^(?:http?:\\/\\/)(foo)(\\.com)(:\\d+)(.*)$',
      replacement: 'https://${1}bar$2:443$4',
      host: 'foo.com:80',
      status: 302,
      location: 'https://foobar.com:443/',
    },
    {
      desc: 'HTTP to HTTPS permanent',
      regex: '^http://',
      replacement: 'https://$1',
      permanent: true,
      host: 'foo',
      status: 301,
      location: 'https://foo/',
    },
    {
      desc: 'HTTPS to HTTP permanent',
      regex: 'https://foo',
      replacement: 'http://foo',
      permanent: true,
      scheme: 'https',
      host: 'foo',
      status: 301,
      location: 'http://foo/',
    },
    {
      desc: 'HTTP to HTTPS',
      regex: 'http://foo:80',
      replacement: 'https://foo:443',
      host: 'foo:80',
      status: 302,
      location: 'https://foo:443/',
    },
    {
      desc: 'HTTPS to HTTP',
      regex: 'https://foo:443',
      replacement: 'http://foo:80',
      scheme: 'https',
      host: 'foo:443',
      status: 302,
      location: 'http://foo:80/',
    },
    {
      desc: 'HTTP to HTTP',
      regex: 'http://foo:80',
      replacement: 'http://foo:88',
      host: 'foo:80',
      status: 302,
      location: 'http://foo:88/',
    },
    {
      desc: 'HTTP to HTTP POST',
      regex: '^http://',
      replacement: 'https://$1',
      method: 'POST',
      host: 'foo',
      status: 307,
      location: 'https://foo/',
    },
    {
      desc: 'HTTP to HTTP POST permanent',
      regex: '^http://',
      replacement: 'https://$1',
      permanent: true,
      method: 'POST',
      host: 'foo',
      status: 308,
      location: 'https://foo/',
    },
  ])(
    'Traefik\'s case "$desc": $status to $location',
    async ({ regex, replacement, permanent, method, scheme, host, status, location }) => {
      const mw = createMiddleware('r', {
        redirectRegex: { regex, replacement, ...(permanent === undefined ? {} : { permanent }) },
      });
      const { result } = await run(mw, { host, method: method ?? 'GET', scheme: scheme ?? 'http' });
      expect(result).toMatchObject({ status, headers: { location } });
    },
  );

  it('Traefik\'s case "URL doesn\'t match regex": the request passes on', async () => {
    const mw = createMiddleware('r', {
      redirectRegex: { regex: '^(?:http?:\\/\\/)(foo)(\\.com)(:\\d+)(.*)$', replacement: 'https://${1}bar$2:443$4' },
    });
    expect((await run(mw, { host: 'bar.com:80' })).result).toBeUndefined();
  });

  it('Traefik\'s case "invalid rewritten URL": 502, no Location', async () => {
    const mw = createMiddleware('r', { redirectRegex: { regex: '^(.*)$', replacement: 'http://192.168.0.%31/' } });
    const { result } = await run(mw, { host: 'foo.com:80' });
    expect(result?.status).toBe(502);
    expect(result?.headers?.location).toBeUndefined();
  });

  it('Traefik\'s case "invalid regex": a coded error at the option', () => {
    expect(() => createMiddleware('r', { redirectRegex: { regex: '^(.*', replacement: '$1' } })).toThrow(
      expect.objectContaining({
        code: 'LB_MIDDLEWARE_INVALID',
        path: 'redirectRegex.regex',
        message: expect.stringMatching(/missing closing \)/),
      }),
    );
  });

  it.each([
    { desc: '$1x is the group named 1x, so empty', replacement: 'https://x/$1x', location: 'https://x/' },
    { desc: '${1}x', replacement: 'https://x/${1}x', location: 'https://x/ax' },
    { desc: 'named group', replacement: 'https://x/${name}', location: 'https://x/a' },
    {
      desc: 'space and non-ASCII are percent-encoded',
      replacement: 'https://x/é ${1}',
      location: 'https://x/%C3%A9%20a',
    },
  ])('Go expansion: $desc', async ({ replacement, location }) => {
    const mw = createMiddleware('r', { redirectRegex: { regex: '^http://h/(?P<name>a)$', replacement } });
    expect((await run(mw, { host: 'h', path: '/a' })).result?.headers?.location).toBe(location);
  });

  it('passes on when the replacement leaves the URL as it was', async () => {
    const mw = createMiddleware('r', { redirectRegex: { regex: '^(http)://', replacement: '${1}://' } });
    expect((await run(mw, { host: 'h', path: '/a' })).result).toBeUndefined();
  });

  it('reads label strings (permanent: "true") and requires a regex', async () => {
    const mw = createMiddleware('r', {
      redirectregex: { regex: '^http://old/', replacement: 'http://new/', permanent: 'true' },
    });
    expect((await run(mw, { host: 'old', path: '/p' })).result).toMatchObject({
      status: 301,
      headers: { location: 'http://new/p' },
    });
    expect(() => createMiddleware('r', { redirectRegex: { replacement: 'x' } })).toThrow(
      expect.objectContaining({ path: 'redirectRegex.regex' }),
    );
  });

  it('a pathological pattern answers a hostile 100,000-character URL at once (linear-time regexps)', async () => {
    const mw = createMiddleware('r', { redirectRegex: { regex: '^http://h/(a+)+$', replacement: 'http://other/' } });
    const path = `/${'a'.repeat(99_990)}!`;
    expect((await run(mw, { host: 'h', path })).result).toBeUndefined();
    expect((await run(mw, { host: 'h', path: '/aaaa' })).result?.headers?.location).toBe('http://other/');
  }, 20_000);
});
