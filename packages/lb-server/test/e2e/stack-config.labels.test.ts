/**
 * `docker/stack.yml`'s `deploy.labels` through the swarm provider's own translation
 * (`servicesToConfig`) for tasks as swarm would run them, checked without Docker. The resulting
 * routers run in a real Junction, the tasks' overlay addresses replaced by local upstreams first
 * (no request ever goes to an overlay address): the static site with a sticky cookie whose value
 * is the one every replica derives from the task's id, the API stripped and round-robin, and
 * nothing else routed (the proxy included). The file itself: `stack-config.file.test.ts`; real
 * swarm runs: `test/swarm/`.
 */
import { stickyCookieValue } from '@junction/lb-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStaticOptions } from '../../src/options';
import { servicesToConfig } from '../../src/providers/swarm/services-to-config';
import type { SwarmServiceEntry, SwarmTaskEntry } from '../../src/providers/swarm/swarm-api';
import { send, startJunction, type TestJunction } from '../helpers/junction';
import { startUpstreams, type Upstream } from '../helpers/upstreams';
import { labelRecord } from './compose-interpolate';
import { expectJokesRoundRobin, expectStickySite } from './demo-routing';
import { STACK, stack, svc, type Stack } from './stack-file';

const NET = { Id: 'net-web', Name: 'junction-web' };
let statics: Upstream[] = [];
let apis: Upstream[] = [];

/** Services and running tasks as `docker stack deploy` would make them (one node, default replicas). */
function snapshot(doc: Stack): { services: SwarmServiceEntry[]; tasks: SwarmTaskEntry[] } {
  const services: SwarmServiceEntry[] = [];
  const tasks: SwarmTaskEntry[] = [];
  let ip = 2;
  for (const [name, spec] of Object.entries(doc.services)) {
    const global = spec.deploy.mode === 'global';
    const id = `svc-${name}`;
    services.push({
      ID: id,
      CreatedAt: '2026-12-01T10:00:00Z',
      Spec: {
        Name: `${STACK}_${name}`,
        Labels: { ...labelRecord(spec.deploy.labels), 'com.docker.stack.namespace': STACK },
        Mode: global ? { Global: {} } : { Replicated: { Replicas: Number(spec.deploy.replicas) } },
      },
      Endpoint: { VirtualIPs: [{ NetworkID: NET.Id, Addr: `10.0.9.${ip++}/24` }] },
    });
    const count = global ? 1 : Number(spec.deploy.replicas);
    for (let slot = 1; slot <= count; slot++) {
      tasks.push({
        ID: `task-${name}-${slot}`,
        ServiceID: id,
        ...(global ? {} : { Slot: slot }),
        NodeID: 'node-1',
        DesiredState: 'running',
        Status: { State: 'running', ContainerStatus: { ContainerID: `${name}${slot}`.padEnd(64, '0') } },
        NetworksAttachments: [{ Network: { ID: NET.Id, Spec: { Name: NET.Name } }, Addresses: [`10.0.9.${ip++}/24`] }],
      });
    }
  }
  return { services, tasks };
}

interface LoadBalancer {
  servers: { id?: string; url: string }[];
}
interface Translated {
  http: {
    routers: Record<string, { rule: string; service: string }>;
    services: Record<string, { loadBalancer: LoadBalancer }>;
  };
}

function translate(): Translated {
  const doc = stack();
  const swarm = parseStaticOptions(svc(doc, 'junction').command ?? [], {}).providers.swarm;
  if (swarm === undefined) throw new Error('the stack does not enable the swarm provider');
  const { config, errors } = servicesToConfig(
    { ...snapshot(doc), networks: [NET, { Id: 'net-ingress', Name: 'ingress', Ingress: true }] },
    { ...swarm, useBindPortIP: false },
  );
  expect(errors).toEqual([]);
  return structuredClone(config) as unknown as Translated;
}

beforeAll(async () => {
  statics = await startUpstreams(2);
  apis = (await startUpstreams(5)).slice(2);
});
afterAll(async () => {
  await Promise.all([...statics, ...apis].map((u) => u.close()));
});

describe("docker/stack.yml's deploy labels through the swarm provider", () => {
  let lb: TestJunction;
  let config: Translated;

  beforeAll(async () => {
    config = translate();
    const local: Record<string, readonly Upstream[]> = { static: statics, dynamic: apis };
    for (const [name, service] of Object.entries(config.http.services)) {
      const ups = local[name] ?? [];
      service.loadBalancer.servers.forEach((server, i) => {
        server.url = ups[i]?.url ?? 'http://127.0.0.1:9'; // never an overlay address
      });
    }
    const urls = Object.values(config.http.services).flatMap((s) => s.loadBalancer.servers.map((x) => x.url));
    expect(urls.every((u) => u.startsWith('http://127.0.0.1:'))).toBe(true);
    lb = await startJunction(config);
  });
  afterAll(async () => {
    await lb?.close();
  });

  it('makes the routers static and dynamic with the lab rules; the proxy is not routed', () => {
    const routers = Object.values(translate().http.routers)
      .map((r) => [r.service, r.rule])
      .sort();
    expect(routers).toEqual([
      ['dynamic', 'Host(`demo.res.ch`) && PathPrefix(`/api/jokes/`)'],
      ['static', 'Host:demo.res.ch'],
    ]);
    const servers = translate().http.services;
    // Each task at its overlay address and the port label (v1 traefik.port=8080), by slot.
    const addresses = snapshot(stack())
      .tasks.filter((t) => t.ServiceID === 'svc-static')
      .map((t) => t.NetworksAttachments?.[0]?.Addresses?.[0]?.replace(/\/24$/, ''));
    expect(servers.static?.loadBalancer.servers.map((s) => [s.id, s.url])).toEqual(
      addresses.map((ip, i) => [`junction/static/${i + 1}`, `http://${ip}:8080`]),
    );
    expect(servers.dynamic?.loadBalancer.servers.map((s) => s.id)).toEqual([
      'junction/dynamic/1',
      'junction/dynamic/2',
      'junction/dynamic/3',
    ]);
    expect([...lb.app.store.current.routers.values()].map((r) => r.status)).toEqual(['enabled', 'enabled']);
  });

  it("demo.res.ch/ reaches the static site; the cookie is the one every replica derives from the task's id", async () => {
    const { index, cookie } = await expectStickySite(lb.url, statics);
    expect(cookie.split('=')[1]).toBe(stickyCookieValue(`junction/static/${index + 1}`));
  });

  it('demo.res.ch/api/jokes/… reaches the API with the prefix stripped, round-robin, no cookie', async () => {
    await expectJokesRoundRobin(lb.url, apis);
  });

  it('other hosts are not routed', async () => {
    expect((await send(`${lb.url}/`, { headers: { host: 'other.example' } })).status).toBe(404);
  });
});
