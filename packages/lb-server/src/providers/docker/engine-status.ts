/**
 * The reporting half of an {@link EngineProvider} (Docker and Swarm providers): its settings,
 * logger and clock, the drains and last snapshot it keeps, its status for the API (state, last
 * update and failure, listings and reconnections counted), emitting a snapshot only when it
 * changed (with its live URLs), and recording a failed listing or a lost event stream.
 */
import type { DynamicConfig } from '@junction/lb-core';
import type { ConfigErrorLike, EmitConfig, ProviderFailure, ProviderStatus } from '../provider';
import { liveUrls } from './drain-events';
import type { DockerClient } from './endpoint';
import { silentDockerLogger, type DockerLogger, type EngineWatchSettings } from './engine-settings';
import { dockerError } from './errors';

/** The settings an {@link EngineProvider} reads itself. */
export interface EngineProviderSettings<C extends DockerClient = DockerClient> extends EngineWatchSettings {
  readonly client: C;
  readonly options: { readonly watch: boolean };
}

/** State, status and snapshot emission shared by the engine providers (see module comment). */
export abstract class EngineStatus<S extends EngineProviderSettings> {
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

  /** The message of a failed listing. */
  protected abstract listingFailure(text: string): string;
  /** Provider-specific facts of `status()`. */
  protected abstract details(): Record<string, unknown>;

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

  /** Where {@link emitIfChanged} sends snapshots (set by `start`). */
  protected emitTo(emit: EmitConfig<DynamicConfig>): void {
    this.#emit = emit;
  }

  /** A listing published: the provider is healthy again. */
  protected listingOk(): void {
    this.#state = 'ok';
    this.#lastError = undefined;
  }

  /** The event stream connected again (counted once a listing has answered). */
  protected reconnected(): void {
    if (this.#listings > 0) this.#reconnects += 1;
  }

  /** Counts a listing that answered. */
  protected listed(): void {
    this.#listings += 1;
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
