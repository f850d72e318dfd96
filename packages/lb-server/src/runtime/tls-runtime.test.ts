/**
 * TLS in the runtime: TLS and plain routers in separate tables, entry points' `http.tls` (Traefik's
 * model, with the split into `<ep>-<router>` copies), unknown TLS options and resolvers, the
 * `tlsRouters` list, and the redirection routers of `http.redirections`.
 */
import { mergeConfigs, validateDynamicConfig, type RequestFacts } from '@junction/lb-core';
import { afterEach, describe, expect, it } from 'vitest';
import { parseStaticOptions } from '../options/parse-static-options';
import { buildRuntime, runtimeEntryPoints, type RuntimeEntryPoints } from './build-runtime';
import type { Runtime } from './runtime';
import { LiveServiceRegistry } from './live-service-registry';

const states: LiveServiceRegistry[] = [];
afterEach(async () => {
  await Promise.all(states.splice(0).map((s) => s.close()));
});

const PLAIN_EPS: RuntimeEntryPoints = {
  all: ['web', 'websecure'],
  defaults: ['web', 'websecure'],
  certResolvers: ['le'],
};

function build(raw: unknown, entryPoints: RuntimeEntryPoints = PLAIN_EPS): Runtime {
  const { config, errors } = validateDynamicConfig(raw, { provider: 'file' });
  const s = new LiveServiceRegistry();
  states.push(s);
  return buildRuntime(
    mergeConfigs({ file: config }),
    errors.map((e) => ({ ...e, provider: 'file' })),
    { generation: 1, entryPoints, states: s },
  );
}

/** The runtime entry points of Traefik-style flags. */
function fromFlags(...argv: string[]): RuntimeEntryPoints {
  return runtimeEntryPoints(parseStaticOptions(argv, {}), new Set());
}

const svc = { s: { loadBalancer: { servers: [{ url: 'http://10.0.0.1' }] } } };
const facts = (host: string): RequestFacts => ({
  method: 'GET',
  host,
  path: '/',
  query: '',
  headers: {},
  clientIp: '10.0.0.1',
});

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

describe("entry points' http.tls (Traefik's model)", () => {
  const eps = fromFlags(
    '--entrypoints.web.address=:80',
    '--entrypoints.websecure.address=:443',
    '--entrypoints.websecure.http.tls.certresolver=le',
    '--entrypoints.websecure.http.tls.options=modern',
    '--certificatesresolvers.le.acme.tlschallenge',
  );
  const tls = { options: { modern: { minVersion: 'VersionTLS13' } } };

  it('splits a router on web and websecure into a plain router and a websecure-<name> TLS copy', () => {
    const rt = build({ http: { routers: { app: { rule: 'Host(`a`)', service: 's' } }, services: svc }, tls }, eps);
    expect([...rt.routers.keys()].sort()).toEqual(['app@file', 'websecure-app@file']);
    expect(rt.routers.get('app@file')).toMatchObject({ entryPoints: ['web'], tls: false });
    expect(rt.routers.get('websecure-app@file')).toMatchObject({
      entryPoints: ['websecure'],
      tls: { options: 'modern@file', certResolver: 'le', domains: [{ main: 'a', sans: [] }] },
    });
    expect(rt.match(facts('a'), 'web', false)?.name).toBe('app@file');
    expect(rt.match(facts('a'), 'websecure', true)?.name).toBe('websecure-app@file');
    expect(rt.match(facts('a'), 'websecure', false)).toBeUndefined();
  });

  it("keeps the router's name on websecure alone, and its own tls block wins", () => {
    const rt = build(
      {
        http: {
          routers: {
            app: { rule: 'Host(`a`)', service: 's', entryPoints: ['websecure'], tls: { certResolver: 'other' } },
          },
          services: svc,
        },
        tls,
      },
      eps,
    );
    expect([...rt.routers.keys()]).toEqual(['app@file']);
    expect(rt.routers.get('app@file')?.tls).toEqual({
      options: 'default',
      certResolver: 'other',
      domains: [{ main: 'a', sans: [] }],
    });
  });

  it('gives a v1 router on http,https a TLS copy on https', () => {
    const v1 = fromFlags(
      '--entrypoints.http.address=:80',
      '--entrypoints.https.address=:443',
      '--entrypoints.https.http.tls',
    );
    const rt = build(
      {
        http: {
          routers: { app: { rule: 'Host:a.example', service: 's', entryPoints: ['http', 'https'] } },
          services: svc,
        },
      },
      v1,
    );
    expect(rt.match(facts('a.example'), 'http', false)?.name).toBe('app@file');
    expect(rt.match(facts('a.example'), 'https', true)?.name).toBe('https-app@file');
    expect(rt.tlsRouters.map((r) => [r.router, r.hosts])).toEqual([['https-app@file', ['a.example']]]);
  });

  it('carries the errors of a broken router to its copies and lists no ghost of it', () => {
    const rt = build(
      {
        http: {
          routers: {
            app: { rule: 'Host(`a`)', service: 'gone@docker', entryPoints: ['websecure'] },
            two: { rule: 'Host(`b`)', service: 'gone@docker' },
          },
          services: svc,
        },
        tls,
      },
      eps,
    );
    expect([...rt.routers.keys()].sort()).toEqual(['app@file', 'two@file', 'websecure-two@file']);
    for (const name of ['app@file', 'two@file', 'websecure-two@file']) {
      expect(rt.routers.get(name)).toMatchObject({
        status: 'disabled',
        errors: [expect.objectContaining({ code: 'LB_CONFIG_UNKNOWN_SERVICE' })],
      });
    }
  });
});

