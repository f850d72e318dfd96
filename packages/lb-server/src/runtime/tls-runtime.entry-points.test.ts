/**
 * TLS in the runtime, entry points: their `http.tls` (Traefik's model, with the split into
 * `<ep>-<router>` copies, the router's own tls block winning, errors carried to the copies) and the
 * redirection routers of `http.redirections`. TLS and plain routers: tls-runtime.routers.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { build, closeRegistries, facts, fromFlags, svc } from '../../test/support/runtime/tls-runtime';

afterEach(closeRegistries);

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
