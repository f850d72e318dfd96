import { describe, expect, it } from 'vitest';
import type { DockerContainer } from './container';
import { container, loadBalancer, replica, translate } from '../../../test/support/providers/docker-containers';

const LAB = {
  'traefik.backend': 'express-dynamic',
  'traefik.frontend.rule': 'Host:demo.res.ch;PathPrefixStrip:/api/jokes/',
  'traefik.port': '3000',
};

describe('replicas, stable ids, health and draining', () => {
  it('scaled to 5: one service, five servers, ids project/service/number', () => {
    const replicas = [5, 3, 1, 4, 2].map((n) => replica('lab', 'dynamic', n, LAB));
    const result = translate(replicas);
    expect(result.errors).toEqual([]);
    expect(Object.keys(result.config.http.routers ?? {})).toEqual(['express-dynamic']);
    expect(loadBalancer(result, 'express-dynamic')?.servers).toEqual(
      [1, 2, 3, 4, 5].map((n) => ({ id: `lab/dynamic/${n}`, url: `http://172.20.1.${n + 1}:3000`, weight: 1 })),
    );
  });

  it('a recreated replica keeps its id (same compose number, new container and address)', () => {
    const before = loadBalancer(translate([replica('lab', 'dynamic', 2, LAB)]), 'express-dynamic')?.servers[0];
    const recreated = replica('lab', 'dynamic', 2, LAB, {
      id: 'f'.repeat(64),
      networks: [{ name: 'lab_default', ip: '172.20.1.77' }],
    });
    const after = loadBalancer(translate([recreated]), 'express-dynamic')?.servers[0];
    expect(after?.id).toBe(before?.id);
    expect(after?.url).not.toBe(before?.url);
  });

  it('while the old replica drains, the new one with the same number takes the plain id', () => {
    const old = replica('lab', 'dynamic', 1, LAB, {
      id: 'a'.repeat(64),
      draining: true,
      name: 'aaaaaaaaaaaa_lab_dynamic_1',
    });
    const fresh = replica('lab', 'dynamic', 1, LAB, {
      id: 'b'.repeat(64),
      created: 1_800_000_000,
      networks: [{ name: 'lab_default', ip: '172.20.1.9' }],
    });
    const servers = loadBalancer(translate([old, fresh]), 'express-dynamic')?.servers;
    expect(servers).toEqual([
      { id: 'lab/dynamic/1@aaaaaaaaaaaa', url: 'http://172.20.1.2:3000', weight: 1, draining: true },
      { id: 'lab/dynamic/1', url: 'http://172.20.1.9:3000', weight: 1 },
    ]);
  });

  it('containers outside compose use their name as id', () => {
    expect(loadBalancer(translate([container()]), 'web')?.servers[0]?.id).toBe('web');
  });

  it.each([
    { health: 'none' as const, expected: { id: 'web', url: 'http://172.20.0.2:3000', weight: 1 } },
    { health: 'healthy' as const, expected: { id: 'web', url: 'http://172.20.0.2:3000', weight: 1 } },
    {
      health: 'starting' as const,
      expected: { id: 'web', url: 'http://172.20.0.2:3000', weight: 1, available: false },
    },
    {
      health: 'unhealthy' as const,
      expected: { id: 'web', url: 'http://172.20.0.2:3000', weight: 1, available: false },
    },
  ])('HEALTHCHECK $health', ({ health, expected }) => {
    const result = translate([container({}, { health })]);
    expect(result.config.http.routers?.web).toBeDefined();
    expect(loadBalancer(result, 'web')?.servers).toEqual([expected]);
  });

  it('all replicas unhealthy: router and service stay (503, not 404)', () => {
    const result = translate([1, 2].map((n) => replica('lab', 'dynamic', n, LAB, { health: 'unhealthy' })));
    expect(result.config.http.routers?.['express-dynamic']).toBeDefined();
    expect(loadBalancer(result, 'express-dynamic')?.servers.map((s) => s.available)).toEqual([false, false]);
  });

  it('a draining container (kill received) is marked draining', () => {
    expect(loadBalancer(translate([container({}, { draining: true })]), 'web')?.servers[0]?.draining).toBe(true);
  });

  it.each(['paused', 'restarting', 'exited', 'created'])('a %s container is left out', (state) => {
    const result = translate([container({}, { state })]);
    expect(result.config.http.routers).toEqual({});
    expect(result.errors).toEqual([]);
  });
});

