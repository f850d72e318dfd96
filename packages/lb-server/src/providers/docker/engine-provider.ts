/**
 * What the two providers that watch a Docker engine share (Docker: containers; Swarm: services
 * and tasks): the throttled relisting with a settling listing after each event, the event stream
 * with reconnection (the last snapshot keeps serving while it is down), status and failure
 * reporting, drain bookkeeping (what drains, until when) and emitting a snapshot only when it
 * changed, with its live URLs. Each subclass lists and translates its own objects and reads its
 * own events; hooks let the Swarm provider poll besides.
 */
import type { DynamicConfig } from '@junction/lb-core';
import type { ConfigErrorLike, DrainEvent, EmitConfig, Provider, ProviderFailure, ProviderStatus } from '../provider';
import { liveUrls } from './drain-events';
import type { DockerClient } from './endpoint';
import { silentDockerLogger, type DockerLogger, type EngineWatchSettings } from './engine-settings';
import { dockerError } from './errors';
import { watchEvents, type DockerEvent } from './event-stream';
import { isTerminatingKill } from './signals';
import { throttle, type Throttled } from './throttle';

/** The settings an {@link EngineProvider} reads itself. */
export interface EngineProviderSettings<C extends DockerClient = DockerClient> extends EngineWatchSettings {
  readonly client: C;
  readonly options: { readonly watch: boolean };
}

export type { DockerLogger, EngineWatchSettings } from './engine-settings';
export { silentDockerLogger } from './engine-settings';

/** The shared lifecycle of the Docker and Swarm providers (see module comment). */
export abstract class EngineProvider<S extends EngineProviderSettings> implements Provider<DynamicConfig> {
  readonly name: string;
  protected readonly settings: S;
  protected readonly log: DockerLogger;
  protected readonly now: () => number;
  /** Container or task id → when its drain expires. */
  protected readonly draining = new Map<string, number>();
  /** The last snapshot emitted. */
  protected lastConfig: DynamicConfig | undefined;
  /** The last event seen, for `status()`. */
  protected lastEvent: object | undefined;
  #listings = 0;
  #reconnects = 0;
  #emit: EmitConfig<DynamicConfig> | undefined;
  #state: ProviderStatus['state'] = 'connecting';
  #lastUpdate: number | undefined;
  #lastError: ProviderFailure | undefined;
  #lastSignature = '';
  #relist: Throttled | undefined;
  #settle: NodeJS.Timeout | undefined;

  constructor(settings: S, defaultName: string) {
    this.name = settings.name ?? defaultName;
    this.settings = settings;
    this.log = settings.logger ?? silentDockerLogger;
    this.now = settings.now ?? Date.now;
  }

  /** The engine client this provider made or was given (the dashboard's container management shares the Docker provider's). */
  get client(): S['client'] {
    return this.settings.client;
  }

  /** Lists the engine's objects and publishes them; resolves `false` when `signal` aborted first. */
  protected abstract list(signal: AbortSignal): Promise<boolean>;
  /** Reacts to one engine event; `true`: list again (throttled, then once more to settle). */
  protected abstract onEvent(event: DockerEvent, signal: AbortSignal): boolean;
  /** Marks `id` draining (when {@link markDraining} agrees) and re-emits at once. */
  protected abstract drain(id: string, reason: DrainEvent['reason']): void;
  /** The message of a failed listing. */
  protected abstract listingFailure(text: string): string;
  /** Provider-specific facts of `status()`. */
  protected abstract details(): Record<string, unknown>;

