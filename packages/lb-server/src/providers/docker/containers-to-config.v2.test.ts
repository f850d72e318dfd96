import { describe, expect, it } from 'vitest';
import { container, loadBalancer, replica, translate } from '../../../test/support/providers/docker-containers';

const SERVER = { id: 'web', url: 'http://172.20.0.2:3000', weight: 1 };
const R = 'traefik.http.routers.api';
const S = 'traefik.http.services.api.loadbalancer';

describe('Traefik v2/v3 labels', () => {
  it.each([
    {
      desc: 'router rule and service port',
      labels: { [`${R}.rule`]: 'Host(`api.local`)', [`${S}.server.port`]: '8080' },
      routers: { api: { rule: 'Host(`api.local`)', service: 'api' } },
      services: { api: { servers: [{ ...SERVER, url: 'http://172.20.0.2:8080' }], passHostHeader: true } },
    },
    {
      desc: 'ruleSyntax, entrypoints, middlewares, service, priority',
      labels: {
        [`${R}.rule`]: 'Host(`a`, `b`)',
        [`${R}.ruleSyntax`]: 'v2',
        [`${R}.entrypoints`]: 'web,websecure',
        [`${R}.middlewares`]: 'strip, auth@file',
        [`${R}.service`]: 'api',
        [`${R}.priority`]: '42',
        'traefik.http.middlewares.strip.stripprefix.prefixes': '/api,/v1',
        [`${S}.server.port`]: '3000',
      },
      routers: {
        api: {
          rule: 'Host(`a`, `b`)',
          ruleSyntax: 'v2',
          entryPoints: ['web', 'websecure'],
          middlewares: ['strip', 'auth@file'],
          service: 'api',
          priority: 42,
        },
      },
      middlewares: { strip: { stripPrefix: { prefixes: ['/api', '/v1'] } } },
    },
    {
      desc: 'server scheme and weight, strategy, passhostheader',
      labels: {
        [`${R}.rule`]: 'Host(`a`)',
        [`${S}.server.scheme`]: 'https',
        [`${S}.server.weight`]: '3',
        [`${S}.strategy`]: 'p2c',
        [`${S}.passhostheader`]: 'false',
      },
      services: {
        api: {
          servers: [{ id: 'web', url: 'https://172.20.0.2:3000', weight: 3 }],
          strategy: 'p2c',
          passHostHeader: false,
        },
      },
    },
    {
      desc: 'server.url is used as is (no address lookup), preservepath kept',
      labels: {
        [`${R}.rule`]: 'Host(`a`)',
        [`${S}.server.url`]: 'http://10.9.9.9:8080/base',
        [`${S}.server.preservepath`]: 'true',
      },
      services: {
        api: {
          servers: [{ id: 'web', url: 'http://10.9.9.9:8080/base', weight: 1, preservePath: true }],
          passHostHeader: true,
        },
      },
    },
    {
      desc: 'sticky.cookie=true',
      labels: { [`${R}.rule`]: 'Host(`a`)', [`${S}.sticky.cookie`]: 'true' },
      services: { api: { servers: [SERVER], sticky: { cookie: {} }, passHostHeader: true } },
    },
    {
      desc: 'sticky.cookie options (with and without the flag)',
      labels: {
        [`${R}.rule`]: 'Host(`a`)',
        [`${S}.sticky.cookie`]: 'true',
        [`${S}.sticky.cookie.name`]: 'sid',
        [`${S}.sticky.cookie.secure`]: 'true',
        [`${S}.sticky.cookie.httponly`]: 'true',
        [`${S}.sticky.cookie.samesite`]: 'lax',
        [`${S}.sticky.cookie.maxage`]: '3600',
      },
      services: {
        api: {
          servers: [SERVER],
          sticky: { cookie: { name: 'sid', secure: true, httpOnly: true, sameSite: 'lax', maxAge: 3600 } },
          passHostHeader: true,
        },
      },
    },
    {
      desc: 'keys after traefik. are case-insensitive',
      labels: {
        'traefik.HTTP.Routers.api.Rule': 'Host(`a`)',
        'traefik.http.services.api.LoadBalancer.Server.Port': '3000',
      },
      routers: { api: { rule: 'Host(`a`)', service: 'api' } },
    },
  ])('$desc', ({ labels, routers, services, middlewares }) => {
    const result = translate([container(labels)]);
    expect(result.errors).toEqual([]);
    if (routers !== undefined) expect(result.config.http.routers).toStrictEqual(routers);
    if (services !== undefined)
      expect(result.config.http.services).toStrictEqual(
        Object.fromEntries(Object.entries(services).map(([k, v]) => [k, { loadBalancer: v }])),
      );
    if (middlewares !== undefined) expect(result.config.http.middlewares).toStrictEqual(middlewares);
  });

  it('health check options', () => {
    const result = translate([
      container({
        [`${S}.healthcheck.path`]: '/health',
        [`${S}.healthcheck.interval`]: '2s',
        [`${S}.healthcheck.timeout`]: '1s',
        [`${S}.healthcheck.headers.X-Probe`]: 'yes',
      }),
    ]);
    expect(result.errors).toEqual([]);
    expect(loadBalancer(result, 'api')?.healthCheck).toMatchObject({
      path: '/health',
      intervalMs: 2_000,
      timeoutMs: 1_000,
      headers: { 'X-Probe': 'yes' },
    });
  });

  it('middlewares: <name>.<type>.<option>, map keys keep their case', () => {
    const result = translate([
      container({
        [`${R}.rule`]: 'Host(`a`)',
        [`${R}.middlewares`]: 'hdr,auth',
        'traefik.http.middlewares.hdr.headers.customrequestheaders.X-Custom-Header': 'v',
        'traefik.http.middlewares.auth.basicauth.users': 'u:$apr1$x$y',
      }),
    ]);
    expect(result.errors).toEqual([]);
    expect(result.config.http.middlewares).toMatchObject({
      hdr: { headers: { customRequestHeaders: { 'X-Custom-Header': 'v' } } },
      auth: { basicAuth: { users: ['u:$apr1$x$y'] } },
    });
  });

  describe('automatic linking (one router, one service)', () => {
    it.each([
      {
        desc: 'no labels: router and service named after the container, default rule',
        labels: {},
        routers: { web: { rule: 'Host(`web`)', service: 'web' } },
        services: ['web'],
      },
      {
        desc: 'only a router: it gets the default service',
        labels: { [`${R}.rule`]: 'Host(`a`)' },
        routers: { api: { rule: 'Host(`a`)', service: 'web' } },
        services: ['web'],
      },
      {
        desc: 'only a service: a router named after the container with the default rule',
        labels: { [`${S}.server.port`]: '3000' },
        routers: { web: { rule: 'Host(`web`)', service: 'api' } },
        services: ['api'],
      },
      {
        desc: 'two services and no router: no router',
        labels: { [`${S}.server.port`]: '3000', 'traefik.http.services.admin.loadbalancer.server.port': '3000' },
        routers: {},
        services: ['admin', 'api'],
      },
    ])('$desc', ({ labels, routers, services }) => {
      const result = translate([container(labels)]);
      expect(result.errors).toEqual([]);
      expect(result.config.http.routers).toStrictEqual(routers);
      expect(Object.keys(result.config.http.services ?? {}).sort()).toEqual(services);
    });

    it('a compose service is named service-project (Traefik: normalize(service_project))', () => {
      const result = translate([replica('lab', 'dynamic', 1)]);
      expect(result.config.http.routers).toStrictEqual({
        'dynamic-lab': { rule: 'Host(`dynamic-lab`)', service: 'dynamic-lab' },
      });
    });
  });

  describe('defaultRule templates', () => {
    it.each([
      { template: 'Host(`{{ .Name }}.docker.localhost`)', expected: 'Host(`dynamic-lab.docker.localhost`)' },
      { template: 'Host(`{{ normalize .ContainerName }}`)', expected: 'Host(`lab-dynamic-1`)' },
      {
        template: 'Host(`{{ index .Labels "com.docker.compose.service" }}.example`)',
        expected: 'Host(`dynamic.example`)',
      },
      { template: 'Host(`{{ .Labels.app | default "x" | upper }}`)', expected: 'Host(`X`)' },
      { template: 'PathPrefix(`/{{- .Name | lower -}}`)', expected: 'PathPrefix(`/dynamic-lab`)' },
    ])('$template → $expected', ({ template, expected }) => {
      const result = translate([replica('lab', 'dynamic', 1)], { defaultRule: template });
      expect(result.errors).toEqual([]);
      expect(result.config.http.routers?.['dynamic-lab']?.rule).toBe(expected);
    });
  });
});