describe('addresses', () => {
  const published = (hostIp: string, hostPort: number): Partial<DockerContainer> => ({
    ports: [{ privatePort: 3000, type: 'tcp', hostIp, hostPort }],
  });
  it.each([
    { desc: 'container IP on its only network', over: {}, options: {}, url: 'http://172.20.0.2:3000' },
    {
      desc: 'useBindPortIP: 0.0.0.0 binding → 127.0.0.1',
      over: published('0.0.0.0', 49153),
      options: { useBindPortIP: true },
      url: 'http://127.0.0.1:49153',
    },
    {
      desc: 'useBindPortIP: a specific host IP',
      over: published('192.0.2.10', 8080),
      options: { useBindPortIP: true },
      url: 'http://192.0.2.10:8080',
    },
    {
      desc: 'useBindPortIP: :: binding → [::1]',
      over: published('::', 49154),
      options: { useBindPortIP: true },
      url: 'http://[::1]:49154',
    },
    {
      desc: 'useBindPortIP: port not published → container IP (Traefik)',
      over: {},
      options: { useBindPortIP: true },
      url: 'http://172.20.0.2:3000',
    },
    {
      desc: 'network from the option',
      over: {
        networks: [
          { name: 'a', ip: '10.0.0.2' },
          { name: 'b', ip: '10.1.0.2' },
        ],
      },
      options: { network: 'b' },
      url: 'http://10.1.0.2:3000',
    },
    {
      desc: 'IPv6-only network',
      over: { networks: [{ name: 'v6', ip: 'fd00::2' }] },
      options: {},
      url: 'http://[fd00::2]:3000',
    },
  ])('$desc', ({ over, options, url }) => {
    const result = translate([container({}, over)], options);
    expect(result.errors).toEqual([]);
    expect(loadBalancer(result, 'web')?.servers[0]?.url).toBe(url);
  });

  it('traefik.docker.network label beats the option', () => {
    const c = container(
      { 'traefik.docker.network': 'a' },
      {
        networks: [
          { name: 'a', ip: '10.0.0.2' },
          { name: 'b', ip: '10.1.0.2' },
        ],
      },
    );
    expect(loadBalancer(translate([c], { network: 'b' }), 'web')?.servers[0]?.url).toBe('http://10.0.0.2:3000');
  });

  it('host network mode: 127.0.0.1 and the port label', () => {
    const c = container(
      { 'traefik.port': '8081' },
      { networkMode: 'host', networks: [{ name: 'host', ip: '' }], ports: [] },
    );
    expect(loadBalancer(translate([c]), 'web')?.servers[0]?.url).toBe('http://127.0.0.1:8081');
  });

  it('container:<id> network mode: the other container address', () => {
    const owner = container(
      { 'traefik.enable': 'false' },
      { name: 'vpn', networks: [{ name: 'net', ip: '172.20.0.50' }] },
    );
    const app = container({}, { networkMode: `container:${owner.id}`, networks: [] });
    expect(loadBalancer(translate([owner, app]), 'web')?.servers[0]?.url).toBe('http://172.20.0.50:3000');
  });
});

describe('exposure and constraints', () => {
  it.each([
    { desc: 'exposed by default', labels: {}, options: {}, exposed: true },
    { desc: 'traefik.enable=false', labels: { 'traefik.enable': 'false' }, options: {}, exposed: false },
    { desc: 'exposedByDefault=false', labels: {}, options: { exposedByDefault: false }, exposed: false },
    {
      desc: 'exposedByDefault=false, traefik.enable=true',
      labels: { 'traefik.enable': 'true' },
      options: { exposedByDefault: false },
      exposed: true,
    },
    {
      desc: 'constraint matches',
      labels: { tier: 'front' },
      options: { constraints: 'Label(`tier`, `front`)' },
      exposed: true,
    },
    {
      desc: 'constraint does not match',
      labels: { tier: 'back' },
      options: { constraints: 'Label(`tier`, `front`)' },
      exposed: false,
    },
    {
      desc: 'LabelRegex and negation',
      labels: { 'com.docker.compose.project': 'lab' },
      options: { constraints: '!LabelRegex(`com.docker.compose.project`, `^test-`)' },
      exposed: true,
    },
  ])('$desc', ({ labels, options, exposed }) => {
    const result = translate([container(labels)], options);
    expect(result.errors).toEqual([]);
    expect(result.config.http.routers?.web !== undefined).toBe(exposed);
  });
});
