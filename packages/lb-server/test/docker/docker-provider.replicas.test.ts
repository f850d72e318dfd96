/**
 * The Docker provider against a real engine, replicas coming and going: snapshots on start,
 * scale, stop (drain before die), kill, a process exiting by itself (drain at die), pause and
 * unpause, recreate. Figures are printed, never asserted. HEALTHCHECK and a dockerd restart:
 * docker-provider.health-restart.test.ts. Skips with one line when no engine can be found or
 * started; with CI=true it fails instead.
 */
import { describe, expect, it } from 'vitest';
import { acquireDockerEngine } from '../support/docker-engine';
import { composeLabels, getJson, serversOf, startApp } from '../support/docker-fixtures';
import { dockerProviderSuite, figure, LAB, ms, SERVICE } from './docker-provider-suite';

const engine = await acquireDockerEngine();
const CI = process.env.CI === 'true';
if (!engine.available && !CI) console.log(`[docker] skipping the Docker engine tests: ${engine.reason}`);

describe.skipIf(!engine.available && !CI)('Docker provider against a real engine', () => {
  // docker-provider.health-restart.test.ts restarts dockerd: not while these cases drive containers.
  const suite = dockerProviderSuite(engine, { holdSteady: true });
  const { recorder, drains, id, hasServer } = suite;

  it('lists at start and reports the endpoint', () => {
    expect(recorder.snapshots.length).toBeGreaterThan(0);
    expect(suite.provider.status()).toMatchObject({
      state: 'ok',
      details: { endpoint: `unix://${engine.socketPath}`, watch: true },
    });
  });

  it('a started container is in a snapshot', async () => {
    const t0 = performance.now();
    await startApp(suite.run, { name: 'solo', labels: { 'traefik.http.routers.solo.rule': 'Host(`solo.local`)' } });
    const started = performance.now();
    const seen = await recorder.waitFor((c) => c.http.routers?.solo !== undefined, { what: 'router solo' });
    figure(
      `container in a snapshot ${ms(seen.at - started)} after docker start returned (${ms(seen.at - t0)} after create; create+start took ${ms(started - t0)})`,
    );
    expect(serversOf(seen.config, seen.config.http.routers?.solo?.service ?? '')).toHaveLength(1);
  }, 30_000);

  it('scaled to 5: one service with five servers, stable ids, each answering', async () => {
    const t0 = performance.now();
    for (let n = 1; n <= 5; n++)
      await startApp(suite.run, {
        name: `dynamic-${n}`,
        labels: { ...LAB, ...composeLabels(suite.project, 'dynamic', n) },
        env: { INSTANCE: String(n) },
      });
    const lastStarted = performance.now();
    const seen = await recorder.waitFor((c) => serversOf(c, SERVICE).length === 5, { what: 'five servers' });
    figure(
      `5 replicas (started one after the other in ${ms(lastStarted - t0)}) → snapshot with 5 servers ${ms(seen.at - lastStarted)} after the last start`,
    );
    const servers = serversOf(seen.config, SERVICE);
    expect(servers.map((s) => s.id).sort()).toEqual([1, 2, 3, 4, 5].map(id));
    expect(seen.config.http.routers?.[SERVICE]).toMatchObject({ rule: LAB['traefik.frontend.rule'], ruleSyntax: 'v1' });
    const answers = await Promise.all(servers.map((s) => getJson(s.url)));
    expect(new Set(answers.map((a) => a.body.instance))).toEqual(new Set(['1', '2', '3', '4', '5']));
  }, 30_000);

  it('docker stop: the kill event marks the server draining before die removes it; in-flight requests finish', async () => {
    const target = serversOf(recorder.snapshots.at(-1)?.config ?? { http: {} }, SERVICE).find((s) => s.id === id(3));
    expect(target).toBeDefined();
    const from = recorder.snapshots.length;
    const inFlight = getJson(`${target?.url}/?delay=400`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const container = suite.run.docker.getContainer(
      (await suite.run.docker.listContainers({ filters: { name: [`dynamic-3-${suite.run.id}`] } }))[0]?.Id ?? '',
    );
    const t0 = performance.now();
    await container.stop({ t: 10 });
    const stopped = performance.now();
    const draining = await recorder.waitFor(
      (c) => serversOf(c, SERVICE).some((s) => s.id === id(3) && s.draining === true),
      { from, what: 'server 3 draining' },
    );
    const gone = await recorder.waitFor((c) => !hasServer(3)(c) && serversOf(c, SERVICE).length === 4, {
      from,
      what: 'server 3 removed',
    });
    figure(
      `docker stop → draining: ${ms(draining.at - t0)}, → removed: ${ms(gone.at - t0)} (docker stop returned after ${ms(stopped - t0)})`,
    );
    expect(draining.index).toBeLessThan(gone.index);
    expect(drains).toContainEqual(
      expect.objectContaining({ reason: 'stopping', servers: [{ service: SERVICE, id: id(3), url: target?.url }] }),
    );
    expect(drains.filter((d) => d.servers.some((s) => s.id === id(3)))).toHaveLength(1); // its die does not drain it twice
    expect(suite.live).not.toContain(target?.url);
    for (const other of serversOf(draining.config, SERVICE).filter((s) => s.id !== id(3)))
      expect(suite.live).toContain(other.url);
    const answer = await inFlight;
    expect(answer).toMatchObject({ status: 200, body: { instance: '3' } });
  }, 30_000);

  it('docker kill (SIGKILL) drains too, then removes', async () => {
    const from = recorder.snapshots.length;
    const [info] = await suite.run.docker.listContainers({ filters: { name: [`dynamic-4-${suite.run.id}`] } });
    const t0 = performance.now();
    await suite.run.docker.getContainer(info?.Id ?? '').kill();
    const draining = await recorder.waitFor(
      (c) => serversOf(c, SERVICE).some((s) => s.id === id(4) && s.draining === true),
      { from, what: 'server 4 draining' },
    );
    const gone = await recorder.waitFor((c) => !hasServer(4)(c), { from, what: 'server 4 removed' });
    figure(`docker kill → draining: ${ms(draining.at - t0)}, → removed: ${ms(gone.at - t0)}`);
    expect(draining.index).toBeLessThan(gone.index);
    expect(drains.at(-1)).toMatchObject({ reason: 'stopping', servers: [{ id: id(4) }] });
  }, 30_000);

  it('a process that exits by itself (no kill event) drains at its die, then is removed', async () => {
    const target = serversOf(recorder.snapshots.at(-1)?.config ?? { http: {} }, SERVICE).find((s) => s.id === id(5));
    expect(target).toBeDefined();
    expect(suite.live).toContain(target?.url);
    const from = recorder.snapshots.length;
    const t0 = performance.now();
    await getJson(`${target?.url}/crash`).catch(() => undefined); // the app exits with code 3
    const draining = await recorder.waitFor(
      (c) => serversOf(c, SERVICE).some((s) => s.id === id(5) && s.draining === true),
      { from, what: 'server 5 draining' },
    );
    const gone = await recorder.waitFor((c) => !hasServer(5)(c), { from, what: 'server 5 removed' });
    figure(`process exit → draining: ${ms(draining.at - t0)}, → removed: ${ms(gone.at - t0)}`);
    expect(draining.index).toBeLessThan(gone.index);
    expect(drains.at(-1)).toEqual(
      expect.objectContaining({ reason: 'exited', servers: [{ service: SERVICE, id: id(5), url: target?.url }] }),
    );
    expect(suite.live).not.toContain(target?.url);
  }, 30_000);

  it('docker pause drains the replica and leaves it out; unpause brings it back', async () => {
    const target = serversOf(recorder.snapshots.at(-1)?.config ?? { http: {} }, SERVICE).find((s) => s.id === id(1));
    expect(target).toBeDefined();
    const container = suite.run.docker.getContainer(
      (await suite.run.docker.listContainers({ filters: { name: [`dynamic-1-${suite.run.id}`] } }))[0]?.Id ?? '',
    );
    const from = recorder.snapshots.length;
    const t0 = performance.now();
    await container.pause();
    const draining = await recorder.waitFor(
      (c) => serversOf(c, SERVICE).some((s) => s.id === id(1) && s.draining === true),
      { from, what: 'server 1 draining' },
    );
    const gone = await recorder.waitFor((c) => !hasServer(1)(c), { from, what: 'server 1 left out' });
    expect(drains.at(-1)).toEqual(
      expect.objectContaining({ reason: 'paused', servers: [{ service: SERVICE, id: id(1), url: target?.url }] }),
    );
    expect(suite.live).not.toContain(target?.url);
    const t1 = performance.now();
    await container.unpause();
    const back = await recorder.waitFor(
      (c) => serversOf(c, SERVICE).some((s) => s.id === id(1) && s.draining !== true),
      { from: gone.index, what: 'server 1 back' },
    );
    figure(
      `docker pause → draining: ${ms(draining.at - t0)}, → left out: ${ms(gone.at - t0)}; unpause → back: ${ms(back.at - t1)}`,
    );
    expect(suite.live).toContain(target?.url);
  }, 30_000);

  it('a recreated replica keeps its server id (what sticky cookies hash)', async () => {
    const [old] = await suite.run.docker.listContainers({ filters: { name: [`dynamic-2-${suite.run.id}`] } });
    await suite.run.docker.getContainer(old?.Id ?? '').remove({ force: true });
    await recorder.waitFor((c) => !hasServer(2)(c), { what: 'server 2 removed' });
    const newId = await startApp(suite.run, {
      name: 'dynamic-2-new',
      labels: { ...LAB, ...composeLabels(suite.project, 'dynamic', 2) },
      env: { INSTANCE: '2-new' },
    });
    const seen = await recorder.waitFor(hasServer(2), { what: 'server 2 back' });
    const server = serversOf(seen.config, SERVICE).find((s) => s.id === id(2));
    const answer = await getJson(server?.url ?? '');
    expect(answer.body).toMatchObject({ instance: '2-new', hostname: newId.slice(0, 12) });
    expect(newId).not.toBe(old?.Id);
  }, 30_000);
});
