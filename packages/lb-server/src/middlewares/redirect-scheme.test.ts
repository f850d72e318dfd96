import { describe, expect, it } from 'vitest';
import { splitHost } from './redirect-scheme';
import { createMiddleware } from './registry';
import { run } from '../../test/support/middlewares/proxy-context';

describe('redirectScheme middleware', () => {
  it.each([
    { desc: 'GET, temporary', options: { scheme: 'https' }, method: 'GET', status: 302 },
    { desc: 'GET, permanent', options: { scheme: 'https', permanent: true }, method: 'GET', status: 301 },
    { desc: 'POST, temporary keeps the method', options: { scheme: 'https' }, method: 'POST', status: 307 },
    {
      desc: 'POST, permanent keeps the method',
      options: { scheme: 'https', permanent: 'true' },
      method: 'POST',
      status: 308,
    },
    { desc: 'HEAD counts as non-GET', options: { scheme: 'https' }, method: 'HEAD', status: 307 },
  ])('status: $desc → $status', async ({ options, method, status }) => {
    const { result } = await run(createMiddleware('r', { redirectScheme: options }), {
      method,
      host: 'example.com',
      path: '/a',
      query: 'b=1',
    });
    expect(result).toMatchObject({ status, headers: { location: 'https://example.com/a?b=1' } });
  });

  it.each([
    {
      desc: 'client port dropped without a port option',
      options: { scheme: 'https' },
      host: 'example.com:8080',
      location: 'https://example.com/p',
    },
    {
      desc: 'configured port',
      options: { scheme: 'https', port: '8443' },
      host: 'example.com',
      location: 'https://example.com:8443/p',
    },
    {
      desc: 'numeric port option',
      options: { scheme: 'https', port: 8443 },
      host: 'example.com:80',
      location: 'https://example.com:8443/p',
    },
    {
      desc: 'default port omitted',
      options: { scheme: 'https', port: '443' },
      host: 'example.com:8080',
      location: 'https://example.com/p',
    },
    { desc: 'IPv6 host', options: { scheme: 'https' }, host: '[::1]:8080', location: 'https://[::1]/p' },
    {
      desc: 'to http',
      options: { scheme: 'http', port: '80' },
      host: 'example.com',
      scheme: 'https' as const,
      location: 'http://example.com/p',
    },
  ])('Location: $desc', async ({ options, host, scheme, location }) => {
    const { result } = await run(createMiddleware('r', { redirectScheme: options }), {
      host,
      path: '/p',
      scheme: scheme ?? 'http',
    });
    expect(result?.headers?.location).toBe(location);
  });

  it.each([
    { desc: 'already https', options: { scheme: 'https' }, host: 'example.com', scheme: 'https' as const },
    {
      desc: 'already https on the configured port',
      options: { scheme: 'https', port: '8443' },
      host: 'example.com:8443',
      scheme: 'https' as const,
    },
    {
      desc: 'https with its default port written out',
      options: { scheme: 'https' },
      host: 'example.com:443',
      scheme: 'https' as const,
    },
  ])('passes on when the target is the same URL: $desc', async ({ options, host, scheme }) => {
    const { result } = await run(createMiddleware('r', { redirectScheme: options }), { host, scheme });
    expect(result).toBeUndefined();
  });

  it('redirects https on another port to the configured one', async () => {
    const { result } = await run(createMiddleware('r', { redirectScheme: { scheme: 'https' } }), {
      host: 'example.com:8443',
      scheme: 'https',
    });
    expect(result?.headers?.location).toBe('https://example.com/');
  });

  it('rejects a missing scheme', () => {
    expect(() => createMiddleware('r', { redirectScheme: { permanent: true } })).toThrow(
      expect.objectContaining({ path: 'redirectScheme.scheme' }),
    );
  });
});

describe('splitHost', () => {
  it.each([
    { text: 'a.example:81', expected: { host: 'a.example', port: ':81' } },
    { text: 'a.example', expected: { host: 'a.example', port: '' } },
    { text: '[::1]:81', expected: { host: '[::1]', port: ':81' } },
    { text: '[::1]', expected: { host: '[::1]', port: '' } },
  ])('$text', ({ text, expected }) => {
    expect(splitHost(text)).toEqual(expected);
  });
});
