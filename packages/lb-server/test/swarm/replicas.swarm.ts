/**
 * Swarm suite: two Junctions that behave as one. On a one-node swarm global mode gives one
 * replica, so the stack runs Junction twice — `junction-a` in global mode on managers and
 * `junction-b` as one more replica — each on its own host-mode ports, both in front of the sticky
 * test app on the overlay network. They share no state:
 *   - a sticky cookie issued by one is honoured by the other (its value derives from the
 *     server's identity only), also by a replacement of the first;
 *   - when A's task is killed (SIGKILL), B's clients, under bounded load, see no failure, and the
 *     swarm brings A back.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatTally, getOnce, startLoad } from '../support/swarm-load';
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

describe.skipIf(!ctx.available)('swarm: two Junction replicas behave as one', () => {
  let stack: SwarmStack;
  let a: JunctionPorts;
  let b: JunctionPorts;
  let backends: string[] = [];

  beforeAll(async () => {
    stack = new SwarmStack(`js${ctx.run}b`, ctx.socketPath, stackSubnet(ctx.run, 2));
    a = await junctionPorts();
    b = await junctionPorts();
    while (b.web === a.api || b.api === a.web) b = await junctionPorts();
    stack.deploy(
      {
        'junction-a': junctionService(stack, a, { global: true }),
        'junction-b': junctionService(stack, b, { global: false }),
        app: appService(3, {
          'traefik.http.services.app.loadbalancer.sticky.cookie': 'true',
          'traefik.http.services.app.loadbalancer.sticky.cookie.name': 'swarm_sticky',
        }),
      },
      { 'junction.test': '1' },
    );
    backends = (await stack.converged('app', 3)).map((t) => t.hostname);
    await Promise.all([junctionUp(a), junctionUp(b)]);
    await Promise.all([routedTo(a.web, backends), routedTo(b.web, backends)]);
    say(`[swarm] stack ${stack.name}: Junction A on 127.0.0.1:${a.web}, B on 127.0.0.1:${b.web}, app ×3 sticky`);
  });

  afterAll(async () => {
    if (stack !== undefined) await stack.remove();
  });

  /** Pins a new sticky client on `first` and returns its cookie and server. */
  async function pin(first: JunctionPorts): Promise<{ cookie: string; backend: string }> {
    const answer = await getOnce(first.web, APP_HOST);
    expect(answer.status).toBe(200);
    expect(answer.setCookie, 'a sticky cookie on the first answer').toMatch(/^swarm_sticky=/);
    return { cookie: answer.setCookie ?? '', backend: answer.backend ?? '' };
  }

  it('a sticky client moved between the two Junctions keeps its server', async () => {
    const clients = await Promise.all(Array.from({ length: 9 }, (_, i) => pin(i % 2 === 0 ? a : b)));
    // Nine clients over three servers: more than one server is pinned (else the test proves little).
    expect(new Set(clients.map((c) => c.backend)).size).toBeGreaterThan(1);
    let moved = 0;
    for (const client of clients) {
      for (let round = 0; round < 6; round++) {
        const via = round % 2 === 0 ? b : a;
        const answer = await getOnce(via.web, APP_HOST, { cookie: client.cookie });
        expect(answer.status).toBe(200);
        expect(answer.backend, `cookie ${client.cookie} through ${via === a ? 'A' : 'B'}`).toBe(client.backend);
        expect(answer.setCookie, 'no new cookie for a client whose server is there').toBeUndefined();
        moved++;
      }
    }
    say(
      `[swarm] sticky: ${clients.length} clients pinned on ${new Set(clients.map((c) => c.backend)).size} servers, ${moved} requests alternating A/B all kept their server`,
    );
  });

  it("kills Junction A's task: B's clients see no failure, and A's replacement honours the cookies", async () => {
    const sticky = await pin(a);
    // Its task running and healthy (swarm keeps it `starting` until the image's HEALTHCHECK passes).
    const [taskA] = await stack.converged('junction-a', 1);
    if (taskA === undefined) throw new Error('no task of junction-a');
    const loadB = startLoad({
      port: b.web,
      host: APP_HOST,
      clients: 4,
      perClientPerSecond: 15,
      maxRequests: 4_000,
      maxMs: 60_000,
    });
    const loadA = startLoad({
      port: a.web,
      host: APP_HOST,
      clients: 2,
      perClientPerSecond: 10,
      maxRequests: 2_000,
      maxMs: 60_000,
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await stack.docker.getContainer(taskA.containerId).kill();
    say(`[swarm] killed Junction A's task ${taskA.id} (container ${taskA.hostname})`);
    // The swarm starts a new task of A; B's clients keep going meanwhile.
    let newA = taskA;
    for (const deadline = Date.now() + 120_000; newA.id === taskA.id && Date.now() < deadline;) {
      [newA = taskA] = await stack.converged('junction-a', 1);
      if (newA.id === taskA.id) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await junctionUp(a);
    await routedTo(a.web, backends);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const [tallyB, tallyA] = await Promise.all([loadB.stop(), loadA.stop()]);
    for (const line of formatTally("B's clients while A is killed and replaced", tallyB)) say(line);
    for (const line of formatTally("A's clients (failures expected while A is down)", tallyA)) say(line);
    expect(newA.id, 'the swarm replaced the killed task').not.toBe(taskA.id);
    expect(tallyB.failed, JSON.stringify([...tallyB.byOutcome])).toBe(0);
    expect(tallyB.requests).toBeGreaterThan(100);
    expect(tallyA.failed, 'A was really down for its own clients').toBeGreaterThan(0);
    // A cookie issued by the killed replica, honoured by its replacement and by B.
    for (const via of [a, b]) {
      const answer = await getOnce(via.web, APP_HOST, { cookie: sticky.cookie });
      expect(answer.backend).toBe(sticky.backend);
    }
  });
});
