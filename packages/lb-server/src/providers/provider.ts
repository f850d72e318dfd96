/**
 * The provider seam (Traefik `pkg/provider/provider.go`): a provider is a producer of whole
 * configuration snapshots. It is level-triggered — on any change it re-reads everything it watches
 * and emits the complete result, never a delta — and it stops when its `AbortSignal` aborts.
 * Nothing outside `providers/` touches Docker or the file system for dynamic configuration.
 */

/**
 * A configuration problem as providers report it: the shape shared with lb-core's `ConfigError`
 * (`code`, `message`, dotted `path`), plus where it came from when a provider knows (`file`,
 * `line`, `column`, 1-based).
 */
export interface ConfigErrorLike {
  readonly code?: string;
  readonly message: string;
  /** Dotted configuration path, e.g. `http.routers.api.rule`. */
  readonly path?: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

/**
 * One snapshot from one provider: the whole configuration it currently sees (a `DynamicConfig`
 * once validated by lb-core) and the element-level errors found while building it. The elements
 * in error are left out of `config`; the rest keeps serving.
 */
export interface ProviderMessage<C = unknown> {
  /** The provider's name, used to qualify element names (`api@file`). */
  readonly provider: string;
  readonly config: C;
  readonly errors: readonly ConfigErrorLike[];
}

/** The last failure that prevented a provider from producing a snapshot. */
export interface ProviderFailure extends ConfigErrorLike {
  /** When it happened (epoch ms). */
  readonly at: number;
}

/**
 * A provider's health, for the API and dashboard. `error` means the last attempt failed (for the
 * file provider: the file does not parse) and the previous snapshot is still the one in use.
 */
export interface ProviderStatus {
  readonly state: 'ok' | 'error' | 'connecting';
  /** When the last snapshot was emitted (epoch ms), if any. */
  readonly lastUpdate: number | undefined;
  readonly lastError: ProviderFailure | undefined;
  /** Free-form, provider-specific facts (watched file or directory, files read, endpoint…). */
  readonly details: Readonly<Record<string, unknown>>;
}

/**
 * Servers a provider saw going away ahead of its next snapshot: a container or task told to stop,
 * exited or paused. The runtime drains them at once and refuses new connections to them
 * (`RuntimeStoreController.drain`).
 */
export interface DrainEvent {
  /** The provider whose services hold the servers (qualifies their names). Default `docker`. */
  readonly provider?: string;
  readonly containerId: string;
  readonly containerName: string;
  /**
   * `stopping`: a terminating signal (in-flight requests may finish); `exited`: the process is gone;
   * `paused`: the process is frozen (nothing it has will answer until it is unpaused).
   */
  readonly reason: 'stopping' | 'exited' | 'paused';
  /** Unqualified service names (as in the snapshot) with the ids and URLs of the servers now draining. */
  readonly servers: readonly DrainedServer[];
}

/** A server of a {@link DrainEvent}. */
export interface DrainedServer {
  readonly service: string;
  readonly id: string;
  readonly url: string;
}

/** Where providers report drains, and after each snapshot the URLs of their live servers. */
export interface ServerDrains {
  drain(event: DrainEvent): void;
  live(urls: readonly string[]): void;
}

/** Receives each snapshot a provider produces. */
export type EmitConfig<C = unknown> = (message: ProviderMessage<C>) => void;

/** A source of dynamic configuration. */
export interface Provider<C = unknown> {
  /** Unique provider name (`file`, `docker`). */
  readonly name: string;
  /**
   * Starts producing snapshots. Resolves once the first snapshot was emitted (or the first attempt
   * failed and is visible in `status()`) and watching is armed; keeps running until `signal`
   * aborts, then releases everything it holds (watchers, timers, streams).
   */
  start(emit: EmitConfig<C>, signal: AbortSignal): Promise<void> | void;
  /** Current health, for the API. */
  status?(): ProviderStatus;
}
