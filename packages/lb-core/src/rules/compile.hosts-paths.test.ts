/**
 * compileRule, v3 semantics of Host, HostRegexp, Path, PathPrefix and PathRegexp: case, ports,
 * trailing dots, IPv6 literals, anchoring and prefix boundaries.
 */
import { describe, expect, it } from 'vitest';
import { matches } from '../../test/support/compile-rows';
import type { CompileRow } from '../../test/support/compile-rows';

describe('compileRule (v3 semantics)', () => {
  it.each<CompileRow>([
    { desc: 'Host ignores case', rule: 'Host(`Example.COM`)', request: { host: 'eXample.com' }, expected: true },
    {
      desc: 'Host ignores the port',
      rule: 'Host(`example.com`)',
      request: { host: 'example.com:8443' },
      expected: true,
    },
    { desc: 'Host: other host', rule: 'Host(`example.com`)', request: { host: 'example.org' }, expected: false },
    {
      desc: 'Host: subdomain is another host',
      rule: 'Host(`example.com`)',
      request: { host: 'www.example.com' },
      expected: false,
    },
    {
      desc: 'Host: trailing dot on request',
      rule: 'Host(`example.com`)',
      request: { host: 'example.com.:80' },
      expected: true,
    },
    {
      desc: 'Host: trailing dot on rule',
      rule: 'Host(`example.com.`)',
      request: { host: 'example.com' },
      expected: true,
    },
    { desc: 'Host: IPv6 with port', rule: 'Host(`::1`)', request: { host: '[::1]:8080' }, expected: true },
    {
      desc: 'Host: IPv6 upper case with port',
      rule: 'Host(`fe80::a`)',
      request: { host: '[FE80::A]:80' },
      expected: true,
    },
    // traefik requestdecorator/request_decorator_test.go TestRequestHost_parseHost "IPv6 host without : and without port"
    {
      desc: 'Host: a bracketed IPv6 literal without port loses its brackets',
      rule: 'Host(`::1`)',
      request: { host: '[::1]' },
      expected: true,
    },
    {
      desc: 'Host: a bracketed rule never matches (the canonical host has no brackets)',
      rule: 'Host(`[::1]`)',
      request: { host: '[::1]' },
      expected: false,
    },
    {
      desc: 'Host: empty Host header never matches',
      rule: 'Host(`example.com`)',
      request: { host: '' },
      expected: false,
    },
    {
      desc: 'Host: surrounding spaces are trimmed',
      rule: 'Host(`example.com`)',
      request: { host: ' example.com ' },
      expected: true,
    },
    {
      desc: 'HostRegexp on the canonical host',
      rule: 'HostRegexp(`^[a-z]+\\.example\\.com$`)',
      request: { host: 'API.example.com:81' },
      expected: true,
    },
    {
      desc: 'HostRegexp is unanchored',
      rule: 'HostRegexp(`example`)',
      request: { host: 'www.example.com' },
      expected: true,
    },
    {
      desc: 'HostRegexp: no match',
      rule: 'HostRegexp(`^[a-z]+\\.example\\.com$`)',
      request: { host: 'a.b.example.com' },
      expected: false,
    },
    { desc: 'Path is exact', rule: 'Path(`/products`)', request: { path: '/products' }, expected: true },
    {
      desc: 'Path: trailing slash differs',
      rule: 'Path(`/products`)',
      request: { path: '/products/' },
      expected: false,
    },
    { desc: 'Path is case-sensitive', rule: 'Path(`/products`)', request: { path: '/Products' }, expected: false },
    {
      desc: 'PathPrefix has no segment boundary',
      rule: 'PathPrefix(`/api`)',
      request: { path: '/apix' },
      expected: true,
    },
    { desc: 'PathPrefix: below', rule: 'PathPrefix(`/api`)', request: { path: '/api/v1' }, expected: true },
    { desc: 'PathPrefix: shorter path', rule: 'PathPrefix(`/api/`)', request: { path: '/api' }, expected: false },
    {
      desc: 'PathRegexp unanchored',
      rule: 'PathRegexp(`\\.(jpe?g|png)$`)',
      request: { path: '/img/a.JPG' },
      expected: false,
    },
    {
      desc: 'PathRegexp with (?i)',
      rule: 'PathRegexp(`(?i)\\.(jpe?g|png)$`)',
      request: { path: '/img/a.JPG' },
      expected: true,
    },
  ])('$desc', ({ rule, request, expected }) => {
    expect(matches(rule, request)).toBe(expected);
  });
});
