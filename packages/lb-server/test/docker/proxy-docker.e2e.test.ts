/**
 * The Docker provider through a real Junction process against a real engine: test-app containers
 * on a network this file creates, pooled into services by compose labels, reached through the
 * proxy's web entry point. Shows (figures printed, never asserted): how soon a started container
 * is routed (a plain one, refused for a moment before its process listens, and one with a
 * HEALTHCHECK, which gets no request before it is healthy); `docker stop` and `docker kill` of one
 * of three replicas under load failing no request; a sticky client keeping its replica across a recreate;
 * and, only when the tests own dockerd, routes kept through a dockerd restart and resynchronised
 * after it. Skips with one line without an engine; with CI=true it fails instead.
 */
import type { Container } from 'dockerode';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { acquireDockerEngine, holdEngineSteady, releaseDockerEngine, restartOwnedDaemon } from '../support/docker-engine';
import { cleanupRun, composeLabels, createRun, getJson, RUN_LABEL, startApp, type DockerRun } from '../support/docker-fixtures';
import { ensureTestImages } from '../support/docker-images';
import { boundedLoad, pollUntil, ProxyClient, sleep, slowOrFailed, startJunction, tally, type Junction } from './proxy-docker-support';

const engine = await acquireDockerEngine();
const CI = process.env.CI === 'true';
if (!engine.available && !CI) console.log(`[proxy-docker] skipping the Docker-through-the-proxy tests: ${engine.reason}`);

const figure = (text: string) => console.log(`[proxy-docker] ${text}`);
const ms = (n: number) => `${n.toFixed(0)} ms`;
/** HEALTHCHECK interval of the replicas (Docker runs the first check one interval after start). */
const HEALTH_INTERVAL_MS = 200;

/** A server of a service as the API shows it. */
interface ServerDetail {
  readonly id: string;
  readonly url: string;
  readonly healthy?: boolean;
}

