/**
 * TLS in the runtime, routers: TLS and plain routers in separate tables (a TLS router alone answers
 * nothing over plain HTTP), unknown TLS options and resolvers, and the `tlsRouters` list with the
 * hosts and domains to obtain. Entry points' `http.tls` and redirections: tls-runtime.entry-points.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { build, closeRegistries, facts, svc } from '../../test/support/runtime/tls-runtime';

afterEach(closeRegistries);

describe('TLS and plain routers', () => {
  it('a router with tls matches only requests over TLS, a plain one only plain requests', () => {
    const rt = build({
      http: {
        routers: { secure: { rule: 'Host(`a`)', service: 's', tls: {} }, plain: { rule: 'Host(`a`)', service: 's' } },
        services: svc,
      },
    });
    expect(rt.match(facts('a'), 'web', true)?.name).toBe('secure@file');
    expect(rt.match(facts('a'), 'web', false)?.name).toBe('plain@file');
    expect(rt.routers.get('secure@file')?.tls).toEqual({ options: 'default', domains: [{ main: 'a', sans: [] }] });
    expect(rt.routers.get('plain@file')?.tls).toBe(false);
  });

  it('a TLS router alone answers nothing over plain HTTP (404), as in Traefik', () => {
    const rt = build({
      http: {
        routers: { secure: { rule: 'PathPrefix(`/`)', service: 's', tls: { certResolver: 'le' } } },
        services: svc,
      },
    });
    expect(rt.match(facts('x'), 'websecure', false)).toBeUndefined();
    expect(rt.match(facts('x'), 'websecure', true)?.name).toBe('secure@file');
  });

  it('disables a router naming unknown TLS options and keeps the others; named options resolve within the provider', () => {
    const rt = build({
      http: {
        routers: {
          bad: { rule: 'Host(`b`)', service: 's', tls: { options: 'missing' } },
          good: { rule: 'Host(`g`)', service: 's', tls: { options: 'modern' } },
        },
        services: svc,
      },
      tls: { options: { modern: { minVersion: 'VersionTLS13' } } },
    });
    const bad = rt.routers.get('bad@file');
    expect(bad?.status).toBe('disabled');
    expect(bad?.errors).toEqual([
      expect.objectContaining({
        code: 'LB_CONFIG_UNKNOWN_TLS_OPTIONS',
        path: 'http.routers.bad@file.tls.options',
        message: expect.stringContaining('unknown TLS options: missing@file'),
      }),
    ]);
    expect(rt.match(facts('g'), 'web', true)?.tls).toMatchObject({ options: 'modern@file' });
    expect(rt.tls.options).toEqual({ 'modern@file': { minVersion: 'VersionTLS13' } });
  });

  it('serves a router naming an unknown resolver, with a warning', () => {
    const rt = build({
      http: {
        routers: { r: { rule: 'Host(`a`)', service: 's', tls: { certResolver: 'letsencrypt' } } },
        services: svc,
      },
    });
    expect(rt.routers.get('r@file')).toMatchObject({
      status: 'warning',
      errors: [expect.objectContaining({ code: 'LB_CONFIG_UNKNOWN_RESOLVER' })],
    });
    expect(rt.match(facts('a'), 'web', true)?.name).toBe('r@file');
  });

  it('lists live TLS routers with hosts and the domains to obtain', () => {
    const rt = build({
      http: {
        routers: {
          a: {
            rule: '(Host(`A.example`) || Host(`*.w.example`)) && PathPrefix(`/x`)',
            service: 's',
            tls: { certResolver: 'le' },
            entryPoints: ['websecure'],
          },
          b: {
            rule: 'Host(`b.example`)',
            service: 's',
            tls: { domains: [{ main: 'example.org', sans: ['*.example.org'] }] },
          },
          plain: { rule: 'Host(`p.example`)', service: 's' },
        },
        services: svc,
      },
    });
    expect(rt.tlsRouters).toEqual([
      {
        router: 'a@file',
        entryPoints: ['websecure'],
        hosts: ['a.example', '*.w.example'],
        options: 'default',
        certResolver: 'le',
        domains: [{ main: 'a.example', sans: [] }],
      },
      {
        router: 'b@file',
        entryPoints: ['web', 'websecure'],
        hosts: ['b.example'],
        options: 'default',
        domains: [{ main: 'example.org', sans: ['*.example.org'] }],
      },
    ]);
  });
});
