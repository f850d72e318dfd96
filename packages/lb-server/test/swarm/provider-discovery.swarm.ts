/**
 * The Swarm provider's discovery against the suite's real one-node swarm: a stack with the test
 * app (v2/v3 deploy labels, two replicas), a service routed by v1 labels, one through its virtual
 * IP (`traefik.swarm.lbswarm`) and one with a broken label. The provider runs in this process on
 * the engine's socket; the configuration it emits is checked against what the engine itself says
 * (task addresses, virtual IPs, slots). Addresses are only compared as text: nothing here sends a
 * request to an overlay address (the host has no route to them).
 */
import type { DynamicConfig, ServerConfig } from '@junction/lb-core';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DrainEvent } from '../../src/providers/docker/docker-provider';
import type { ProviderMessage } from '../../src/providers/provider';
import type { SwarmClient } from '../../src/providers/swarm/swarm-api';
import { SwarmProvider } from '../../src/providers/swarm/swarm-provider';
import { SwarmStack } from '../support/swarm-stack';
import { appService } from './services';

const ctx = inject('swarm');

describe.skipIf(!ctx.available)('swarm provider discovery on a real swarm', () => {
  const stack = new SwarmStack(`disc${ctx.run}`, ctx.socketPath);
  const client = new Docker({ socketPath: ctx.socketPath });
  const abort = new AbortController();
  const messages: ProviderMessage<DynamicConfig>[] = [];
  const drains: DrainEvent[] = [];
  let provider: SwarmProvider | undefined;
  const v1Host = 'v1.swarm.test';

  const latest = (): ProviderMessage<DynamicConfig> | undefined => messages.at(-1);
  const servers = (service: string): readonly ServerConfig[] => {
    const def = latest()?.config.http.services?.[service];
    return def !== undefined && 'loadBalancer' in def ? def.loadBalancer.servers : [];
  };
  async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 90_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}; last snapshot: ${JSON.stringify(latest())}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  /** The engine's own view: address (no mask) of each running task of a service on the stack network. */
  async function taskAddresses(service: string): Promise<Map<number, string>> {
    const tasks = (await client.listTasks({
      filters: { service: [stack.service(service)], 'desired-state': ['running'] },
    })) as {
      Slot: number;
      Status: { State: string };
      NetworksAttachments?: { Network: { Spec: { Name: string } }; Addresses: string[] }[];
    }[];
    const out = new Map<number, string>();
    for (const t of tasks) {
      const on = t.NetworksAttachments?.find((a) => a.Network.Spec.Name === stack.network);
      if (t.Status.State === 'running' && on?.Addresses[0] !== undefined)
        out.set(t.Slot, on.Addresses[0].split('/')[0] ?? '');
    }
    return out;
  }

  beforeAll(async () => {
    stack.deploy(
      {
        app: appService(2),
        v1: {
          ...appService(1, {}, { routeApp: false }),
          deploy: {
            replicas: 1,
            labels: {
              'traefik.port': '3000',
              'traefik.frontend.rule': `Host:${v1Host}`,
              'traefik.docker.network': stack.network,
            },
          },
        },
        vip: {
          ...appService(1, {}, { routeApp: false }),
          deploy: {
            replicas: 1,
            labels: { 'traefik.http.services.vip.loadbalancer.server.port': '3000', 'traefik.swarm.lbswarm': 'true' },
          },
        },
        broken: {
          ...appService(1, {}, { routeApp: false }),
          deploy: {
            replicas: 1,
            labels: {
              'traefik.http.routers.broken.rule': 'Host(`broken.test`',
              'traefik.http.services.broken.loadbalancer.server.port': '3000',
            },
          },
        },
      },
      {},
    );
    await Promise.all(['app', 'v1', 'vip', 'broken'].map((s) => stack.converged(s, s === 'app' ? 2 : 1)));
    provider = new SwarmProvider({
      client: client as unknown as SwarmClient,
      endpoint: `unix://${ctx.socketPath}`,
      options: {
        exposedByDefault: true,
        network: stack.network,
        useBindPortIP: false,
        defaultRule: 'Host(`{{ normalize .Name }}`)',
        constraints: `Label(\`com.docker.stack.namespace\`, \`${stack.name}\`)`,
        watch: true,
        refreshMs: 3_000,
      },
      onDrain: (e) => drains.push(e),
    });
    await provider.start((m) => messages.push(m), abort.signal);
  }, 240_000);

  afterAll(async () => {
    abort.abort();
    await stack.remove();
  }, 120_000);

  it('routes to each running task on the stack network, with ids <stack>/<service>/<slot>', async () => {
    const expected = await taskAddresses('app');
    expect(expected.size).toBe(2);
    const got = await until('two app servers', () => servers('app').length === 2 && servers('app'));
    const want = [...expected]
      .sort(([a], [b]) => a - b)
      .map(([slot, ip]) => ({ id: `${stack.name}/app/${slot}`, url: `http://${ip}:3000` }));
    expect(got.map((s) => ({ id: s.id, url: s.url }))).toEqual(want);
    expect(latest()?.config.http.routers?.app).toMatchObject({ rule: 'Host(`app.swarm.test`)', service: 'app' });
  });

  it('reads v1 labels, with traefik.docker.network', async () => {
    const [ip] = [...(await taskAddresses('v1')).values()];
    const name = `${stack.name}-v1`;
    await until('the v1 service', () => servers(name).length === 1);
    expect(servers(name)[0]?.url).toBe(`http://${ip}:3000`);
    expect(latest()?.config.http.routers?.[name]).toMatchObject({ rule: `Host:${v1Host}`, service: name });
  });

  it('routes an lbswarm service to its virtual IP on the network', async () => {
    const inspected = (await client.getService(stack.service('vip')).inspect()) as {
      Endpoint: { VirtualIPs: { NetworkID: string; Addr: string }[] };
    };
    const [network] = await client.listNetworks({ filters: { name: [stack.network] } });
    const vip = inspected.Endpoint.VirtualIPs.find((v) => v.NetworkID === network?.Id)?.Addr.split('/')[0];
    expect(vip).toBeDefined();
    await until('the vip service', () => servers('vip').length === 1);
    expect(servers('vip')).toEqual([expect.objectContaining({ id: `${stack.name}/vip`, url: `http://${vip}:3000` })]);
  });

  it('reports the broken service by name while the others serve', async () => {
    const error = await until('the broken service error', () =>
      latest()?.errors.find((e) => e.message.includes(`service ${stack.service('broken')}`)),
    );
    expect(error).toMatchObject({ code: 'LB_DOCKER_LABEL', label: 'traefik.http.routers.broken.rule' });
    expect(latest()?.config.http.routers?.broken).toBeUndefined();
    expect(servers('app')).toHaveLength(2);
  });

  it("drains a task at its container's SIGTERM, from the kill event, before swarm notices", async () => {
    const [task] = await stack.ready('v1');
    if (task === undefined) throw new Error('no v1 task');
    const before = drains.length;
    await client.getContainer(task.containerId).kill({ signal: 'SIGTERM' });
    const drained = await until(
      'the kill drain',
      () => drains.slice(before).find((d) => d.containerId === task.id),
      30_000,
    );
    expect(drained).toMatchObject({
      provider: 'swarm',
      reason: 'stopping',
      servers: [expect.objectContaining({ service: `${stack.name}-v1`, id: `${stack.name}/v1/1` })],
    });
    // Swarm replaces the task (same slot, so the same id) and the new one serves.
    await stack.converged('v1', 1);
    await until(
      'the replacement',
      () => servers(`${stack.name}-v1`).length === 1 && servers(`${stack.name}-v1`)[0]?.draining !== true,
    );
  }, 120_000);

  it('drains a task at once when a scale-down stops it, then drops it', async () => {
    stack.scale('app', 1);
    const drained = await until(
      'a drain event',
      () => drains.find((d) => d.servers.some((s) => s.service === 'app')),
      60_000,
    );
    expect(drained).toMatchObject({ provider: 'swarm', reason: 'stopping' });
    // The engine's events reach the provider (the scale-down is a service update, its task container gets a kill).
    expect(provider?.status().details.lastEvent).toMatchObject({
      type: expect.stringMatching(/^(service|container)$/),
    });
    const [gone] = drained.servers.map((s) => s.id);
    const kept = [`${stack.name}/app/1`, `${stack.name}/app/2`].filter((id) => id !== gone);
    expect(drained.servers).toHaveLength(1);
    expect(kept).toHaveLength(1);
    await stack.converged('app', 1);
    await until('one app server', () => servers('app').length === 1);
    expect(servers('app')[0]).toMatchObject({ id: kept[0] });
    expect(servers('app')[0]?.draining).toBeUndefined();
  }, 120_000);
});
