/**
 * The settings and logger of the providers that watch a Docker engine (Docker and Swarm), beside
 * their shared lifecycle (`engine-provider.ts`).
 */
import type { DrainEvent } from '../provider';
import type { Backoff } from './event-stream';

/** The slice of a pino logger the providers use. */
export interface DockerLogger {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

/** A logger that drops everything (the default). */
export const silentDockerLogger: DockerLogger = { warn() {}, info() {}, debug() {} };

/**
 * What every provider that watches a Docker engine takes besides its client and translation
 * options: timing of listings and reconnections, drain timing, and its sinks.
 */
export interface EngineWatchSettings {
  /** Shown in `status()`. */
  readonly endpoint: string;
  /** Provider name (default: the provider's own, `docker` or `swarm`). */
  readonly name?: string;
  /** Minimum time between two listings. Default 100 ms. */
  readonly throttleMs?: number;
  /** Reconnection backoff. Default 200 ms doubling up to 5 s. */
  readonly backoff?: Backoff;
  /** Timeout of each list call (`httpClientTimeout`); 0 or absent: none. Never applies to events. */
  readonly requestTimeoutMs?: number;
  /**
   * A second listing this long after the last event. dockerd logs an event before it writes the
   * container's new state to the view `GET /containers/json` reads (moby `handleContainerExit`,
   * `handleProbeResult`), so the listing right after an event can be stale. Default 150 ms.
   */
  readonly settleMs?: number;
  /** A container still running this long after its `kill` stops draining (the signal did not stop it). Default 60 s. */
  readonly drainTimeoutMs?: number;
  readonly onDrain?: (event: DrainEvent) => void;
  /** URLs of the servers of running, not draining containers, after each snapshot. */
  readonly onLive?: (urls: readonly string[]) => void;
  readonly logger?: DockerLogger;
  readonly now?: () => number;
}
