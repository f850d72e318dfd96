/**
 * Which Docker servers keep their overrides across a restart of Junction, through the Docker
 * provider's own translation (`containersToConfig`) and a saved-then-loaded state file: a
 * compose replica is `project/service/n` whatever its container id and address, so a replica
 * recreated by `docker-compose up` (new id, new IP) is still drained; a container run with
 * `--name` is its name; one Docker named at random is a new server when recreated, and the old
 * override stays as an orphan to clear.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { containersToConfig } from '../providers/docker/containers-to-config';
import type { DockerContainer } from '../providers/docker/container';
import { createRuntimeStore, type RuntimeStoreController } from '../runtime/runtime-store';
import { bindOverrides } from './bind-overrides';
import { parseOverrideFile, serializeOverrides } from './override-file';
import { orphanOverrides } from './override-orphans';
import { OverrideStore } from './override-store';
import { mergedFrom } from '../../test/support/dashboard/merged-store';

function container(
  id: string,
  name: string,
  ip: string,
  compose?: { project: string; service: string; number: number },
): DockerContainer {
  return {
    id: id.padEnd(64, '0'),
    name,
    state: 'running',
    health: 'none',
    created: 1_700_000_000,
    networkMode: 'bridge',
    labels: {
      'traefik.http.routers.whoami.rule': 'Host(`whoami.local`)',
      'traefik.http.services.whoami.loadbalancer.server.port': '80',
      ...(compose === undefined
        ? {}
        : {
            'com.docker.compose.project': compose.project,
            'com.docker.compose.service': compose.service,
            'com.docker.compose.container-number': String(compose.number),
          }),
    },
    networks: [{ name: 'bridge', ip }],
    ports: [{ privatePort: 80, type: 'tcp' }],
  };
}

const stores: RuntimeStoreController[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

/** A Junction's overrides over the given running containers; `saved` is a state file's text. */
function junction(containers: DockerContainer[], saved?: string) {
  const store = createRuntimeStore({ entryPoints: { all: ['web'], defaults: ['web'] } });
  stores.push(store);
  const overrides = new OverrideStore({ runtime: () => store.current });
  const bound = bindOverrides(store, overrides);
  if (saved !== undefined) {
    const parsed = parseOverrideFile(saved);
    if (!parsed.ok) throw new Error(parsed.message);
    overrides.restore(parsed.snapshot);
  }
  const { config, errors } = containersToConfig(containers, {
    exposedByDefault: true,
    useBindPortIP: false,
    defaultRule: 'Host(`x`)',
  });
  expect(errors).toEqual([]);
  bound.apply(mergedFrom(config, 'docker'));
  const service = store.current.services.get('whoami@docker');
  if (service?.kind !== 'loadBalancer') throw new Error('no whoami@docker');
  const servers = service.balancer.servers();
  return {
    overrides,
    servers,
    orphans: () => orphanOverrides(store.current, overrides.list()),
    save: () => serializeOverrides(overrides.list(), new Date()),
  };
}

describe('server identity across a restart', () => {
  it('a compose replica recreated with a new id and address keeps its drain (id project/service/n)', () => {
    const before = junction([
      container('aaa', 'lab-whoami-1', '172.18.0.2', { project: 'lab', service: 'whoami', number: 1 }),
      container('bbb', 'lab-whoami-2', '172.18.0.3', { project: 'lab', service: 'whoami', number: 2 }),
    ]);
    expect(before.servers.map((s) => s.id)).toEqual(['lab/whoami/1', 'lab/whoami/2']);
    before.overrides.setDraining('whoami@docker', 'lab/whoami/2', true, 'admin');

    const after = junction(
      [
        container('aaa', 'lab-whoami-1', '172.18.0.2', { project: 'lab', service: 'whoami', number: 1 }),
        container('ccc', 'lab-whoami-2', '172.18.0.9', { project: 'lab', service: 'whoami', number: 2 }),
      ],
      before.save(),
    );
    expect(after.servers.find((s) => s.id === 'lab/whoami/2')).toMatchObject({
      url: 'http://172.18.0.9:80',
      draining: true,
    });
    expect(after.servers.find((s) => s.id === 'lab/whoami/1')?.draining).toBe(false);
    expect(after.orphans()).toEqual([]);
  });

  it('a container run with --name is its name: recreated under that name, it keeps its weight', () => {
    const before = junction([
      container('aaa', 'whoami-blue', '172.17.0.2'),
      container('bbb', 'whoami-green', '172.17.0.3'),
    ]);
    before.overrides.setWeight('whoami@docker', 'whoami-green', 0, 'admin');
    const after = junction(
      [container('aaa', 'whoami-blue', '172.17.0.2'), container('ddd', 'whoami-green', '172.17.0.7')],
      before.save(),
    );
    expect(after.servers.find((s) => s.id === 'whoami-green')).toMatchObject({
      url: 'http://172.17.0.7:80',
      weight: 0,
    });
  });

  it('a container Docker named at random is a new server when recreated: the old override stays, listed as an orphan', () => {
    const before = junction([
      container('aaa', 'whoami-blue', '172.17.0.2'),
      container('bbb', 'eager_turing', '172.17.0.3'),
    ]);
    before.overrides.setDraining('whoami@docker', 'eager_turing', true, 'admin');
    const after = junction(
      [container('aaa', 'whoami-blue', '172.17.0.2'), container('eee', 'brave_hopper', '172.17.0.3')],
      before.save(),
    );
    expect(new Map(after.servers.map((s) => [s.id, s.draining]))).toEqual(
      new Map([
        ['whoami-blue', false],
        ['brave_hopper', false],
      ]),
    );
    expect(after.orphans()).toEqual([
      expect.objectContaining({ service: 'whoami@docker', server: 'eager_turing', draining: true, missing: 'server' }),
    ]);
  });
});
