/**
 * Active health checks for one service: the checker's interface, options and per-server status,
 * and {@link createActiveChecker}, which makes the probing checker (`probing-checker.ts`: Traefik
 * v3 `ServiceHealthChecker` with HAProxy-style `rise`/`fall` thresholds) unless a cluster worker
 * installed another factory ({@link setActiveCheckerFactory}).
 */
import type { Dispatcher } from 'undici';
import type { ActiveHealthConfig } from './active-config';
import type { HealthTarget } from './health-target';
import { createProbingChecker } from './probing-checker';

/** A server to probe: the id the balancer knows it by, and its URL. */
export interface CheckedServer {
  readonly id: string;
  readonly url: string;
}

/** Options of {@link createActiveChecker}. */
export interface ActiveCheckerOptions {
  /** The service checked (qualified name): lets a cluster worker share verdicts (`setActiveCheckerFactory`). */
  readonly service?: string;
  readonly servers: readonly CheckedServer[];
  /** Normalised options, see `normalizeHealthCheck`. */
  readonly config: ActiveHealthConfig;
  /** Receives every verdict (repeated verdicts included; targets must be idempotent). */
  readonly target: HealthTarget;
  /** undici dispatcher for probes (the service's transport); defaults to the global one. */
  readonly dispatcher?: Dispatcher;
  /** Called when a server changes state; `reason` is the probe detail (`status 500`, `ECONNREFUSED`…). */
  readonly onChange?: (id: string, up: boolean, reason: string, url: string) => void;
  /** Receives errors thrown by `target` or `onChange`; the checker keeps running either way. */
  readonly onError?: (error: unknown) => void;
  /** Wall clock for `lastCheck` (ms since epoch); defaults to `Date.now`. */
  readonly now?: () => number;
}

/** The state of one checked server, for the API and dashboard. */
export interface ActiveServerStatus {
  readonly id: string;
  readonly url: string;
  readonly up: boolean;
  /** When the last probe settled (ms since epoch), or undefined before the first one. */
  readonly lastCheck: number | undefined;
  /** The reason of the last failed probe, cleared by a successful one. */
  readonly lastError: string | undefined;
  /** Length of the current run of identical probe outcomes (successes if `lastError` is unset). */
  readonly consecutive: number;
}

/** A running active health checker for one service. */
export interface ActiveChecker {
  /** Starts probing (first probe of every server right away). Idempotent. */
  start(): void;
  /** Stops probing and aborts probes in flight; resolves once they have settled. */
  stop(): Promise<void>;
  /** Replaces the server list; servers with the same id and URL keep their state and timer. */
  update(servers: readonly CheckedServer[]): void;
  /** Per-server state. */
  status(): readonly ActiveServerStatus[];
}

/**
 * Creates the active health checker of one service. Call `start()` to begin probing and
 * `stop()` on shutdown or when the service goes away.
 *
 * @example
 * const checker = createActiveChecker({
 *   servers: [{ id: 'web-1', url: 'http://10.0.0.2:3000' }],
 *   config: normalizeHealthCheck({ path: '/health', interval: '10s' }),
 *   target: balancer,
 * });
 * checker.start();
 */
export function createActiveChecker(options: ActiveCheckerOptions): ActiveChecker {
  return factory === undefined ? createProbingChecker(options) : factory(options, createProbingChecker);
}

/** Makes the checkers of this process; `probing` makes one that probes. */
export type ActiveCheckerFactory = (
  options: ActiveCheckerOptions,
  probing: (options: ActiveCheckerOptions) => ActiveChecker,
) => ActiveChecker;

let factory: ActiveCheckerFactory | undefined;

/**
 * Cluster seam (`--workers`): one worker probes and publishes its verdicts, the others get
 * checkers that apply the published verdicts instead of probing (`src/cluster/health-sync.ts`).
 * Process-wide, as the process's role in the cluster is; `undefined` restores the default.
 */
export function setActiveCheckerFactory(next: ActiveCheckerFactory | undefined): void {
  factory = next;
}
