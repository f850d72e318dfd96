import { describe, expect, it } from 'vitest';
import { container, loadBalancer, translate } from '../../../test/support/providers/docker-containers';

const SERVER = { id: 'web', url: 'http://172.20.0.2:3000', weight: 1 };

describe('Traefik v1 labels', () => {
  it.each([
    {
      desc: "the lab's static app: backend, frontend.rule, port",
      labels: { 'traefik.backend': 'apache-static', 'traefik.frontend.rule': 'Host:demo.res.ch', 'traefik.port': '80' },
      router: ['apache-static', { rule: 'Host:demo.res.ch', ruleSyntax: 'v1', service: 'apache-static' }],
      service: ['apache-static', { servers: [{ ...SERVER, url: 'http://172.20.0.2:80' }], passHostHeader: true }],
    },
    {
      desc: "the lab's dynamic app: PathPrefixStrip keeps its v1 meaning",
      labels: {
        'traefik.backend': 'express-dynamic',
        'traefik.frontend.rule': 'Host:demo.res.ch;PathPrefixStrip:/api/jokes/',
        'traefik.port': '3000',
      },
      router: [
        'express-dynamic',
        { rule: 'Host:demo.res.ch;PathPrefixStrip:/api/jokes/', ruleSyntax: 'v1', service: 'express-dynamic' },
      ],
      service: ['express-dynamic', { servers: [SERVER], passHostHeader: true }],
    },
    {
      desc: 'backend names are normalised as Traefik 1.7 does',
      labels: { 'traefik.backend': 'express_dynamic', 'traefik.frontend.rule': 'Host:a' },
      router: ['express-dynamic', { rule: 'Host:a', ruleSyntax: 'v1', service: 'express-dynamic' }],
    },
    {
      desc: 'weight, protocol',
      labels: { 'traefik.weight': '5', 'traefik.protocol': 'https', 'traefik.frontend.rule': 'Host:a' },
      service: ['web', { servers: [{ id: 'web', url: 'https://172.20.0.2:3000', weight: 5 }], passHostHeader: true }],
    },
    {
      desc: 'frontend priority and entry points',
      labels: {
        'traefik.frontend.rule': 'Host:a',
        'traefik.frontend.priority': '10',
        'traefik.frontend.entryPoints': 'http, https',
      },
      router: [
        'web',
        { rule: 'Host:a', ruleSyntax: 'v1', service: 'web', priority: 10, entryPoints: ['http', 'https'] },
      ],
    },
    {
      desc: 'frontend.passHostHeader=false (keys are case-insensitive)',
      labels: { 'traefik.frontend.rule': 'Host:a', 'traefik.frontend.passhostheader': 'false' },
      service: ['web', { servers: [SERVER], passHostHeader: false }],
    },
    {
      desc: 'loadbalancer.method=wrr',
      labels: { 'traefik.backend.loadbalancer.method': 'wrr' },
      service: ['web', { servers: [SERVER], strategy: 'weighted', passHostHeader: true }],
    },
    {
      desc: 'loadbalancer.method=drr maps to least-connections (the closest adaptive strategy)',
      labels: { 'traefik.backend.loadbalancer.method': 'DRR' },
      service: ['web', { servers: [SERVER], strategy: 'least-connections', passHostHeader: true }],
    },
    {
      desc: 'stickiness with cookie name, secure, httpOnly, sameSite',
      labels: {
        'traefik.backend.loadbalancer.stickiness': 'true',
        'traefik.backend.loadbalancer.stickiness.cookieName': 'jokes',
        'traefik.backend.loadbalancer.stickiness.secure': 'true',
        'traefik.backend.loadbalancer.stickiness.httpOnly': 'true',
        'traefik.backend.loadbalancer.stickiness.sameSite': 'Strict',
      },
      service: [
        'web',
        {
          servers: [SERVER],
          sticky: { cookie: { name: 'jokes', secure: true, httpOnly: true, sameSite: 'strict' } },
          passHostHeader: true,
        },
      ],
    },
    {
      desc: 'the older loadbalancer.sticky=true',
      labels: { 'traefik.backend.loadbalancer.sticky': 'true' },
      service: ['web', { servers: [SERVER], sticky: { cookie: {} }, passHostHeader: true }],
    },
    {
      desc: 'stickiness=false leaves sticky sessions off',
      labels: { 'traefik.backend.loadbalancer.stickiness': 'false' },
      service: ['web', { servers: [SERVER], passHostHeader: true }],
    },
  ])('$desc', ({ labels, router, service }) => {
    const result = translate([container(labels)]);
    expect(result.errors).toEqual([]);
    if (router !== undefined) expect(result.config.http.routers?.[router[0] as string]).toStrictEqual(router[1]);
    if (service !== undefined) expect(loadBalancer(result, service[0] as string)).toStrictEqual(service[1]);
  });

  it('health check: path, interval, timeout, port, scheme, hostname, headers (v1 map format)', () => {
    const result = translate([
      container({
        'traefik.backend.healthcheck.path': '/health',
        'traefik.backend.healthcheck.interval': '5s',
        'traefik.backend.healthcheck.timeout': '2s',
        'traefik.backend.healthcheck.port': '8081',
        'traefik.backend.healthcheck.scheme': 'http',
        'traefik.backend.healthcheck.hostname': 'probe.local',
        'traefik.backend.healthcheck.headers': 'X-Probe:1||X-Env:test',
      }),
    ]);
    expect(result.errors).toEqual([]);
    expect(loadBalancer(result, 'web')?.healthCheck).toMatchObject({
      path: '/health',
      intervalMs: 5_000,
      timeoutMs: 2_000,
      port: 8081,
      scheme: 'http',
      hostname: 'probe.local',
      headers: { 'X-Probe': '1', 'X-Env': 'test' },
    });
  });

  it.each([
    {
      desc: 'auth.basic.users → basicAuth middleware on the router',
      labels: {
        'traefik.frontend.auth.basic.users':
          'test:$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/,u2:$apr1$d9hr9HBB$4HxwgUir3HP4EsggP/QNo0',
        'traefik.frontend.auth.basic.removeHeader': 'true',
      },
      name: 'web-basicauth',
      middleware: {
        basicAuth: {
          users: ['test:$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/', 'u2:$apr1$d9hr9HBB$4HxwgUir3HP4EsggP/QNo0'],
          removeHeader: true,
        },
      },
    },
    {
      desc: 'custom request and response headers (name:value||name:value)',
      labels: {
        'traefik.frontend.headers.customRequestHeaders': 'X-A:1||X-B:two words',
        'traefik.frontend.headers.customResponseHeaders': 'X-Served-By:junction',
      },
      name: 'web-headers',
      middleware: {
        headers: {
          customRequestHeaders: { 'X-A': '1', 'X-B': 'two words' },
          customResponseHeaders: { 'X-Served-By': 'junction' },
        },
      },
    },
    {
      desc: 'security headers map to the v2 headers middleware',
      labels: { 'traefik.frontend.headers.frameDeny': 'true', 'traefik.frontend.headers.STSSeconds': '315360000' },
      name: 'web-headers',
      middleware: { headers: { frameDeny: true, stsSeconds: 315360000 } },
    },
    {
      desc: 'whiteList.sourceRange → ipAllowList middleware',
      labels: { 'traefik.frontend.whiteList.sourceRange': '10.0.0.0/8, 192.168.1.7' },
      name: 'web-ipallowlist',
      middleware: { ipAllowList: { sourceRange: ['10.0.0.0/8', '192.168.1.7'] } },
    },
  ])('$desc', ({ labels, name, middleware }) => {
    const result = translate([container({ 'traefik.frontend.rule': 'Host:a', ...labels })]);
    expect(result.errors).toEqual([]);
    expect(result.config.http.middlewares?.[name]).toMatchObject(middleware);
    expect(result.config.http.routers?.web?.middlewares).toEqual([name]);
  });

  it('orders frontend middlewares as Traefik 1.7: whitelist, auth, headers', () => {
    const result = translate([
      container({
        'traefik.frontend.headers.frameDeny': 'true',
        'traefik.frontend.auth.basic': 'a:$apr1$x$y',
        'traefik.frontend.whitelistSourceRange': '10.0.0.0/8',
      }),
    ]);
    expect(result.errors).toEqual([]);
    expect(result.config.http.routers?.web?.middlewares).toEqual(['web-ipallowlist', 'web-basicauth', 'web-headers']);
  });

  it('segment labels: one router and service per segment, backend settings shared', () => {
    const result = translate([
      container(
        {
          'traefik.backend.loadbalancer.method': 'wrr',
          'traefik.api.port': '8080',
          'traefik.api.frontend.rule': 'Host:api.local',
          'traefik.admin.port': '9090',
          'traefik.admin.weight': '3',
          'traefik.admin.backend': 'adm',
          'traefik.admin.frontend.rule': 'Host:admin.local',
          'traefik.admin.frontend.priority': '5',
        },
        {
          ports: [
            { privatePort: 8080, type: 'tcp' },
            { privatePort: 9090, type: 'tcp' },
          ],
        },
      ),
    ]);
    expect(result.errors).toEqual([]);
    expect(result.config.http.routers).toStrictEqual({
      adm: { rule: 'Host:admin.local', ruleSyntax: 'v1', service: 'adm', priority: 5 },
      'web-api': { rule: 'Host:api.local', ruleSyntax: 'v1', service: 'web-api' },
    });
    expect(loadBalancer(result, 'adm')).toStrictEqual({
      servers: [{ id: 'web', url: 'http://172.20.0.2:9090', weight: 3 }],
      strategy: 'weighted',
      passHostHeader: true,
    });
    expect(loadBalancer(result, 'web-api')?.servers).toEqual([{ id: 'web', url: 'http://172.20.0.2:8080', weight: 1 }]);
  });

  it('a v1 container without a frontend rule gets the default rule', () => {
    const result = translate([container({ 'traefik.port': '3000' })]);
    expect(result.errors).toEqual([]);
    expect(result.config.http.routers?.web).toStrictEqual({ rule: 'Host(`web`)', service: 'web' });
  });
});
