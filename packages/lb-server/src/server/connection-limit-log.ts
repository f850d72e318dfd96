/**
 * The connection guard's counters of closed connections and its limit log line: at most one line
 * per interval per entry point, saying what happened since the last one (as HAProxy's "reached the
 * maxconn limit"): an error when new connections were refused, a warning when idle ones were only
 * shed. Called only when a bound is hit, never per request.
 */
import type { ConnectionLimits } from './connection-guard';

/** How often the limit warning may be logged. */
export const DEFAULT_LIMIT_LOG_INTERVAL_MS = 10_000;

/**
 * Where the limit line goes: `error` when connections were refused (nginx logs its
 * `worker_connections are not enough` as an alert), `warn` when idle ones were only shed.
 */
export interface LimitLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** What the guard counts: new connections refused at either bound, idle ones shed. */
export type LimitCounter = 'refused' | 'refusedPerIP' | 'shed';

/** Counts closed connections and logs them, throttled (see module comment). */
export class LimitLog {
  /** Counters since the guard started. */
  readonly total: Record<LimitCounter, number> = { refused: 0, refusedPerIP: 0, shed: 0 };
  #sinceLog: Record<LimitCounter, number> = { refused: 0, refusedPerIP: 0, shed: 0 };
  #lastLog = Number.NEGATIVE_INFINITY;
  #trailing: NodeJS.Timeout | undefined;

  /** `open`: the connections open now, for the log line. */
  constructor(
    private readonly entryPoint: string,
    private readonly limits: ConnectionLimits,
    private readonly logger: LimitLogger | undefined,
    private readonly logIntervalMs: number,
    private readonly open: () => number,
  ) {}

  /** Counts one closed connection; logs now, or once the interval since the last line has passed. */
  count(what: LimitCounter): void {
    this.total[what] += 1;
    this.#sinceLog[what] += 1;
    if (this.logger === undefined || this.#trailing !== undefined) return;
    const wait = this.#lastLog + this.logIntervalMs - Date.now();
    if (wait <= 0) this.#log();
    else this.#trailing = setTimeout(() => this.#log(), wait).unref();
  }

  /** The server closed: no pending line is written, and none later. */
  stop(): void {
    clearTimeout(this.#trailing);
  }

  #log(): void {
    this.#trailing = undefined;
    this.#lastLog = Date.now();
    const since = this.#sinceLog;
    this.#sinceLog = { refused: 0, refusedPerIP: 0, shed: 0 };
    const { maxConnections, maxConnectionsPerIP } = this.limits;
    const option = (name: string): string => `--entryPoints.${this.entryPoint}.transport.${name}`;
    const what = [
      since.refused > 0
        ? `${since.refused} new connection(s) closed at ${option('maxConnections')}=${maxConnections}`
        : '',
      since.shed > 0
        ? `${since.shed} idle connection(s) closed to make room at ${option('maxConnections')}=${maxConnections}`
        : '',
      since.refusedPerIP > 0
        ? `${since.refusedPerIP} new connection(s) closed at ${option('maxConnectionsPerIP')}=${maxConnectionsPerIP}`
        : '',
    ]
      .filter((part) => part !== '')
      .join('; ');
    const refused = since.refused > 0 || since.refusedPerIP > 0;
    this.logger?.[refused ? 'error' : 'warn'](
      {
        entryPoint: this.entryPoint,
        maxConnections,
        maxConnectionsPerIP,
        open: this.open(),
        ...since,
        intervalMs: this.logIntervalMs,
      },
      `entry point ${this.entryPoint} reached its connection limit: ${what} (since the last such line; at most one per ${this.logIntervalMs / 1000} s)`,
    );
  }
}
