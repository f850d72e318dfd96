/**
 * Deterministic discrete-event simulation of one scenario under one strategy, in process with
 * lb-core's balancers and virtual time. Requests arrive at a fixed rate from randomly chosen
 * clients (session clients keep cookies); a server holds each request for its latency, so
 * in-flight counts — what P2C and least-connections look at — build up on a slow server.
 *
 * Health is modelled like Junction's: a request to a dead server fails at once and marks it
 * down (passive check); an active check every `healthIntervalMs` sets each server's health to
 * whether it is alive (first check half a period in, so checks do not coincide with
 * events at round fractions of the run), which is how a restarted server comes back. A killed server forgets its
 * sessions; requests in flight on it when it dies still complete (a simplification).
 */
import type { PickContext } from '@junction/lb-core';
import { computeMetrics } from '../metrics/run-metrics';
import { CookieJar } from '../model/cookie-jar';
import { allServers } from '../model/scenarios';
import { buildTimeline } from '../model/schedule';
import type { RequestRecord, RunResult, ScenarioEvent, ScenarioSpec, ServerPlan, StrategySpec } from '../model/types';
import { buildBalancer, toServerSpec } from './balancer';
import { EventQueue } from './event-queue';
import { seededRandom } from './random';

/** Settings of a simulated run; every field has a default. */
export interface SimOptions {
  /** Requests in the run. Default 3000. */
  readonly requests?: number;
  /** Arrival rate in requests per virtual second. Default 600. */
  readonly rps?: number;
  /** Simulated clients. Default 30. */
  readonly clients?: number;
  /** Latency of a fault-free server: `base × (0.5 + random)` ms. Default 4. */
  readonly baseLatencyMs?: number;
  /** Active health check period, virtual ms; the first check runs half a period in. Default 250. */
  readonly healthIntervalMs?: number;
  /** The random source (client choice, latency jitter, failures, P2C). Default seed 1. */
  readonly random?: () => number;
}

type Action =
  | { readonly kind: 'done'; readonly server: string }
  | { readonly kind: 'event'; readonly event: ScenarioEvent }
  | { readonly kind: 'health' };

/** Runs `scenario` under `strategy` and measures it. */
export function simulateRun(scenario: ScenarioSpec, strategy: StrategySpec, options: SimOptions = {}): RunResult {
  const requests = options.requests ?? 3000;
  const interval = 1000 / (options.rps ?? 600);
  const clients = Math.max(1, options.clients ?? 30);
  const base = options.baseLatencyMs ?? 4;
  const healthEvery = options.healthIntervalMs ?? 250;
  const random = options.random ?? seededRandom(1);
  const durationMs = requests * interval;
  const sessionClients = Math.round(scenario.sessionShare * clients);

  const plans = new Map(allServers(scenario).map((p) => [p.name, p]));
  const alive = new Map(scenario.servers.map((p) => [p.name, true]));
  let configured: ServerPlan[] = [...scenario.servers];
  const lb = buildBalancer(strategy, configured, random);
  const jars = Array.from({ length: clients }, () => new CookieJar());
  const memory = new Map<string, Map<number, number>>();
  const sessionTotals = new Map<number, number>();
  const fired: { event: ScenarioEvent; t: number }[] = [];
  const records: RequestRecord[] = [];

  const agenda = new EventQueue<Action>();
  for (const event of scenario.events) agenda.push(event.at * durationMs, { kind: 'event', event });
  agenda.push(healthEvery / 2, { kind: 'health' });

  const act = (time: number, action: Action): void => {
    if (action.kind === 'done') lb.balancer.end(action.server);
    else if (action.kind === 'health') {
      for (const p of configured) lb.balancer.setHealthy(p.name, alive.get(p.name) === true);
      if (time + healthEvery < durationMs) agenda.push(time + healthEvery, { kind: 'health' });
    } else {
      const { event } = action;
      fired.push({ event, t: time });
      if (event.kind === 'kill') {
        alive.set(event.server, false);
        memory.delete(event.server);
      } else if (event.kind === 'restart') alive.set(event.server, true);
      else {
        const plan = plans.get(event.server);
        if (plan !== undefined && !configured.includes(plan)) {
          alive.set(plan.name, true);
          configured = [...configured, plan];
          lb.balancer.update(configured.map(toServerSpec));
        }
      }
    }
  };

  for (let n = 0; n < requests; n++) {
    const t = n * interval;
    for (let next = agenda.peekTime(); next !== undefined && next <= t; next = agenda.peekTime()) {
      const item = agenda.pop() as { time: number; value: Action };
      act(item.time, item.value);
    }
    const client = Math.min(clients - 1, Math.floor(random() * clients));
    const session = client < sessionClients;
    const jar = jars[client] as CookieJar;
    const ctx: PickContext = {
      cookie: (name) => (session ? jar.get(name) : undefined),
      clientIp: `10.0.${client >> 8}.${client & 255}`,
    };
    const picked = lb.pick(ctx);
    if (picked === undefined) {
      records.push({ t, client, session, ok: false, latencyMs: 0 });
      continue;
    }
    if (session && picked.setCookie !== undefined) jar.set(picked.setCookie);
    const name = picked.server;
    if (alive.get(name) !== true) {
      lb.balancer.setHealthy(name, false);
      records.push({ t, client, session, ok: false, latencyMs: 1 });
      continue;
    }
    const plan = plans.get(name) as ServerPlan;
    const latencyMs = plan.delayMs + base * (0.5 + random());
    lb.balancer.begin(name);
    agenda.push(t + latencyMs, { kind: 'done', server: name });
    if (plan.failRate > 0 && random() < plan.failRate) {
      records.push({ t, client, session, server: name, ok: false, latencyMs });
      continue;
    }
    let stateLost: boolean | undefined;
    if (session) {
      const total = (sessionTotals.get(client) ?? 0) + 1;
      sessionTotals.set(client, total);
      const counts = memory.get(name) ?? new Map<number, number>();
      memory.set(name, counts);
      const count = (counts.get(client) ?? 0) + 1;
      counts.set(client, count);
      stateLost = count !== total;
    }
    records.push({
      t,
      client,
      session,
      server: name,
      ok: true,
      latencyMs,
      ...(stateLost === undefined ? {} : { stateLost }),
    });
  }
  const timeline = buildTimeline(scenario, fired);
  return {
    scenario: scenario.id,
    strategy: strategy.id,
    durationMs,
    timeline,
    metrics: computeMetrics(records, timeline),
    records,
  };
}
