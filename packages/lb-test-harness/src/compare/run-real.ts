/**
 * The real-traffic comparison: starts Junction and jokes-api processes on loopback, and for
 * every scenario × strategy rewrites Junction's file-provider YAML (a fresh service per run, so
 * balancer state starts clean), waits until it is applied, drives bounded load from simulated
 * clients, and carries out the scenario's events on real processes: SIGKILL by PID, restart on
 * the same port, start-and-add to the YAML for a scale-up.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeMetrics } from '../metrics/run-metrics';
import { allServers } from '../model/scenarios';
import { buildTimeline } from '../model/schedule';
import type { ComparisonResult, RunResult, ScenarioEvent, ScenarioSpec, StrategySpec } from '../model/types';
import { startJunction } from '../procs/junction';
import type { EntryPreference } from '../procs/node-entry';
import { freePorts } from '../procs/ports';
import { HttpClient, clientAddress } from './client';
import { driveLoad } from './drive';
import { DEFAULT_HEALTH, type HealthSettings } from './dynamic-yaml';
import { BackendFleet } from './fleet';
import { NO_PROGRESS, type Progress } from './progress';
import { applyConfig, writeAtomically } from './reload';

/** Options of {@link runRealComparison}. */
export interface RealCompareOptions {
  readonly root: string;
  readonly scenarios: readonly ScenarioSpec[];
  readonly strategies: readonly StrategySpec[];
  /** Request budget per run. */
  readonly maxRequests: number;
  /** Time budget per run, seconds. */
  readonly maxSeconds: number;
  readonly clients: number;
  /** Aggregate pace, requests per second (0: unpaced). */
  readonly rate: number;
  /** Unrecorded requests before each run (warms Junction's JIT and connection pools). */
  readonly warmup: number;
  /** Give each client its own 127.x source address. */
  readonly distinctIps: boolean;
  readonly prefer?: EntryPreference;
  readonly health?: HealthSettings;
  readonly progress?: Progress;
}

/** Runs the whole comparison against a Junction it starts. */
export async function runRealComparison(o: RealCompareOptions): Promise<ComparisonResult> {
  const progress = o.progress ?? NO_PROGRESS;
  const dir = await mkdtemp(join(tmpdir(), 'lb-harness-'));
  const file = join(dir, 'dynamic.yml');
  await writeAtomically(file, 'http:\n  routers: {}\n  services: {}\n');
  const [webPort = 0, adminPort = 0] = await freePorts(2);
  const junction = await startJunction({ root: o.root, dynamicFile: file, webPort, adminPort, prefer: o.prefer });
  const runs: RunResult[] = [];
  let generation = 0;
  const total = o.scenarios.length * o.strategies.length;
  progress.start(total * o.maxRequests);
  try {
    for (const scenario of o.scenarios) {
      const fleet = new BackendFleet(o.root, allServers(scenario), o.prefer);
      try {
        for (const strategy of o.strategies) {
          progress.run(`${scenario.id} × ${strategy.label}`, runs.length * o.maxRequests);
          const service = `run${runs.length + 1}`;
          const initial = scenario.servers.map((s) => s.name);
          await fleet.ensure(initial);
          const configured = [...scenario.servers];
          const config = (): Parameters<typeof applyConfig>[1] => ({
            generation,
            service,
            strategy,
            servers: configured.map((s) => ({ url: fleet.url(s.name) as string, weight: s.weight })),
            health: o.health ?? DEFAULT_HEALTH,
          });
          generation++;
          await applyConfig(file, config(), junction.adminUrl);
          const onEvent = async (event: ScenarioEvent): Promise<void> => {
            if (event.kind === 'kill') await fleet.kill(event.server);
            else if (event.kind === 'restart') await fleet.start(event.server);
            else {
              const plan = scenario.added.find((s) => s.name === event.server);
              if (plan === undefined) return;
              await fleet.start(plan.name);
              configured.push(plan);
              generation++;
              await applyConfig(file, config());
            }
          };
          await warmUp(junction.webUrl, o.warmup);
          const clients = makeClients(o, junction.webUrl, scenario.sessionShare);
          const driven = await driveLoad({
            clients,
            maxRequests: o.maxRequests,
            maxMs: o.maxSeconds * 1000,
            ratePerSecond: o.rate,
            nameOf: (id) => fleet.nameOf(id) ?? id.slice(0, 8),
            events: scenario.events,
            onEvent,
            onRecord: () => progress.tick(),
          });
          await Promise.all(clients.map((c) => c.close()));
          const timeline = buildTimeline(scenario, driven.fired);
          runs.push({
            scenario: scenario.id,
            strategy: strategy.id,
            durationMs: driven.elapsedMs,
            timeline,
            metrics: computeMetrics(driven.records, timeline),
            records: driven.records,
          });
        }
      } finally {
        await fleet.stopAll();
      }
    }
  } finally {
    progress.stop();
    await junction.child.stop('SIGTERM', 3000);
    await rm(dir, { recursive: true, force: true });
  }
  return {
    mode: 'real',
    createdAt: new Date().toISOString(),
    settings: {
      junction: `lb-server ${junction.from}`,
      requestsPerRun: o.maxRequests,
      secondsPerRun: o.maxSeconds,
      clients: o.clients,
      ratePerSecond: o.rate === 0 ? 'unpaced' : o.rate,
      warmupRequests: o.warmup,
      distinctClientIps: o.distinctIps,
      healthCheckIntervalMs: (o.health ?? DEFAULT_HEALTH).intervalMs,
      node: process.version,
      cpus: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown'}`,
    },
    scenarios: o.scenarios,
    strategies: o.strategies,
    runs,
  };
}

/** Sends `count` unrecorded requests from a few cookie-less clients. */
export async function warmUp(baseUrl: string, count: number): Promise<void> {
  if (count <= 0) return;
  const clients = makeClients({ clients: 4, distinctIps: false }, baseUrl, 0);
  await driveLoad({ clients, maxRequests: count, maxMs: 10_000, nameOf: (id) => id });
  await Promise.all(clients.map((c) => c.close()));
}

/** The clients of a run: the first `sessionShare` of them keep cookies. */
export function makeClients(
  o: Pick<RealCompareOptions, 'clients' | 'distinctIps'> & { readonly path?: string; readonly host?: string },
  baseUrl: string,
  sessionShare: number,
): HttpClient[] {
  const sessions = Math.round(sessionShare * o.clients);
  return Array.from(
    { length: o.clients },
    (_, id) =>
      new HttpClient({
        id,
        session: id < sessions,
        baseUrl,
        path: o.path ?? '/session',
        ...(o.host === undefined ? {} : { host: o.host }),
        ...(o.distinctIps ? { localAddress: clientAddress(id) } : {}),
      }),
  );
}