describe('redirections', () => {
  it("generates Traefik's web-to-websecure@internal router, its redirectScheme and noop@internal", () => {
    const eps = fromFlags(
      '--entrypoints.web.address=:8000',
      '--entrypoints.web.http.redirections.entrypoint.to=websecure',
      '--entrypoints.websecure.address=:8443',
    );
    const rt = build({ http: { routers: { app: { rule: 'Host(`a`)', service: 's' } }, services: svc } }, eps);
    const router = rt.routers.get('web-to-websecure@internal');
    expect(router).toMatchObject({
      status: 'enabled',
      rule: 'HostRegexp(`^.+$`)',
      entryPoints: ['web'],
      priority: Number.MAX_SAFE_INTEGER - 1,
      middlewareNames: ['redirect-web-to-websecure@internal'],
      serviceName: 'noop@internal',
      tls: false,
    });
    expect(rt.config.http.middlewares?.['redirect-web-to-websecure@internal']).toEqual({
      redirectScheme: { scheme: 'https', permanent: true, port: '8443' },
    });
    expect(rt.middlewares.get('redirect-web-to-websecure@internal')).toMatchObject({
      status: 'enabled',
      type: 'redirectScheme',
      usedBy: ['web-to-websecure@internal'],
    });
    expect(rt.services.get('noop@internal')?.status).toBe('enabled');
    expect(rt.match(facts('a'), 'web', false)?.name).toBe('web-to-websecure@internal');
    expect(rt.match(facts('anything.example'), 'web', false)?.name).toBe('web-to-websecure@internal');
    expect(rt.match(facts('a'), 'websecure', false)?.name).toBe('app@file');
  });

  it('redirects to a port, with the normalised name, and honours priority and permanent', () => {
    const eps = fromFlags(
      '--entrypoints.web.address=:80',
      '--entrypoints.web.http.redirections.entrypoint.to=:443',
      '--entrypoints.web.http.redirections.entrypoint.permanent=false',
      '--entrypoints.web.http.redirections.entrypoint.priority=5',
    );
    const rt = build({ http: { routers: { app: { rule: 'Host(`a`)', service: 's' } }, services: svc } }, eps);
    expect(rt.routers.get('web-to-443@internal')?.priority).toBe(5);
    expect(rt.config.http.middlewares?.['redirect-web-to-443@internal']).toEqual({
      redirectScheme: { scheme: 'https', permanent: false, port: '443' },
    });
    expect(rt.match(facts('a'), 'web', false)?.name).toBe('app@file');
  });
});
