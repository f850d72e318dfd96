/**
 * What the two providers that watch a Docker engine share (Docker: containers; Swarm: services
 * and tasks): the throttled relisting with a settling listing after each event, the event stream
 * with reconnection (the last snapshot keeps serving while it is down) and drain bookkeeping
 * (what drains, until when); status and failure reporting and emitting a snapshot only when it
 * changed come from {@link EngineStatus}. Each subclass lists and translates its own objects and
 * reads its own events; hooks let the Swarm provider poll besides.
 */
import type { DynamicConfig } from '@junction/lb-core';
import type { DrainEvent, EmitConfig, Provider } from '../provider';
import { EngineStatus, type EngineProviderSettings } from './engine-status';
import { watchEvents, type DockerEvent } from './event-stream';
import { isTerminatingKill } from './signals';
import { throttle, type Throttled } from './throttle';

export type { EngineProviderSettings } from './engine-status';
export type { DockerLogger, EngineWatchSettings } from './engine-settings';
export { silentDockerLogger } from './engine-settings';

/** The shared lifecycle of the Docker and Swarm providers (see module comment). */
export abstract class EngineProvider<S extends EngineProviderSettings>
  extends EngineStatus<S>
  implements Provider<DynamicConfig>
{
  #relist: Throttled | undefined;
  #settle: NodeJS.Timeout | undefined;

  /** Lists the engine's objects and publishes them; resolves `false` when `signal` aborted first. */
  protected abstract list(signal: AbortSignal): Promise<boolean>;
  /** Reacts to one engine event; `true`: list again (throttled, then once more to settle). */
  protected abstract onEvent(event: DockerEvent, signal: AbortSignal): boolean;
  /** Marks `id` draining (when {@link markDraining} agrees) and re-emits at once. */
  protected abstract drain(id: string, reason: DrainEvent['reason']): void;

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
    this.emitTo(emit);
    const watch = this.settings.options.watch;
    const relist = throttle(
      async () => {
        try {
          if (await this.list(signal)) this.listingOk();
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
        this.reconnected();
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

  /** Forgets drains whose time is over; returns now. */
  protected expireDrains(): number {
    const now = this.now();
    for (const [id, until] of this.draining) if (until <= now) this.draining.delete(id);
    return now;
  }
}
