/**
 * The Docker provider's I/O loop (traefik `pkg/provider/docker/pdocker.go`): list running
 * containers, translate them with the pure {@link containersToConfig}, emit the whole snapshot;
 * then, level-triggered, list again on every container event (throttled, leading and trailing
 * edge). One `GET /containers/json` per listing: health comes from its `Status` text, so there
 * is no inspect per container.
 *
 * - Drain on stop: `docker stop` sends `kill` before `die`. On a terminating `kill` the container's
 *   servers are re-emitted at once with `draining: true` from the cached listing (no API call), and
 *   `onDrain` reports them (ids and URLs) so the runtime can stop new requests, and refuse new
 *   connections to them, before the next snapshot lands. A `die` without a `kill` before it (the
 *   process crashed or exited) drains the same way, with reason `exited`, and so does a `pause`
 *   (reason `paused`; `unpause` lifts it).
 * - `onLive` gets, with every snapshot, the URLs of the servers of running containers that are
 *   not draining: where connections may be made again (a restarted container, a reused address).
 * - Engine loss: when the event stream breaks, the last snapshot stays (nothing is emitted, so
 *   routes are never flushed because dockerd went away); the stream is re-subscribed with capped
 *   exponential backoff, and the containers are listed again once it is back.
 */
import type { DynamicConfig } from '@junction/lb-core';
import type { EmitConfig, Provider, ProviderFailure, ProviderStatus } from '../provider';
import { fromListEntry, type DockerContainer } from './container';
import { containersToConfig, type DockerTranslateOptions } from './containers-to-config';
import { dockerError } from './errors';
import { watchEvents, type Backoff, type DockerEvent } from './event-stream';
import type { DockerClient } from './endpoint';
import { isTerminatingKill } from './signals';
import { throttle, type Throttled } from './throttle';
import { liveUrls, newlyDraining, type DrainEvent } from './drain-events';

export type { DrainEvent, DrainedServer } from './drain-events';

/** The slice of a pino logger the provider uses. */
export interface DockerLogger {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

/**
 * What every provider that watches a Docker engine (this one, and the Swarm provider) takes
 * besides its client and translation options: timing of listings and reconnections, drain
 * timing, and its sinks.
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

/** Settings of {@link DockerProvider}. */
export interface DockerProviderSettings extends EngineWatchSettings {
  readonly client: DockerClient;
  readonly options: DockerTranslateOptions & { readonly watch: boolean };
}

/** A logger that drops everything (the default). */
export const silentDockerLogger: DockerLogger = { warn() {}, info() {}, debug() {} };


/** The Docker provider (see module comment). */
export class DockerProvider implements Provider<DynamicConfig> {
  readonly name: string;
  readonly #s: DockerProviderSettings;
  readonly #log: DockerLogger;
  readonly #now: () => number;
  #emit: EmitConfig<DynamicConfig> | undefined;
  #state: ProviderStatus['state'] = 'connecting';
  #lastUpdate: number | undefined;
  #lastError: ProviderFailure | undefined;
  #lastEvent: { action: string; container: string; at: number } | undefined;
  #containers: readonly DockerContainer[] | undefined;
  #lastSignature = '';
  #lastConfig: DynamicConfig | undefined;
  readonly #draining = new Map<string, number>();
  #listings = 0;
  #reconnects = 0;
  #relist: Throttled | undefined;
  #settle: NodeJS.Timeout | undefined;

  constructor(settings: DockerProviderSettings) {
    this.name = settings.name ?? 'docker';
    this.#s = settings;
    this.#log = settings.logger ?? silentDockerLogger;
    this.#now = settings.now ?? Date.now;
  }

