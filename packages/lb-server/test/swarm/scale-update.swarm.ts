/**
 * Swarm suite: one Junction (global mode, host-mode ports on 127.0.0.1) in front of the test app
 * on the stack's overlay network, under bounded load from the host, while the app is scaled
 * 3 → 6 → 2 and then updated twice (`docker service update --force`, then a new image). Goal: 0
 * failed requests, every running task served, a new task only once its HEALTHCHECK passed (the
 * engine's `health_status` event time against the first answer it gave). Each phase prints its
 * tally (ok, failed by status or error, per backend task).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatTally, startLoad, type Outcome, type Tally } from '../support/swarm-load';
import { stackSubnet, SwarmStack } from '../support/swarm-stack';
import {
  APP_HOST,
  appService,
  junctionPorts,
  junctionService,
  junctionUp,
  routedTo,
  type JunctionPorts,
} from './services';

const ctx = inject('swarm');
const say = (line: string): void => console.log(line);

/** Requests per phase at most, and its time bound. */
const LOAD = { clients: 4, perClientPerSecond: 15, maxRequests: 6_000, maxMs: 90_000 };

describe.skipIf(!ctx.available)('swarm: scale and rolling updates under load', () => {
  let stack: SwarmStack;
  let ports: JunctionPorts;

  const deployAll = (replicas: number): void =>
    stack.deploy(
      { junction: junctionService(stack, ports, { global: true }), app: appService(replicas) },
      { 'junction.test': '1' },
    );

  beforeAll(async () => {
    stack = new SwarmStack(`js${ctx.run}a`, ctx.socketPath, stackSubnet(ctx.run, 1));
    ports = await junctionPorts();
    deployAll(3);
    await stack.converged('app', 3);
    await junctionUp(ports);
    await routedTo(
      ports.web,
      (await stack.ready('app')).map((t) => t.hostname),
    );
    say(`[swarm] stack ${stack.name}: Junction on 127.0.0.1:${ports.web} (API ${ports.api}), app ×3 routed`);
  });

  afterAll(async () => {
    if (stack === undefined) return;
    await stack.remove();
  });

  /** Runs `action` under load; stops the load once it is done and the swarm converged; prints the tally. */
  async function underLoad(
    label: string,
    action: () => Promise<readonly string[]>,
  ): Promise<{ tally: Tally; final: readonly string[]; outcomes: readonly Outcome[] }> {
    const load = startLoad({ port: ports.web, host: APP_HOST, ...LOAD });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const final = await action();
    // The new set routed exactly, while the load still runs.
    await routedTo(ports.web, final);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const tally = await load.stop();
    for (const line of formatTally(label, tally)) say(line);
    if (tally.failed > 0) say(stack.logs('junction', 40));
    return { tally, final, outcomes: load.outcomes() };
  }

  it('scales 3 → 6 → 2 with 0 failed requests', async () => {
    const before = (await stack.ready('app')).map((t) => t.hostname);
    const since = Date.now();
    const {
      tally: up,
      final: six,
      outcomes,
    } = await underLoad('scale 3 → 6', async () => {
      stack.scale('app', 6);
      return (await stack.converged('app', 6)).map((t) => t.hostname);
    });
    expect(up.failed, JSON.stringify([...up.byOutcome])).toBe(0);
    // The three first tasks and the new ones all served.
    expect(six).toHaveLength(6);
    for (const h of [...before, ...six]) expect(up.perBackend.has(h), `task ${h} served`).toBe(true);
    // A new task gets its first request only after its HEALTHCHECK passed (swarm keeps it
    // `starting` until then; Junction must not route to it).
    const healthy = await stack.firstHealthy(since);
    const tasks = (await stack.ready('app')).filter((t) => !before.includes(t.hostname));
    for (const task of tasks) {
      const healthyAt = healthy.get(task.containerId);
      const firstServed = Math.min(...outcomes.filter((o) => o.backend === task.hostname).map((o) => o.at));
      say(
        `[swarm]   new task ${task.hostname}: healthy at +${healthyAt === undefined ? '?' : healthyAt - since} ms, first request answered at +${firstServed - since} ms`,
      );
      expect(healthyAt, `a healthy event for ${task.hostname}`).toBeDefined();
      expect(firstServed).toBeGreaterThanOrEqual(healthyAt ?? Number.POSITIVE_INFINITY);
    }

    const { tally: down, final } = await underLoad('scale 6 → 2', async () => {
      stack.scale('app', 2);
      return (await stack.converged('app', 2)).map((t) => t.hostname);
    });
    expect(down.failed, JSON.stringify([...down.byOutcome])).toBe(0);
    expect(final).toHaveLength(2);
    expect(down.requests).toBeGreaterThan(50);
  });

  it('rolls an update (--force, then a new image) with 0 failed requests', async () => {
    const images = ctx.images;
    if (images === undefined) throw new Error('no images');
    const before = new Set((await stack.ready('app')).map((t) => t.hostname));
    const { tally: forced, final: afterForce } = await underLoad('update --force', async () => {
      stack.update('app', '--force');
      return (await stack.converged('app', 2)).map((t) => t.hostname);
    });
    expect(forced.failed, JSON.stringify([...forced.byOutcome])).toBe(0);
    // Every task was replaced.
    for (const h of afterForce) expect(before.has(h)).toBe(false);

    const { tally: imaged, final: afterImage } = await underLoad('update --image (app v2)', async () => {
      stack.update('app', '--image', images.appV2);
      return (await stack.converged('app', 2)).map((t) => t.hostname);
    });
    expect(imaged.failed, JSON.stringify([...imaged.byOutcome])).toBe(0);
    for (const h of afterImage) expect(afterForce.includes(h)).toBe(false);
    const spec = await stack.docker.getService(stack.service('app')).inspect();
    expect(spec.Spec.TaskTemplate.ContainerSpec.Image).toBe(images.appV2);
  });
});