  /** Event filters (default: container events). */
  protected eventFilters(): Readonly<Record<string, readonly string[]>> | undefined {
    return undefined;
  }
  /** After each listing attempt, when watching. */
  protected afterListing(_signal: AbortSignal): void {}
  /** After a failed listing, when watching: list again once the backoff's longest wait passed (the stream may be fine). */
  protected afterFailure(signal: AbortSignal): void {
    if (this.settings.options.watch && !signal.aborted)
      setTimeout(() => this.#relist?.trigger(), this.settings.backoff?.maxMs ?? 5_000).unref();
  }
  /** After the event stream broke (`attempt` counts the reconnections tried). */
  protected streamLost(_attempt: number, _signal: AbortSignal): void {}
  /** Appended to the "event stream lost" message. */
  protected streamLostNote(): string {
    return '';
  }
  /** When `signal` aborts. */
  protected stopped(): void {}

  /** Lists once and emits; then, unless `watch` is false, follows events until `signal` aborts. */
  async start(emit: EmitConfig<DynamicConfig>, signal: AbortSignal): Promise<void> {
    this.#emit = emit;
    const watch = this.settings.options.watch;
    const relist = throttle(
      async () => {
        try {
          if (await this.list(signal)) {
            this.#state = 'ok';
            this.#lastError = undefined;
          }
        } finally {
          if (watch) this.afterListing(signal);
        }
      },
      this.settings.throttleMs ?? 100,
      (error) => {
        this.fail(error);
        this.afterFailure(signal);
      },
    );
    this.#relist = relist;
    signal.addEventListener(
      'abort',
      () => {
        relist.cancel();
        clearTimeout(this.#settle);
        this.stopped();
      },
      { once: true },
    );
    if (!watch) {
      await relist.flush();
      return;
    }
    let firstAttempt: () => void = () => {};
    const armed = new Promise<void>((resolve) => (firstAttempt = resolve));
    const filters = this.eventFilters();
    void watchEvents(this.settings.client, {
      signal,
      ...(filters === undefined ? {} : { filters }),
      backoff: this.settings.backoff ?? { initialMs: 200, maxMs: 5_000 },
      onEvent: (event) => {
        if (this.onEvent(event, signal)) this.relistSoon();
      },
      onConnected: async () => {
        if (this.#listings > 0) this.#reconnects += 1;
        await relist.flush();
        firstAttempt();
      },
      onDisconnected: (error, attempt, retryInMs) => {
        this.fail(
          error,
          `event stream lost, keeping the last configuration${this.streamLostNote()}; retry ${attempt} in ${retryInMs} ms`,
        );
        this.streamLost(attempt, signal);
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
        endpoint: this.settings.endpoint,
        watch: this.settings.options.watch,
        ...this.details(),
        draining: [...this.draining.keys()].map((id) => id.slice(0, 12)),
        listings: this.#listings,
        reconnects: this.#reconnects,
        lastEvent: this.lastEvent,
      },
    };
  }

  /** Lists again (throttled). */
  protected relistNow(): void {
    this.#relist?.trigger();
  }

  /** Lists again soon (throttled), and once more after the settling delay. */
  protected relistSoon(): void {
    this.#relist?.trigger();
    clearTimeout(this.#settle);
    this.#settle = setTimeout(() => this.#relist?.trigger(), this.settings.settleMs ?? 150);
    this.#settle.unref();
  }

  /** Drains `id` as `stopping` when its `kill` carried a terminating signal (asks the engine when the event did not say). */
  protected async drainOnKill(
    id: string,
    containerId: string,
    signalText: string | undefined,
    abort: AbortSignal,
  ): Promise<void> {
    const terminating = await isTerminatingKill(this.settings.client, containerId, signalText);
    if (terminating && !abort.aborted) this.drain(id, 'stopping');
  }

  /** Records `id` as draining until the drain timeout (then lists again, so it serves again if it still runs); `false` if it already was. */
  protected markDraining(id: string): boolean {
    if (this.draining.has(id)) return false;
    const drainMs = this.settings.drainTimeoutMs ?? 60_000;
    this.draining.set(id, this.now() + drainMs);
    setTimeout(() => this.#relist?.trigger(), drainMs + 1).unref();
    return true;
  }

  /** `signal`, with the list timeout (`requestTimeoutMs`) when there is one; counts the listing. */
  protected listingSignal(signal: AbortSignal): AbortSignal {
    const timeout = this.settings.requestTimeoutMs ?? 0;
    return timeout > 0 ? AbortSignal.any([signal, AbortSignal.timeout(timeout)]) : signal;
  }

  /** Counts a listing that answered. */
  protected listed(): void {
    this.#listings += 1;
  }

  /** Forgets drains whose time is over; returns now. */
  protected expireDrains(): number {
    const now = this.now();
    for (const [id, until] of this.draining) if (until <= now) this.draining.delete(id);
    return now;
  }

  /**
   * Emits `config` unless it equals the last one emitted (`false` then). `changed` runs first with
   * the previous snapshot; rejected elements are logged as `rejected`; `onLive` gets the live URLs.
   */
  protected emitIfChanged(
    config: DynamicConfig,
    errors: readonly ConfigErrorLike[],
    rejected: string,
    changed?: (previous: DynamicConfig | undefined) => void,
  ): boolean {
    const signature = JSON.stringify([config, errors]);
    if (signature === this.#lastSignature) return false;
    const previous = this.lastConfig;
    this.#lastSignature = signature;
    this.lastConfig = config;
    this.#lastUpdate = this.now();
    changed?.(previous);
    for (const e of errors) this.log.warn({ provider: this.name, ...e }, rejected);
    this.settings.onLive?.(liveUrls(config));
    this.#emit?.({ provider: this.name, config, errors });
    return true;
  }

  /** Records and logs a failed listing or a lost event stream (`LB_DOCKER_ENGINE`). */
  protected fail(error: unknown, message?: string): void {
    const text = error instanceof Error ? error.message : String(error);
    this.#state = 'error';
    const failure = dockerError(
      'LB_DOCKER_ENGINE',
      message === undefined ? this.listingFailure(text) : `${message}: ${text}`,
    );
    this.#lastError = { ...failure, at: this.now() };
    this.log.warn({ provider: this.name, endpoint: this.settings.endpoint, err: text }, failure.message);
  }
}