  /** Lists once and emits; then, unless `watch` is false, follows events until `signal` aborts. */
  async start(emit: EmitConfig<DynamicConfig>, signal: AbortSignal): Promise<void> {
    this.#emit = emit;
    const relist = throttle(() => this.#list(signal), this.#s.throttleMs ?? 100, (error) => {
      this.#fail(error);
      // A failed listing is retried even if no event comes (the stream may be fine).
      if (this.#s.options.watch && !signal.aborted) setTimeout(() => relist.trigger(), this.#s.backoff?.maxMs ?? 5_000).unref();
    });
    this.#relist = relist;
    signal.addEventListener('abort', () => {
      relist.cancel();
      clearTimeout(this.#settle);
    }, { once: true });
    if (!this.#s.options.watch) {
      await relist.flush();
      return;
    }
    let firstAttempt: () => void = () => {};
    const armed = new Promise<void>((resolve) => (firstAttempt = resolve));
    void watchEvents(this.#s.client, {
      signal,
      backoff: this.#s.backoff ?? { initialMs: 200, maxMs: 5_000 },
      onEvent: (event) => this.#onEvent(event, signal),
      onConnected: async () => {
        if (this.#listings > 0) this.#reconnects += 1;
        await relist.flush();
        firstAttempt();
      },
      onDisconnected: (error, attempt, retryInMs) => {
        this.#fail(error, `event stream lost, keeping the last configuration; retry ${attempt} in ${retryInMs} ms`);
        firstAttempt();
      },
    });
    await armed;
  }

  /** Current health, for the API. */
  status(): ProviderStatus {
    return {
      state: this.#state,
      lastUpdate: this.#lastUpdate,
      lastError: this.#lastError,
      details: {
        endpoint: this.#s.endpoint,
        watch: this.#s.options.watch,
        containers: this.#containers?.length ?? 0,
        draining: [...this.#draining.keys()].map((id) => id.slice(0, 12)),
        listings: this.#listings,
        reconnects: this.#reconnects,
        lastEvent: this.#lastEvent,
      },
    };
  }

  #onEvent(event: DockerEvent, signal: AbortSignal): void {
    const id = event.Actor?.ID ?? event.id ?? '';
    const action = event.Action ?? '';
    const attributes = event.Actor?.Attributes ?? {};
    this.#lastEvent = { action, container: attributes.name ?? id.slice(0, 12), at: this.#now() };
    if (action === 'kill') void this.#onKill(id, attributes.signal, signal);
    else if (action === 'die') this.#drain(id, 'exited');
    else if (action === 'pause') this.#drain(id, 'paused');
    else if (action === 'start' || action === 'unpause' || action === 'destroy') this.#draining.delete(id);
    this.#relist?.trigger();
    clearTimeout(this.#settle);
    this.#settle = setTimeout(() => this.#relist?.trigger(), this.#s.settleMs ?? 150);
    this.#settle.unref();
  }

  async #onKill(id: string, signalText: string | undefined, abort: AbortSignal): Promise<void> {
    const terminating = await isTerminatingKill(this.#s.client, id, signalText);
    if (terminating && !abort.aborted) this.#drain(id, 'stopping');
  }

  /** Marks a container draining and re-emits the cached listing at once (see module comment). */
  #drain(id: string, reason: DrainEvent['reason']): void {
    if (this.#draining.has(id)) return;
    const drainMs = this.#s.drainTimeoutMs ?? 60_000;
    this.#draining.set(id, this.#now() + drainMs);
    // If the signal did not stop it, list again when the drain expires so it serves again.
    setTimeout(() => this.#relist?.trigger(), drainMs + 1).unref();
    const container = this.#containers?.find((c) => c.id === id);
    if (container === undefined || this.#containers === undefined) return;
    const before = this.#lastConfig;
    this.#publish(this.#containers);
    const servers = newlyDraining(before, this.#lastConfig);
    const what = `container ${reason}`;
    this.#log.info({ provider: this.name, container: container.name, servers }, `${what}: draining its servers`);
    if (servers.length > 0) this.#s.onDrain?.({ containerId: id, containerName: container.name, reason, servers });
  }

  async #list(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    const timeout = this.#s.requestTimeoutMs ?? 0;
    const abort = timeout > 0 ? AbortSignal.any([signal, AbortSignal.timeout(timeout)]) : signal;
    const entries = await this.#s.client.listContainers({ all: false, abortSignal: abort });
    if (signal.aborted) return;
    this.#listings += 1;
    this.#containers = entries.map(fromListEntry);
    // A draining container stays draining until it is gone from the listing (or starts again).
    const listed = new Set(this.#containers.map((c) => c.id));
    for (const id of this.#draining.keys()) if (!listed.has(id)) this.#draining.delete(id);
    this.#publish(this.#containers);
    this.#state = 'ok';
    this.#lastError = undefined;
  }

  /** Translates and emits, unless the result equals the last emitted one. */
  #publish(containers: readonly DockerContainer[]): void {
    const now = this.#now();
    for (const [id, until] of this.#draining) if (until <= now) this.#draining.delete(id);
    const marked = containers.map((c) => (this.#draining.has(c.id) ? { ...c, draining: true } : c));
    const { config, errors } = containersToConfig(marked, this.#s.options);
    const signature = JSON.stringify([config, errors]);
    if (signature === this.#lastSignature) return;
    this.#lastSignature = signature;
    this.#lastConfig = config;
    this.#lastUpdate = now;
    for (const e of errors) this.#log.warn({ provider: this.name, ...e }, 'container configuration rejected');
    this.#s.onLive?.(liveUrls(config));
    this.#emit?.({ provider: this.name, config, errors });
  }

  #fail(error: unknown, message?: string): void {
    const text = error instanceof Error ? error.message : String(error);
    this.#state = 'error';
    const failure = dockerError('LB_DOCKER_ENGINE', message === undefined ? `cannot list containers: ${text}` : `${message}: ${text}`);
    this.#lastError = { ...failure, at: this.#now() };
    this.#log.warn({ provider: this.name, endpoint: this.#s.endpoint, err: text }, failure.message);
  }
}
