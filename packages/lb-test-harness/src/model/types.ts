/**
 * The vocabulary shared by the simulation and the real-traffic comparison: which strategies and
 * scenarios exist, what one request looked like, and how the set of servers in rotation changed
 * over a run. Both produce {@link RunResult}s, so the same metrics and reports serve both.
 */
import type { StrategyName } from '@junction/lb-core';

/**
 * Ids of the strategies compared (sticky is round-robin decorated with a cookie;
 * `as-configured` is whatever an already running stack uses, with `--target`).
 */
export type StrategyId =
  'round-robin' | 'weighted' | 'sticky' | 'p2c' | 'consistent-hash' | 'least-connections' | 'as-configured';

/** A strategy as configured in Junction's `loadBalancer` block. */
export interface StrategySpec {
  readonly id: StrategyId;
  /** Human label for tables. */
  readonly label: string;
  /** The lb-core strategy behind it; absent for a stack whose configuration the harness does not own. */
  readonly strategy?: StrategyName;
  /** Whether a sticky cookie decorates it. */
  readonly sticky: boolean;
}

/** Ids of the scenarios. */
export type ScenarioId = 'equal' | 'weighted' | 'slow' | 'kill' | 'scale-up' | 'sessions';

/** One backend of a scenario: its name, weight and injected faults. */
export interface ServerPlan {
  readonly name: string;
  readonly weight: number;
  /** Added latency per request, in milliseconds (jokes-api `JOKES_DELAY_MS`). */
  readonly delayMs: number;
  /** Probability 0..1 that a request answers 500 (jokes-api `JOKES_FAIL_RATE`). */
  readonly failRate: number;
}

/** Something that happens to a backend mid-run, at a fraction `at` (0..1) of the run. */
export interface ScenarioEvent {
  readonly at: number;
  readonly kind: 'kill' | 'restart' | 'add';
  /** The server concerned; for `add`, a server of the scenario's `added` list. */
  readonly server: string;
}

/** A scenario: the servers at the start, the servers that may join, events and the client mix. */
export interface ScenarioSpec {
  readonly id: ScenarioId;
  readonly title: string;
  /** What the scenario shows, one sentence. */
  readonly description: string;
  readonly servers: readonly ServerPlan[];
  /** Servers started and added to the configuration by `add` events. */
  readonly added: readonly ServerPlan[];
  /** Events, sorted by `at`. */
  readonly events: readonly ScenarioEvent[];
  /** Fraction 0..1 of clients that keep cookies (sessions). */
  readonly sessionShare: number;
}

/** One request as observed by a client. */
export interface RequestRecord {
  /** When it was sent, in milliseconds since the run started. */
  readonly t: number;
  /** The simulated client that sent it. */
  readonly client: number;
  /** Whether that client keeps cookies (has a session). */
  readonly session: boolean;
  /** The server that answered; absent when nothing answered (connection refused, no server). */
  readonly server?: string;
  /** A 2xx answer. */
  readonly ok: boolean;
  readonly latencyMs: number;
  /**
   * A session request answered by a server that did not know the session's whole history
   * (its per-session counter was not the session's request count).
   */
  readonly stateLost?: boolean;
}

/** From `t` on, these servers (name → weight) are in the configuration and alive. */
export interface TimelineEntry {
  readonly t: number;
  /** What changed: `start`, `kill s2`, `restart s2`, `add s4`. */
  readonly label: string;
  readonly weights: Readonly<Record<string, number>>;
}

/** Time to rebalance after one change. */
export interface RebalanceRow {
  readonly label: string;
  readonly t: number;
  /** Milliseconds until traffic matched the new expectation; `null` when it never did within the run. */
  readonly ms: number | null;
}

/** Latency percentiles, in milliseconds. */
export interface LatencySummary {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** The metrics of one run (one scenario under one strategy). */
export interface RunMetrics {
  readonly requests: number;
  readonly failed: number;
  readonly shares: readonly { id: string; count: number; share: number; expected: number }[];
  /** Largest |observed − expected| share, in percentage points. */
  readonly maxDeviation: number;
  readonly longestRun: { readonly id: string | null; readonly length: number };
  /** Share of consecutive requests of a session that reached the same server; `null` without sessions. */
  readonly stickiness: number | null;
  readonly sessions: number;
  /** Sessions whose state was lost at least once. */
  readonly sessionsLost: number;
  readonly latency: LatencySummary;
  readonly rebalance: readonly RebalanceRow[];
}

/** One scenario run under one strategy: what happened and what it measured. */
export interface RunResult {
  readonly scenario: ScenarioId;
  readonly strategy: StrategyId;
  /** Wall-clock (real) or virtual (simulated) duration, in milliseconds. */
  readonly durationMs: number;
  readonly timeline: readonly TimelineEntry[];
  readonly metrics: RunMetrics;
  /** The request records, kept for charts (may be thinned out). */
  readonly records: readonly RequestRecord[];
}

/** A whole comparison: how it was made and every run. */
export interface ComparisonResult {
  /** `simulation` (in-process, virtual time) or `real` (HTTP through Junction). */
  readonly mode: 'simulation' | 'real';
  readonly createdAt: string;
  /** Free-form facts about the run (machine, budgets, seed, target). */
  readonly settings: Readonly<Record<string, string | number | boolean>>;
  readonly scenarios: readonly ScenarioSpec[];
  readonly strategies: readonly StrategySpec[];
  readonly runs: readonly RunResult[];
}
