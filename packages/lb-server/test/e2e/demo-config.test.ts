/**
 * The demo's three configurations route alike, without Docker: the lab's v1 labels
 * (`docker/docker-compose.yml`), their v3 translation (`docker/docker-compose.v3.yml`) and the
 * file-provider example (`docker/dynamic.yml`). Compose labels go through the Docker provider's
 * own translation (`containersToConfig`) for containers as compose would start them (2 static
 * replicas, 3 API replicas, the proxy), published on local upstreams (`useBindPortIP`); the result
 * runs in a real Junction. Each must: send `demo.res.ch` to the static site with a sticky cookie,
 * `/api/jokes/…` stripped to the API in round-robin, and route nothing else (the proxy included).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { containersToConfig } from '../../src/providers/docker/containers-to-config';
import type { DockerContainer } from '../../src/providers/docker/container';
import { send, startJunction, type TestJunction } from '../helpers/junction';
import { startUpstreams, type Upstream } from '../helpers/upstreams';
import { ROOT } from './compose-stack';
import { expectJokesRoundRobin, expectStickySite } from './demo-routing';

interface ComposeFile {
  services: Record<string, { labels?: string[]; command?: string[] }>;
}

/** Private port of each compose service's image (the Dockerfiles' EXPOSE). */
const EXPOSED: Record<string, readonly number[]> = { traefik: [80, 8080], static: [8080], dynamic: [3000] };

let statics: Upstream[] = [];
let apis: Upstream[] = [];

/** Containers as `docker-compose up --scale static=2 --scale dynamic=3` would start them. */
function composeContainers(file: string): DockerContainer[] {
  const doc = parse(readFileSync(join(ROOT, 'docker', file), 'utf8')) as ComposeFile;
  const replicas: Record<string, readonly Upstream[] | undefined> = { static: statics, dynamic: apis };
  const containers: DockerContainer[] = [];
  for (const [service, spec] of Object.entries(doc.services)) {
    const labels = Object.fromEntries(
      (spec.labels ?? []).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    for (const [i, up] of (replicas[service] ?? [undefined]).entries()) {
      containers.push({
        id: `${service}${i}`.padEnd(64, '0'),
        name: `demo_${service}_${i + 1}`,
        labels: {
          ...labels,
          'com.docker.compose.project': 'demo',
          'com.docker.compose.service': service,
          'com.docker.compose.container-number': String(i + 1),
        },
        state: 'running',
        health: 'healthy',
        created: 1_700_000_000 + containers.length,
        networkMode: 'demo_default',
        networks: [{ name: 'demo_default', ip: `172.30.0.${containers.length + 2}` }],
        // One published port on the upstream standing in for the replica; the others unpublished.
        ports: (EXPOSED[service] ?? []).map((privatePort, p) =>
          up !== undefined && p === 0
            ? { privatePort, type: 'tcp' as const, hostIp: '127.0.0.1', hostPort: up.port }
            : { privatePort, type: 'tcp' as const },
        ),
      });
    }
  }
  return containers;
}

function fromCompose(file: string): unknown {
  const { config, errors } = containersToConfig(composeContainers(file), {
    exposedByDefault: true,
    useBindPortIP: true,
    defaultRule: 'Host(`{{ normalize .Name }}`)',
  });
  expect(errors).toEqual([]);
  return config;
}

function fromFile(): unknown {
  const doc = parse(readFileSync(join(ROOT, 'docker/dynamic.yml'), 'utf8')) as {
    http: { services: Record<string, { loadBalancer: { servers: { url: string }[] } }> };
  };
  const { static: site, dynamic } = doc.http.services;
  if (site === undefined || dynamic === undefined) throw new Error('dynamic.yml lost a service');
  site.loadBalancer.servers = statics.map((u) => ({ url: u.url }));
  dynamic.loadBalancer.servers = apis.map((u) => ({ url: u.url }));
  return doc;
}

beforeAll(async () => {
  statics = await startUpstreams(2);
  apis = (await startUpstreams(5)).slice(2); // ids s3..s5: distinct from the static ones
});

afterAll(async () => {
  await Promise.all([...statics, ...apis].map((u) => u.close()));
});

describe.each([
  { source: 'docker-compose.yml (Traefik v1 labels)', config: () => fromCompose('docker-compose.yml') },
  { source: 'docker-compose.v3.yml (Traefik v3 labels)', config: () => fromCompose('docker-compose.v3.yml') },
  { source: 'dynamic.yml (file provider)', config: fromFile },
])('$source', ({ config }) => {
  let lb: TestJunction;

  beforeAll(async () => {
    lb = await startJunction(config());
  });
  afterAll(async () => {
    await lb.close();
  });

  it('routes exactly two routers: the static site and the API (not the proxy itself)', () => {
    const routers = [...lb.app.store.current.routers.values()];
    expect(routers.map((r) => [r.status, r.serviceName.replace(/@.*/, '')]).sort()).toEqual([
      ['enabled', 'dynamic'],
      ['enabled', 'static'],
    ]);
  });

  it('demo.res.ch/ reaches the static site with a sticky cookie that keeps the node', async () => {
    const { cookie } = await expectStickySite(lb.url, statics);
    expect(cookie).toMatch(/^[^=]+=.+/);
  });

  it('demo.res.ch/api/jokes/… reaches the API with the prefix stripped, round-robin, no cookie', async () => {
    await expectJokesRoundRobin(lb.url, apis);
  });

  it('other hosts are not routed', async () => {
    expect((await send(`${lb.url}/`, { headers: { host: 'other.example' } })).status).toBe(404);
  });
});
