/**
 * `docker/stack.yml`, the lab's stack for `docker stack deploy`, checked without Docker: the file
 * as the CLI interpolates it (its variables, defaults and overrides; compared with `docker stack
 * config` when the CLI is installed — a client-side command, no engine contacted), the swarm
 * settings users rely on (Junction global on managers with host-mode ports, the socket read-only,
 * apps replicated with start-first updates and exec-form health checks on one overlay network),
 * Junction's command through its own option parser, and the services' `deploy.labels` through the
 * swarm provider's own translation (`servicesToConfig`) for tasks as swarm would run them. The
 * resulting routers run in a real Junction, the tasks' overlay addresses replaced by local
 * upstreams first (no request ever goes to an overlay address): the static site with a sticky
 * cookie whose value is the one every replica derives from the task's id, the API stripped and
 * round-robin, and nothing else routed (the proxy included). Real swarm runs: `test/swarm/`.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { stickyCookieValue } from '@junction/lb-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseStaticOptions } from '../../src/options';
import { servicesToConfig } from '../../src/providers/swarm/services-to-config';
import type { SwarmServiceEntry, SwarmTaskEntry } from '../../src/providers/swarm/swarm-api';
import { client, send, startJunction, type TestJunction } from '../helpers/junction';
import { startUpstreams, type Upstream } from '../helpers/upstreams';
import { labelRecord, readCompose } from './compose-interpolate';
import { ROOT } from './compose-stack';
import { expectJokesRoundRobin } from './demo-routing';

const FILE = join(ROOT, 'docker/stack.yml');
const STACK = 'junction';

interface Port {
  target: number;
  published: number | string;
  protocol?: string;
  mode?: string;
}
interface Service {
  image: string;
  command?: string[];
  ports?: Port[];
  volumes?: string[];
  user?: string;
  init?: boolean;
  healthcheck?: { test: string[] };
  networks?: string[];
  deploy: {
    mode?: string;
    replicas?: number | string;
    placement?: { constraints?: string[] };
    update_config?: { order?: string; parallelism?: number };
    labels?: string[];
  };
}
interface Stack {
  services: Record<string, Service>;
  networks: Record<string, { name: string; driver: string; attachable?: boolean }>;
}

const stack = (env: Record<string, string> = {}): Stack => readCompose<Stack>(FILE, env);
const svc = (doc: Stack, name: string): Service => {
  const found = doc.services[name];
  if (found === undefined) throw new Error(`stack.yml lost service ${name}`);
  return found;
};

describe('docker/stack.yml as docker stack deploy reads it', () => {
  it('runs Junction in global mode on managers, host-mode ports 80 and 8080, the socket read-only', () => {
    const junction = svc(stack(), 'junction');
    expect(junction.image).toBe('junction/lb-server:latest');
    expect(junction.deploy.mode).toBe('global');
    expect(junction.deploy.placement?.constraints).toEqual(['node.role == manager']);
    expect(junction.ports?.map((p) => [p.target, Number(p.published), p.mode])).toEqual([
      [80, 80, 'host'],
      [8080, 8080, 'host'],
    ]);
    expect(junction.volumes).toContain('/var/run/docker.sock:/var/run/docker.sock:ro');
    expect(junction.healthcheck?.test[0]).toBe('CMD');
    expect(junction.networks).toEqual(['web']);
  });

  it('replicates the apps on one attachable overlay, start-first rolling updates, exec-form checks', () => {
    const doc = stack();
    expect(doc.networks.web).toEqual({ name: 'junction-web', driver: 'overlay', attachable: true });
    for (const [name, replicas, image] of [
      ['static', 2, 'junction/static-site:latest'],
      ['dynamic', 3, 'junction/jokes-api:latest'],
    ] as const) {
      const app = svc(doc, name);
      expect(app.image).toBe(image);
      expect(Number(app.deploy.replicas)).toBe(replicas);
      expect(app.deploy.mode ?? 'replicated').toBe('replicated');
      expect(app.deploy.update_config).toMatchObject({ order: 'start-first', parallelism: 1 });
      expect(app.healthcheck?.test.slice(0, 2)).toEqual(['CMD', 'node']); // exec form: the images have no /bin/sh
      expect(app.networks).toEqual(['web']);
      expect(app.ports).toBeUndefined(); // reached through Junction only
    }
  });

  it('takes images, ports, network and replicas from variables', () => {
    const env = {
      JUNCTION_IMAGE: 'reg.local/lb:2',
      JOKES_IMAGE: 'j:2',
      STATIC_IMAGE: 's:2',
      JUNCTION_WEB_PORT: '8000',
      JUNCTION_DASHBOARD_PORT: '2205',
      JUNCTION_NETWORK: 'edge',
      JOKES_REPLICAS: '5',
      STATIC_REPLICAS: '1',
    };
    const doc = stack(env);
    const junction = svc(doc, 'junction');
    expect([junction.image, svc(doc, 'dynamic').image, svc(doc, 'static').image]).toEqual([
      'reg.local/lb:2',
      'j:2',
      's:2',
    ]);
    expect(junction.ports?.map((p) => Number(p.published))).toEqual([8000, 2205]);
    expect(doc.networks.web?.name).toBe('edge');
    expect(junction.command).toContain('--providers.swarm.network=edge');
    expect(labelRecord(svc(doc, 'dynamic').deploy.labels)['traefik.swarm.network']).toBe('edge');
    expect(labelRecord(svc(doc, 'static').deploy.labels)['traefik.docker.network']).toBe('edge');
    expect([Number(svc(doc, 'dynamic').deploy.replicas), Number(svc(doc, 'static').deploy.replicas)]).toEqual([5, 1]);
  });

  it('reads the same as `docker stack config` (when the docker CLI is installed)', () => {
    for (const env of [{}, { JUNCTION_NETWORK: 'edge', JOKES_REPLICAS: '5', JUNCTION_WEB_PORT: '8000' }] as Record<
      string,
      string
    >[]) {
      const run = spawnSync('docker', ['stack', 'config', '-c', FILE], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', DOCKER_HOST: 'unix:///nonexistent.sock', ...env },
        timeout: 20_000,
      });
      if (run.error !== undefined || run.status !== 0) {
        if (process.env.CI === 'true' && run.error === undefined)
          throw new Error(`docker stack config failed: ${run.stderr}`);
        console.log('[stack-config] docker CLI not available: skipped the comparison');
        return;
      }
      const theirs = parse(run.stdout) as Stack;
      const ours = stack(env);
      for (const name of ['junction', 'static', 'dynamic']) {
        expect(labelRecord(svc(theirs, name).deploy.labels)).toEqual(labelRecord(svc(ours, name).deploy.labels));
        expect(svc(theirs, name).image).toBe(svc(ours, name).image);
        expect(Number(svc(theirs, name).deploy.replicas ?? 0)).toBe(Number(svc(ours, name).deploy.replicas ?? 0));
        expect(svc(theirs, name).healthcheck?.test).toEqual(svc(ours, name).healthcheck?.test);
      }
      expect(svc(theirs, 'junction').command).toEqual(svc(ours, 'junction').command);
      expect(svc(theirs, 'junction').ports?.map((p) => [p.target, Number(p.published), p.mode])).toEqual(
        svc(ours, 'junction').ports?.map((p) => [p.target, Number(p.published), p.mode]),
      );
      expect(theirs.networks.web?.name).toBe(ours.networks.web?.name);
    }
  });

  it("Junction's command parses to the swarm provider on the socket, the overlay, opt-in exposure", () => {
    const options = parseStaticOptions(svc(stack(), 'junction').command ?? [], {});
    expect(options.providers.swarm).toMatchObject({
      endpoint: 'unix:///var/run/docker.sock',
      network: 'junction-web',
      exposedByDefault: false,
    });
    expect(options.providers.docker).toBeUndefined();
    expect(options.api?.insecure).toBe(true);
    expect(options.ping).toBeDefined();
  });
});

// ---- the labels through the swarm provider, then a real Junction --------------------------------

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
  const host = { host: 'demo.res.ch' };

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
    const agent = client();
    const first = await send(`${lb.url}/`, { headers: host, dispatcher: agent });
    const who = String(first.headers['x-upstream']);
    const index = statics.findIndex((u) => u.id === who);
    expect(index).toBeGreaterThanOrEqual(0);
    const cookie = String(first.headers['set-cookie']).split(';')[0] ?? '';
    expect(cookie.split('=')[1]).toBe(stickyCookieValue(`junction/static/${index + 1}`));
    for (let i = 0; i < 10; i++)
      expect(
        (await send(`${lb.url}/`, { headers: { ...host, cookie }, dispatcher: agent })).headers['x-upstream'],
      ).toBe(who);
    await agent.close();
  });

  it('demo.res.ch/api/jokes/… reaches the API with the prefix stripped, round-robin, no cookie', async () => {
    await expectJokesRoundRobin(lb.url, apis);
  });

  it('other hosts are not routed', async () => {
    expect((await send(`${lb.url}/`, { headers: { host: 'other.example' } })).status).toBe(404);
  });
});