describe.skipIf(!engine.available && !CI)('the Docker provider through a running Junction', () => {
  let run: DockerRun;
  let junction: Junction | undefined;
  let project = '';
  let release = (): void => {};
  const host = (service: string) => `${service}.${project}.test`;
  /** Compose, router and service labels of replica `n` of `service` (one router, one service: linked). */
  const labels = (service: string, n: number, extra: Record<string, string> = {}): Record<string, string> => ({
    ...composeLabels(project, service, n),
    [`traefik.http.routers.${service}.rule`]: `Host(\`${host(service)}\`)`,
    [`traefik.http.services.${service}.loadbalancer.server.port`]: '3000',
    ...extra,
  });
  /**
   * Containers the current case started, removed after it: each runs its HEALTHCHECK (a Node
   * process) five times a second, and a dozen left running would load a 2-core machine for the
   * cases after.
   */
  const caseContainers: string[] = [];
  afterEach(async () => {
    await Promise.all(caseContainers.splice(0).map((id) => run.docker.getContainer(id).remove({ force: true }).catch(() => undefined)));
  });
  /**
   * Starts replica `n` of `service`. With a HEALTHCHECK by default: a container is running a moment
   * before its process listens, and a request in that moment is refused (502), which passive
   * health answers by benching the server for a while; HEALTHCHECK keeps traffic away until it listens.
   */
  const replica = async (service: string, n: number, extra: Record<string, string> = {}, suffix = '', healthcheck = true): Promise<string> => {
    const id = await startApp(run, {
      name: `${service}-${n}${suffix}`,
      labels: labels(service, n, extra),
      env: { INSTANCE: `${n}${suffix}` },
      ...(healthcheck ? { healthIntervalMs: HEALTH_INTERVAL_MS } : {}),
    });
    caseContainers.push(id);
    return id;
  };
  const serverId = (service: string, n: number) => `${project}/${service}/${n}`;
  /** The servers of `service` the API shows (empty when the service is unknown). */
  const serversInApi = async (service: string): Promise<readonly ServerDetail[]> => {
    const res = await fetch(`${junction?.api}/api/http/services/${service}@docker`, { signal: AbortSignal.timeout(5_000) });
    if (res.status !== 200) return [];
    return ((await res.json()) as { serverDetails?: ServerDetail[] }).serverDetails ?? [];
  };
  /**
   * Waits until every instance in `instances` answers through the proxy (fresh clients, bounded).
   * On a timeout it prints what the last probe got, the servers the API shows, and Junction's
   * log lines about containers and providers.
   */
  const waitRouted = async (service: string, instances: readonly string[], timeoutMs = 15_000): Promise<void> => {
    let last: string[] = [];
    try {
      await pollUntil(`${service} instances ${instances.join(', ')} answering through the proxy`, async () => {
        const seen: string[] = [];
        const client = new ProxyClient(junction?.web ?? '', host(service));
        try {
          for (let i = 0; i < instances.length * 4; i++) {
            const answer = await client.get();
            seen.push(answer.instance ?? `HTTP ${answer.status} ${answer.body.slice(0, 80)}`);
          }
        } finally {
          await client.close();
          last = seen;
        }
        return instances.every((i) => seen.includes(i)) ? true : undefined;
      }, timeoutMs, 50);
    } catch (error) {
      figure(`${service}: last probe got ${JSON.stringify(tally(last))}; API servers ${JSON.stringify(await serversInApi(service).catch(String))}`);
      for (const line of slowOrFailed(junction?.output() ?? '', host(service)).slice(-40)) figure(`  log: ${line}`);
      throw error;
    }
  };

  beforeAll(async () => {
    if (!engine.available) throw new Error(`CI=true and no Docker engine could be started: ${engine.reason}`);
    // Another test file may restart dockerd: not while cases 1–3 drive containers (released in case 4).
    release = await holdEngineSteady();
    // Shared images: built when missing, never removed here (other test files use them).
    ensureTestImages();
    run = await createRun(engine.socketPath);
    project = `jp${run.id}`;
    junction = await startJunction([
      '--providers.docker',
      `--providers.docker.network=${run.network}`,
      `--providers.docker.constraints=Label(\`${RUN_LABEL}\`, \`${run.id}\`)`,
      '--entrypoints.web.address=127.0.0.1:0',
      '--entrypoints.traefik.address=127.0.0.1:0',
      '--api.insecure',
      '--providers.providersThrottleDuration=200ms',
      '--log.level=INFO',
      '--accesslog',
      '--accesslog.format=json',
    ]);
  }, 180_000);

  afterAll(async () => {
    release();
    await junction?.stop();
    if (run !== undefined) await cleanupRun(run);
    await releaseDockerEngine(engine);
  }, 120_000);

  it('a started container is routable through the proxy: route in place at once, first 200 once its process listens', async () => {
    const client = new ProxyClient(junction?.web ?? '', host('start'));
    try {
      expect((await client.get()).status).toBe(404);
      const t0 = performance.now();
      const id = await replica('start', 1, {}, '', false);
      const started = performance.now();
      let attempts = 0;
      let routeAt: number | undefined;
      /** Status changes seen by the probe, with the time since docker start returned. */
      const changes: string[] = [];
      const first = await pollUntil('the first 200 through the proxy', async () => {
        attempts++;
        const answer = await client.get();
        const now = performance.now();
        if (answer.status !== 404) routeAt ??= now;
        if (changes.at(-1)?.endsWith(` ${answer.status}`) !== true) changes.push(`${ms(now - started)} ${answer.status}`);
        return answer.status === 200 ? answer : undefined;
      }, 20_000, 5);
      const routed = performance.now();
      figure(`plain container: route in place ${ms((routeAt ?? routed) - started)} after docker start returned, first 200 after ${ms(routed - started)} (create+start took ${ms(started - t0)}; ${attempts} probes; status changes: ${changes.join(', ')})`);
      expect(first).toMatchObject({ status: 200, instance: '1', hostname: id.slice(0, 12) });
    } finally {
      await client.close();
    }
  }, 40_000);

  it('a started container with a HEALTHCHECK is routable once healthy, and gets no request before', async () => {
    const client = new ProxyClient(junction?.web ?? '', host('health'));
    try {
      const t0 = performance.now();
      const id = await replica('health', 1);
      const started = performance.now();
      let attempts = 0;
      const statuses: number[] = [];
      const first = await pollUntil('the first 200 through the proxy', async () => {
        attempts++;
        const answer = await client.get();
        statuses.push(answer.status);
        return answer.status === 200 ? answer : undefined;
      }, 20_000, 5);
      figure(`HEALTHCHECK container (${HEALTH_INTERVAL_MS} ms interval): first 200 ${ms(performance.now() - started)} after docker start returned (create+start took ${ms(started - t0)}; ${attempts} probes: ${JSON.stringify(tally(statuses.map(String)))})`);
      expect(first).toMatchObject({ status: 200, instance: '1', hostname: id.slice(0, 12) });
      expect(statuses.filter((s) => s !== 200 && s !== 404 && s !== 503)).toEqual([]); // never sent to it before it listened (502)
    } finally {
      await client.close();
    }
  }, 40_000);

  // `docker stop` lets the replica finish its in-flight requests (drain on `kill`); `docker kill`
  // (SIGKILL) resets them, and passive health and the retry move them to another replica.
  // Under CPU pressure the stop case once lost a request in about 20 runs: picked for the replica a
  // moment before its drain landed, it only started connecting after the container's network was
  // gone and waited for the dial timeout. The upstream gate (src/proxy/upstream-gate.ts) now
  // refuses and aborts such connections and the request is retried on another replica.
  it.each<[string, number, (c: Container) => Promise<unknown>]>([
    ['stop', 0, (c) => c.stop({ t: 10 })],
    ['kill', 137, (c) => c.kill()],
  ])('docker %s of one of 3 replicas under load (4 clients, ≤ 3 s or ≤ 3000 requests): no GET fails', async (action, exitCode, act) => {
    const ids = [await replica(action, 1), await replica(action, 2), await replica(action, 3)];
    await waitRouted(action, ['1', '2', '3']);
    const victim = run.docker.getContainer(ids[1] ?? '');
    let took = 0;
    const result = await boundedLoad(junction?.web ?? '', host(action), '/?delay=20', {
      clients: 4,
      durationMs: 3_000,
      maxRequests: 3_000,
      atMs: 1_000,
      during: async () => {
        const t0 = performance.now();
        await act(victim);
        took = performance.now() - t0;
      },
    });
    figure(`docker ${action} under load: ${result.ok} ok, ${result.failures.length} failed; docker ${action} took ${ms(took)}; answers before it returned ${JSON.stringify(result.before)}, after ${JSON.stringify(result.after)}`);
    for (const failure of result.failures.slice(0, 5)) figure(`  failure: ${failure}`);
    if (result.failures.length > 0) for (const line of slowOrFailed(junction?.output() ?? '', host(action))) figure(`  exchange: ${line}`);
    expect(result.failures).toEqual([]);
    expect(result.before['2']).toBeGreaterThan(0); // the victim was serving when it was stopped
    expect(Object.keys(result.after).sort()).toEqual(['1', '3']);
    expect((await victim.inspect()).State.ExitCode).toBe(exitCode);
  }, 60_000);

  it('a sticky client keeps its replica across a recreate of that replica (same server id, no re-pin)', async () => {
    const sticky = { 'traefik.http.services.sticky.loadbalancer.sticky.cookie': 'true' };
    const oldId = [await replica('sticky', 1, sticky), await replica('sticky', 2, sticky), await replica('sticky', 3, sticky)][1] ?? '';
    await waitRouted('sticky', ['1', '2', '3']);
    // A fresh client is pinned to replica 2 (bounded number of tries).
    let cookie: string | undefined;
    for (let i = 0; i < 60 && cookie === undefined; i++) {
      const fresh = new ProxyClient(junction?.web ?? '', host('sticky'));
      const answer = await fresh.get();
      await fresh.close();
      if (answer.instance === '2') cookie = answer.setCookie;
    }
    expect(cookie).toBeDefined();
    const client = new ProxyClient(junction?.web ?? '', host('sticky'));
    client.cookie = cookie;
    try {
      const pinned = await client.get();
      expect(pinned).toMatchObject({ status: 200, instance: '2', hostname: oldId.slice(0, 12), setCookie: undefined });

      const t0 = performance.now();
      await run.docker.getContainer(oldId).remove({ force: true });
      await pollUntil('server 2 gone from the API', async () => ((await serversInApi('sticky')).some((s) => s.id === serverId('sticky', 2)) ? undefined : true), 15_000, 20);
      const newId = await replica('sticky', 2, sticky, '-new');
      // Back, and healthy (its HEALTHCHECK passed): until then the proxy would rightly re-pin elsewhere.
      const back = await pollUntil('server 2 back in the API, healthy', async () => (await serversInApi('sticky')).find((s) => s.id === serverId('sticky', 2) && s.healthy === true), 15_000, 20);
      expect((await getJson(back.url)).body.instance).toBe('2-new');
      const after = await client.get();
      figure(`sticky recreate: replica 2 removed and recreated, back in the proxy ${ms(performance.now() - t0)} after the remove started; cookie ${cookie?.split('=')[0]} → ${after.hostname} (was ${oldId.slice(0, 12)}), Set-Cookie: ${after.setCookie ?? 'none'}`);
      expect(after).toMatchObject({ status: 200, instance: '2-new', hostname: newId.slice(0, 12), setCookie: undefined });
      expect(newId.slice(0, 12)).not.toBe(oldId.slice(0, 12));
      const answers: (string | undefined)[] = [];
      for (let i = 0; i < 10; i++) answers.push((await client.get()).instance);
      expect(tally(answers)).toEqual({ '2-new': 10 });
    } finally {
      await client.close();
    }
  }, 60_000);

  it.skipIf(!engine.owned)('dockerd restart: routes to running containers kept during the outage, resynchronised after', async () => {
    await replica('live', 1);
    await replica('live', 2);
    await waitRouted('live', ['1', '2']);
    // Restarting waits for steady holders: this file's own hold must go first.
    release();
    release = () => {};
    const client = new ProxyClient(junction?.web ?? '', host('live'));
    let probing = true;
    let ok = 0;
    const failures: string[] = [];
    const prober = (async () => {
      // Bounded: stops when the restart is over, or after 6000 probes (≈ 2 min).
      for (let i = 0; probing && i < 6_000; i++) {
        try {
          const answer = await client.get();
          if (answer.status === 200) ok++;
          else failures.push(`HTTP ${answer.status}`);
        } catch (error) {
          failures.push(`network error: ${String(error)}`);
        }
        await sleep(20);
      }
    })();
    let okWhileDown = 0;
    let downFor = 0;
    try {
      downFor = await restartOwnedDaemon(engine, async () => {
        const before = ok;
        await sleep(500);
        okWhileDown = ok - before;
      });
    } finally {
      probing = false;
      await prober;
      await client.close();
    }
    figure(`dockerd restart: down ${ms(downFor)}; through the proxy ${ok} ok (${okWhileDown} while dockerd was stopped), ${failures.length} failed`);
    for (const failure of failures.slice(0, 5)) figure(`  failure: ${failure}`);
    expect(failures).toEqual([]);
    expect(okWhileDown).toBeGreaterThan(0);
    const t0 = performance.now();
    const third = await replica('live', 3);
    const startedAt = performance.now();
    // Docker's own failure, told apart from Junction's: an address handed out twice after a
    // live-restore restart would send live-3's traffic to another container.
    const addresses = await Promise.all(caseContainers.map(async (id) => (await run.docker.getContainer(id).inspect()).NetworkSettings.Networks[run.network]?.IPAddress ?? '?'));
    figure(`addresses after the restart: ${addresses.join(', ')} (live-3: ${third.slice(0, 12)})`);
    expect(new Set(addresses).size).toBe(addresses.length);
    await waitRouted('live', ['1', '2', '3'], 30_000);
    figure(`container started after the restart routable ${ms(performance.now() - startedAt)} after docker start returned (create+start ${ms(startedAt - t0)})`);
  }, 300_000);

  if (engine.available && !engine.owned) {
    it.skip('dockerd restart (skipped: the engine was not started by these tests, and a daemon they did not start is never restarted)', () => {});
  }
});
