import { describe, expect, it } from 'vitest';
import { canonicalHost, hostEquals, hostKey, splitHostPort } from './host';

describe('canonicalHost (Traefik request decorator)', () => {
  it.each([
    { raw: 'example.com', canonical: 'example.com' },
    { raw: 'Example.COM:8080', canonical: 'example.com' },
    { raw: '[::1]:80', canonical: '::1' },
    { raw: '[FE80::1%25eth0]:80', canonical: 'fe80::1%25eth0' },
    // traefik request_decorator_test.go TestRequestHost_parseHost (v2.8.5+): brackets go
    { raw: '[::1]', canonical: '::1' },
    { raw: '[fe80::215:5dff:fe20:cd6a]:', canonical: 'fe80::215:5dff:fe20:cd6a' },
    { raw: 'fe80::215:5dff:fe20:cd6a]', canonical: 'fe80::215:5dff:fe20:cd6a]' },
    { raw: '[fe80::215:5dff:fe20:cd6a', canonical: '[fe80::215:5dff:fe20:cd6a' },
    { raw: ':', canonical: '' },
    { raw: '::1', canonical: '::1' },
    { raw: 'a:b:c', canonical: 'a:b:c' },
    { raw: 'host:', canonical: 'host' },
    { raw: ' spaced.com ', canonical: 'spaced.com' },
    { raw: '', canonical: '' },
  ])('$raw → $canonical', ({ raw, canonical }) => {
    expect(canonicalHost(raw)).toBe(canonical);
  });

  it.each([
    { hostport: 'a:1', host: 'a' },
    { hostport: '[::1]:1', host: '::1' },
    { hostport: 'a', host: undefined },
    { hostport: '[::1]', host: undefined },
    { hostport: '[::1]x:1', host: undefined },
    { hostport: 'a]:1', host: undefined },
  ])('splitHostPort($hostport) = $host', ({ hostport, host }) => {
    expect(splitHostPort(hostport)).toBe(host);
  });

  it.each([
    { req: 'a.com', host: 'a.com', equal: true },
    { req: 'a.com.', host: 'a.com', equal: true },
    { req: 'a.com', host: 'a.com.', equal: true },
    { req: 'a.com..', host: 'a.com', equal: false },
    { req: 'a.co', host: 'a.com', equal: false },
    { req: '', host: '', equal: false },
  ])('hostEquals($req, $host) = $equal', ({ req, host, equal }) => {
    expect(hostEquals(req, host)).toBe(equal);
  });

  it('hostKey drops trailing dots so equal hosts share a key', () => {
    expect([hostKey('a.com.'), hostKey('a.com'), hostKey('a.com..')]).toEqual(['a.com', 'a.com', 'a.com']);
  });
});
