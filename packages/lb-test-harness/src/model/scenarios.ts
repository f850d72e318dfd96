/**
 * The scenarios, as one table. Servers are named `s1`, `s2`…; delays and failure rates are the
 * faults jokes-api injects (and the simulation models). Events happen at a fraction of the run
 * (by requests or by time, whichever budget runs out first), so the same table drives a
 * simulated run of 3,000 requests and a real one of 600.
 */
import type { ScenarioId, ScenarioSpec, ServerPlan } from './types';

/** A server with the given name and weight and no injected fault. */
export function server(name: string, weight = 1, delayMs = 0, failRate = 0): ServerPlan {
  return { name, weight, delayMs, failRate };
}

/** Every scenario, in report order. */
export const SCENARIOS: readonly ScenarioSpec[] = Object.freeze([
  {
    id: 'equal',
    title: 'Equal servers',
    description: 'Three identical servers: every strategy should give each a third.',
    servers: [server('s1'), server('s2'), server('s3')],
    added: [],
    events: [],
    sessionShare: 0.5,
  },
  {
    id: 'weighted',
    title: 'Weights 5, 1, 1',
    description: 'Weights ask for 71 %, 14 %, 14 %; strategies that ignore weights show it.',
    servers: [server('s1', 5), server('s2'), server('s3')],
    added: [],
    events: [],
    sessionShare: 0.5,
  },
  {
    id: 'slow',
    title: 'One slow server',
    description: 's3 answers 40 ms later than the others: load-aware strategies send it less.',
    servers: [server('s1'), server('s2'), server('s3', 1, 40)],
    added: [],
    events: [],
    sessionShare: 0.5,
  },
  {
    id: 'kill',
    title: 'Server killed and restarted',
    description: 's2 is killed (SIGKILL) at 30 % of the run and restarted at 60 %.',
    servers: [server('s1'), server('s2'), server('s3')],
    added: [],
    events: [
      { at: 0.3, kind: 'kill', server: 's2' },
      { at: 0.6, kind: 'restart', server: 's2' },
    ],
    sessionShare: 0.5,
  },
  {
    id: 'scale-up',
    title: 'Scale-up mid-run',
    description: 'Two servers, then s3 starts and joins the configuration at 40 % of the run.',
    servers: [server('s1'), server('s2')],
    added: [server('s3')],
    events: [{ at: 0.4, kind: 'add', server: 's3' }],
    sessionShare: 0.5,
  },
  {
    id: 'sessions',
    title: 'Stateful sessions',
    description: 'Every client keeps cookies and the backend counts its requests in memory: lost state shows.',
    servers: [server('s1'), server('s2'), server('s3')],
    added: [],
    events: [],
    sessionShare: 1,
  },
] satisfies ScenarioSpec[]);

/** The spec of a scenario id, or `undefined` for an unknown one. */
export function findScenario(id: string): ScenarioSpec | undefined {
  return SCENARIOS.find((s) => s.id === id);
}

/** Every server a scenario may run: the initial ones, then the added ones. */
export function allServers(scenario: ScenarioSpec): readonly ServerPlan[] {
  return [...scenario.servers, ...scenario.added];
}

/** The ids of scenarios that need no control over the backends (usable against `--target`). */
export const TRAFFIC_ONLY_SCENARIOS: readonly ScenarioId[] = Object.freeze(['equal', 'sessions']);

/** Per-server fault overrides given on the command line (`--delay s3=100`, `--fail-rate s2=0.1`). */
export interface FaultOverrides {
  readonly delayMs?: Readonly<Record<string, number>>;
  readonly failRate?: Readonly<Record<string, number>>;
}

/** The scenario with the overrides applied to the servers they name (others unchanged). */
export function withFaults(scenario: ScenarioSpec, overrides: FaultOverrides): ScenarioSpec {
  const apply = (s: ServerPlan): ServerPlan => ({
    ...s,
    delayMs: overrides.delayMs?.[s.name] ?? s.delayMs,
    failRate: overrides.failRate?.[s.name] ?? s.failRate,
  });
  return { ...scenario, servers: scenario.servers.map(apply), added: scenario.added.map(apply) };
}

/**
 * The scenario with `count` initial servers instead of its own: extra servers are plain
 * (`weight 1`, no fault) and named on; missing ones are dropped with their events; servers that
 * join mid-run are renamed to follow the initial ones (`s3` joins two servers, `s4` three).
 */
export function withServerCount(scenario: ScenarioSpec, count: number): ScenarioSpec {
  const n = Math.max(1, Math.floor(count));
  const servers = Array.from({ length: n }, (_, i) => scenario.servers[i] ?? server(`s${i + 1}`));
  const renamed = new Map(scenario.added.map((s, i) => [s.name, `s${n + i + 1}`]));
  const added = scenario.added.map((s) => ({ ...s, name: renamed.get(s.name) as string }));
  const known = new Set([...servers, ...added].map((s) => s.name));
  const events = scenario.events
    .map((e) => ({ ...e, server: renamed.get(e.server) ?? e.server }))
    .filter((e) => known.has(e.server));
  return { ...scenario, servers, added, events };
}
