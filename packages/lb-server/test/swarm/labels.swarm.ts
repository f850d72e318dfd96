/**
 * Swarm suite: deploy labels as users write them, one Junction in front. A service with broken
 * deploy labels is reported by the API (a coded error naming the service and the label) while
 * the others serve under bounded load with 0 failed requests: one with Traefik v3 labels, one
 * with the lab-era v1 labels (`traefik.frontend.rule`, `traefik.port`), and one routed to its
 * virtual IP (`traefik.swarm.lbswarm=true`) — Junction reaches that VIP on the overlay; the host
 * only ever talks to Junction on 127.0.0.1.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatTally, getOnce, startLoad } from '../support/swarm-load';
import { stackSubnet, SwarmStack } from '../support/swarm-stack';
import {
  api,
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
const V1_HOST = 'v1.swarm.test';
const VIP_HOST = 'vip.swarm.test';
const BAD_HOST = 'bad.swarm.test';

/** Deploy labels of a service routed with v1 labels only. */
const V1_LABELS = { 'traefik.frontend.rule': `Host:${V1_HOST}`, 'traefik.port': '3000' };

/** Every `{ code, message }` object anywhere in a JSON document. */
function codedErrors(
  value: unknown,
  out: { code: string; message: string }[] = [],
): { code: string; message: string }[] {
  if (Array.isArray(value)) for (const v of value) codedErrors(v, out);
  else if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.code === 'string' && typeof o.message === 'string') out.push({ code: o.code, message: o.message });
    for (const v of Object.values(o)) codedErrors(v, out);
  }
  return out;
}

describe.skipIf(!ctx.available)('swarm: deploy labels, broken ones reported', () => {
  let stack: SwarmStack;
  let ports: JunctionPorts;

  beforeAll(async () => {
    stack = new SwarmStack(`js${ctx.run}c`, ctx.socketPath, stackSubnet(ctx.run, 3));
    ports = await junctionPorts();
    stack.deploy(
      {
        junction: junctionService(stack, ports, { global: true }),
        app: appService(2),
        v1: appService(1, V1_LABELS, { routeApp: false }),
        vip: appService(
          2,
          {
            'traefik.http.routers.vip.rule': `Host(\`${VIP_HOST}\`)`,
            'traefik.http.routers.vip.service': 'vip',
            'traefik.http.services.vip.loadbalancer.server.port': '3000',
            'traefik.swarm.lbswarm': 'true',
          },
          { routeApp: false },
        ),
        bad: appService(
          1,
          {
            'traefik.http.routers.bad.rule': `Host(\`${BAD_HOST}\``, // unbalanced: does not parse
            'traefik.http.routers.bad.service': 'bad',
            'traefik.http.services.bad.loadbalancer.server.port': '3000',
          },
          { routeApp: false },
        ),
      },
      { 'junction.test': '1' },
    );
    await Promise.all([
      stack.converged('app', 2),
      stack.converged('v1', 1),
      stack.converged('vip', 2),
      stack.converged('bad', 1),
    ]);
    await junctionUp(ports);
    await routedTo(
      ports.web,
      (await stack.ready('app')).map((t) => t.hostname),
    );
    // v1's task turns healthy as the stack converges; Junction applies that listing up to
    // `providersThrottleDuration` (2 s) later, and one CI run (2026-12-07) asked v1 before it did.
    await routedTo(
      ports.web,
      (await stack.ready('v1')).map((t) => t.hostname),
      60_000,
      V1_HOST,
    );
    say(
      `[swarm] stack ${stack.name}: Junction on 127.0.0.1:${ports.web} (API ${ports.api}); app, v1, vip and bad services`,
    );
  });

  afterAll(async () => {
    if (stack !== undefined) await stack.remove();
  });

  it('reports the broken service in the API while the others serve', async () => {
    const load = startLoad({
      port: ports.web,
      host: APP_HOST,
      clients: 2,
      perClientPerSecond: 10,
      maxRequests: 600,
      maxMs: 30_000,
    });
    const bad = stack.service('bad');
    let found: { code: string; message: string }[] = [];
    for (const deadline = Date.now() + 30_000; found.length === 0 && Date.now() < deadline;) {
      found = codedErrors(await api(ports, '/api/rawdata')).filter((e) => e.message.includes(bad));
      if (found.length === 0) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    say(`[swarm] API errors naming ${bad}: ${found.map((e) => `${e.code}: ${e.message}`).join(' | ')}`);
    expect(found.length, `an API error names ${bad}`).toBeGreaterThan(0);
    expect(
      found.some((e) => /^LB_[A-Z_]*LABEL/.test(e.code) && e.message.includes('traefik.http.routers.bad.rule')),
      'a label error naming the label',
    ).toBe(true);
    // No other service is blamed.
    const others = codedErrors(await api(ports, '/api/rawdata')).filter((e) =>
      ['_app', '_v1', '_vip', '_junction'].some((s) => e.message.includes(`${stack.name}${s}`)),
    );
    expect(others).toEqual([]);
    // The broken router is not routed; the others are.
    expect((await getOnce(ports.web, BAD_HOST)).status).toBe(404);
    const v1 = await getOnce(ports.web, V1_HOST);
    expect(v1.status).toBe(200);
    expect((await stack.ready('v1')).map((t) => t.hostname)).toContain(v1.backend);
    // lbswarm: one server, the service's virtual IP on the stack's network, as the engine gives it
    // (compared as text: the host never sends to an overlay address).
    const network = await stack.docker.getNetwork(stack.network).inspect();
    const service = await stack.docker.getService(stack.service('vip')).inspect();
    const vipAddress = (service.Endpoint?.VirtualIPs as { NetworkID: string; Addr: string }[] | undefined)
      ?.find((v) => v.NetworkID === network.Id)
      ?.Addr.split('/')[0];
    const view = (await api(ports, `/api/http/services/${encodeURIComponent('vip@swarm')}`)) as {
      loadBalancer?: { servers?: { url: string }[] };
    };
    expect(vipAddress).toBeDefined();
    expect(view.loadBalancer?.servers?.map((x) => x.url)).toEqual([`http://${vipAddress}:3000`]);
    if (existsSync('/proc/sys/net/ipv4/vs')) {
      const vipTasks = (await stack.ready('vip')).map((t) => t.hostname);
      for (let i = 0; i < 4; i++) {
        const vip = await getOnce(ports.web, VIP_HOST);
        expect(vip.status).toBe(200);
        expect(vipTasks).toContain(vip.backend);
      }
    } else {
      // A swarm VIP is IPVS in the container's namespace: without the ip_vs module nothing answers on it.
      say(
        `[swarm] lbswarm: Junction routes ${VIP_HOST} to the VIP ${vipAddress}; not requested here: this kernel has no IPVS (no /proc/sys/net/ipv4/vs)`,
      );
    }
    // Let the load run a while (it stops by itself at its bounds otherwise).
    for (const end = Date.now() + 25_000; load.count() < 200 && Date.now() < end;)
      await new Promise((r) => setTimeout(r, 250));
    const tally = await load.stop();
    for (const line of formatTally('app while the bad service is reported', tally)) say(line);
    expect(tally.failed, JSON.stringify([...tally.byOutcome])).toBe(0);
    expect(tally.perBackend.size).toBe(2);
  });
});
