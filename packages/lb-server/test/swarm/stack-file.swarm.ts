/**
 * Swarm suite: `docker/stack.yml` as users deploy it (`docker stack deploy --resolve-image never`,
 * its variables for the images — by id — the published ports and the network name; only its
 * network's subnet is set for the test). Junction (global mode, host-mode ports on 127.0.0.1)
 * routes the lab: the jokes API (v3 labels, prefix stripped) round-robin over its three tasks and
 * the static site (v1 labels) sticky, under bounded load with 0 failed requests, and its API
 * lists both routers from the swarm provider.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatTally, getOnce, startLoad } from '../support/swarm-load';
import { stackSubnet, SwarmStack } from '../support/swarm-stack';
import { api, junctionPorts, junctionUp, type JunctionPorts } from './services';

const ctx = inject('swarm');
const say = (line: string): void => console.log(line);
const STACK_FILE = join(resolve(fileURLToPath(new URL('../../../..', import.meta.url))), 'docker/stack.yml');
const HOST = 'demo.res.ch';

describe.skipIf(!ctx.available)('swarm: docker/stack.yml', () => {
  let stack: SwarmStack;
  let ports: JunctionPorts;

  beforeAll(async () => {
    const images = ctx.images;
    if (images === undefined) throw new Error('no images');
    stack = new SwarmStack(`js${ctx.run}d`, ctx.socketPath, stackSubnet(ctx.run, 4));
    ports = await junctionPorts();
    stack.deployFile(
      STACK_FILE,
      {
        JUNCTION_IMAGE: images.junction,
        JOKES_IMAGE: images.jokes,
        STATIC_IMAGE: images.static,
        JUNCTION_WEB_PORT: String(ports.web),
        JUNCTION_DASHBOARD_PORT: String(ports.api),
        JUNCTION_NETWORK: `${stack.name}-web`,
        JOKES_REPLICAS: '3',
        STATIC_REPLICAS: '2',
      },
      'web',
    );
    await Promise.all([stack.converged('dynamic', 3, 180_000), stack.converged('static', 2, 180_000)]);
    await junctionUp(ports, 120_000);
    say(
      `[swarm] ${stack.name} from docker/stack.yml: Junction on 127.0.0.1:${ports.web} (API ${ports.api}), dynamic ×3, static ×2`,
    );
  });

  afterAll(async () => {
    if (stack !== undefined) await stack.remove();
  });

  it("serves the lab's routes from the stack's deploy labels", async () => {
    const jokes = (await stack.ready('dynamic')).map((t) => t.hostname).sort();
    // Routed once Junction has listed the healthy tasks (it polls, and follows events).
    const started = Date.now();
    for (const path of ['/api/jokes/', '/node.json']) {
      for (const deadline = Date.now() + 60_000; ;) {
        const a = await getOnce(ports.web, HOST, { path });
        if (a.status === 200) break;
        if (Date.now() > deadline) throw new Error(`${path} never answered 200 (last: ${a.error ?? a.status})`);
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    say(`[swarm] both routes answered ${Date.now() - started} ms after the engine reported every task healthy`);
    const load = startLoad({
      port: ports.web,
      host: HOST,
      path: '/api/jokes/',
      clients: 4,
      perClientPerSecond: 10,
      maxRequests: 800,
      maxMs: 20_000,
    });
    // Sticky static site meanwhile: a cookie on the first answer, the same node after it.
    const first = await getOnce(ports.web, HOST, { path: '/node.json' });
    expect(first.status).toBe(200);
    expect(first.setCookie, 'the v1 stickiness label sets a cookie').toBeDefined();
    for (let i = 0; i < 10; i++) {
      const again = await getOnce(ports.web, HOST, { path: '/node.json', cookie: first.setCookie ?? '' });
      expect(again.backend).toBe(first.backend);
    }
    // Let the load run a while (it stops by itself at its bounds otherwise).
    for (const end = Date.now() + 25_000; load.count() < 300 && Date.now() < end;)
      await new Promise((r) => setTimeout(r, 250));
    const tally = await load.stop();
    for (const line of formatTally('docker/stack.yml: /api/jokes/', tally)) say(line);
    expect(tally.failed, JSON.stringify([...tally.byOutcome])).toBe(0);
    expect([...tally.perBackend.keys()].sort()).toEqual(jokes);
    const routers = (await api(ports, '/api/http/routers')) as { name: string; provider?: string; status?: string }[];
    say(`[swarm] routers: ${routers.map((r) => `${r.name} (${r.status ?? '?'})`).join(', ')}`);
    expect(routers.filter((r) => r.name.endsWith('@swarm') && r.status === 'enabled').length).toBeGreaterThanOrEqual(2);
  });
});
