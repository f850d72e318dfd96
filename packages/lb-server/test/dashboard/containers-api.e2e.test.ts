/**
 * The containers and compose actions of the API against a real Docker engine, through a whole
 * Junction (Docker provider → watcher → overrides → runtime; dashboard on `traefik`): list, logs,
 * stop/start/restart, remove, scale a compose service up (a copy of a replica, next number) and
 * down (drained first, stopped only once its requests in flight are done), and refusal without
 * credentials. Skips with one line when no engine can be found or started; with CI=true it fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerState } from '../../src/dashboard/state-types';
import { basic } from '../support/dashboard/dashboard-app';
import { acquireDockerEngine, releaseDockerEngine } from '../support/docker-engine';
import { TEST_APP_IMAGE } from '../support/docker-images';
import { DYN, SERVICE, startDockerStack, type DockerStack } from './docker-stack';

const engine = await acquireDockerEngine();
const CI = process.env.CI === 'true';
if (!engine.available && !CI) console.log(`[docker] skipping the dashboard container tests: ${engine.reason}`);

const AUTH = { 'content-type': 'application/json', authorization: basic() };

describe.skipIf(!engine.available && !CI)('containers API against a real engine', { timeout: 60_000 }, () => {
  let d: DockerStack;
  const api = (path: string, init: RequestInit = {}) => fetch(`${d.stack.traefik}/api/junction${path}`, init);
  const act = (method: string, path: string, body: unknown = {}) =>
    api(path, { method, headers: AUTH, body: JSON.stringify(body) });
  const mine = async (): Promise<ContainerState[]> => {
    const { containers } = (await (await api('/containers')).json()) as { containers: ContainerState[] };
    return containers.filter((c) => c.labels['junction.test.run'] === d.run.id);
  };
  const inspect = (id: string) => d.run.docker.getContainer(id).inspect();
  const sid = (n: number) => `${d.project}/${SERVICE}/${n}`;

  beforeAll(async () => {
    if (!engine.available) throw new Error(`CI=true and no Docker engine: ${engine.reason}`);
    d = await startDockerStack(engine);
    await d.replica(1);
    await d.replica(2);
    await d.waitForServers((ids) => ids.length === 2);
  }, 120_000);

  afterAll(async () => {
    await d?.close();
    await releaseDockerEngine(engine);
  }, 60_000);

  it('lists the containers with image, state, ports, labels and compose identity', async () => {
    const list = await mine();
    expect(list.map((c) => c.name).sort()).toEqual([`${d.project}_${SERVICE}_1`, `${d.project}_${SERVICE}_2`]);
    expect(list[0]).toMatchObject({
      image: TEST_APP_IMAGE,
      state: 'running',
      health: 'none',
      ports: ['3000/tcp'],
      compose: { project: d.project, service: SERVICE },
    });
    const { compose } = (await (await api('/containers')).json()) as {
      compose: { project: string; service: string; replicas: number; running: number }[];
    };
    expect(compose.find((c) => c.project === d.project)).toEqual({
      project: d.project,
      service: SERVICE,
      replicas: 2,
      running: 2,
    });
  });

  it("tails a container's logs, stdout and stderr apart, only with credentials", async () => {
    const id = await d.talker();
    expect((await api(`/containers/${id}/logs?tail=10`)).status).toBe(401);
    let lines: { stream: string; text: string }[] = [];
    for (let i = 0; i < 50 && lines.length < 2; i++) {
      lines = (
        (await (await api(`/containers/${id}/logs?tail=10`, { headers: { authorization: basic() } })).json()) as {
          lines: typeof lines;
        }
      ).lines;
      if (lines.length < 2) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Docker copies the two streams independently: their relative order is not guaranteed.
    expect(lines.map((l) => [l.stream, l.text.replace(/^\S+ /, '')]).sort()).toEqual([
      ['stderr', 'oops on stderr'],
      ['stdout', 'hello from stdout'],
    ]);
    expect(lines[0]?.text).toMatch(/^\d{4}-\d\d-\d\dT/); // Docker's timestamps are kept
    expect((await act('DELETE', `/containers/${id}`, { force: true })).status).toBe(200);
    await expect(inspect(id)).rejects.toMatchObject({ statusCode: 404 });
  });

  it('refuses to stop a container without credentials', async () => {
    const [one] = await mine();
    const res = await api(`/containers/${one!.id}/stop`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
    expect((await inspect(one!.id)).State.Running).toBe(true);
  });

  it('stops, starts and restarts a container; the provider follows', async () => {
    const two = (await mine()).find((c) => c.compose?.number === 2)!;
    expect((await act('POST', `/containers/${two.id}/stop`)).status).toBe(200);
    expect((await inspect(two.id)).State.Running).toBe(false);
    await d.waitForServers((ids) => !ids.includes(sid(2)));
    expect((await act('POST', `/containers/${two.id}/start`)).status).toBe(200);
    await d.waitForServers((ids) => ids.includes(sid(2)));
    const before = (await inspect(two.id)).State.StartedAt;
    expect((await act('POST', `/containers/${two.id}/restart`)).status).toBe(200);
    const after = await inspect(two.id);
    expect(after.State.Running).toBe(true);
    expect(after.State.StartedAt).not.toBe(before);
    const missing = await act('POST', '/containers/no-such-container/start');
    expect([missing.status, ((await missing.json()) as { code: string }).code]).toEqual([404, 'DASH_NOT_FOUND']);
  });

  it("scales a compose service up from a replica's configuration", async () => {
    const res = await act('POST', '/compose/scale', { project: d.project, service: SERVICE, replicas: 3 });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ from: 2, to: 3, created: [`${d.project}_${SERVICE}_3`], removed: [] });
    const three = await inspect(`${d.project}_${SERVICE}_3`);
    const one = await inspect(`${d.project}_${SERVICE}_1`);
    expect(three.Config.Image).toBe(one.Config.Image);
    expect(three.Config.Labels).toEqual({ ...one.Config.Labels, 'com.docker.compose.container-number': '3' });
    expect(Object.keys(three.NetworkSettings.Networks)).toEqual([d.run.network]);
    expect(three.NetworkSettings.Networks[d.run.network]?.Aliases).toContain(SERVICE);
    await d.waitForServers((ids) => ids.includes(sid(3)) && ids.length === 3);
  });

  it('scales down: drains the replica, waits for its requests in flight, then stops and removes it', async () => {
    const balancer = () => {
      const s = d.stack.app.store.current.services.get(DYN);
      if (s?.kind !== 'loadBalancer') throw new Error('no dyn service');
      return s.balancer;
    };
    balancer().begin(sid(3)); // a request in flight on replica 3
    const seenAtEnd = new Promise<{ draining: boolean | undefined; running: boolean }>((resolve) => {
      setTimeout(async () => {
        const draining = balancer()
          .servers()
          .find((s) => s.id === sid(3))?.draining;
        const running = (await inspect(`${d.project}_${SERVICE}_3`)).State.Running;
        balancer().end(sid(3));
        resolve({ draining, running });
      }, 1000);
    });
    const res = await act('POST', '/compose/scale', { project: d.project, service: SERVICE, replicas: 1 });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      from: 3,
      to: 1,
      created: [],
      removed: expect.arrayContaining([`${d.project}_${SERVICE}_3`, `${d.project}_${SERVICE}_2`]),
    });
    expect(await seenAtEnd).toEqual({ draining: true, running: true });
    await expect(inspect(`${d.project}_${SERVICE}_3`)).rejects.toMatchObject({ statusCode: 404 });
    await d.waitForServers((ids) => ids.length === 1 && ids[0] === sid(1));
    expect(d.stack.dashboard.overrides.list().servers).toEqual([]);
    expect(d.stack.logger.lines.filter((l) => l.obj.action === 'compose.scale').map((l) => l.obj.outcome)).toEqual([
      'ok',
      'ok',
    ]);
  });

  it('answers 404 for a compose service that has no container', async () => {
    const res = await act('POST', '/compose/scale', { project: d.project, service: 'nope', replicas: 2 });
    expect(res.status).toBe(404);
  });
});
