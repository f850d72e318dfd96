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
import type { DrainEvent } from '../provider';
import { fromListEntry, type DockerContainer } from './container';
import { containersToConfig, type DockerTranslateOptions } from './containers-to-config';
import { newlyDraining } from './drain-events';
import type { DockerClient } from './endpoint';
import { EngineProvider, type EngineWatchSettings } from './engine-provider';
import type { DockerEvent } from './event-stream';

export type { DrainEvent, DrainedServer } from './drain-events';
export { silentDockerLogger, type DockerLogger, type EngineWatchSettings } from './engine-provider';

/** Settings of {@link DockerProvider}. */
export interface DockerProviderSettings<C extends DockerClient = DockerClient> extends EngineWatchSettings {
  readonly client: C;
  readonly options: DockerTranslateOptions & { readonly watch: boolean };
}

/** The Docker provider (see module comment); the lifecycle is {@link EngineProvider}'s. */
export class DockerProvider<C extends DockerClient = DockerClient> extends EngineProvider<DockerProviderSettings<C>> {
  #containers: readonly DockerContainer[] | undefined;

  constructor(settings: DockerProviderSettings<C>) {
    super(settings, 'docker');
  }

  protected details(): Record<string, unknown> {
    return { containers: this.#containers?.length ?? 0 };
  }

  protected onEvent(event: DockerEvent, signal: AbortSignal): boolean {
    const id = event.Actor?.ID ?? event.id ?? '';
    const action = event.Action ?? '';
    const attributes = event.Actor?.Attributes ?? {};
    this.lastEvent = { action, container: attributes.name ?? id.slice(0, 12), at: this.now() };
    if (action === 'kill') void this.drainOnKill(id, id, attributes.signal, signal);
    else if (action === 'die') this.drain(id, 'exited');
    else if (action === 'pause') this.drain(id, 'paused');
    else if (action === 'start' || action === 'unpause' || action === 'destroy') this.draining.delete(id);
    return true;
  }

  /** Marks a container draining and re-emits the cached listing at once (see module comment). */
  protected drain(id: string, reason: DrainEvent['reason']): void {
    if (!this.markDraining(id)) return;
    const container = this.#containers?.find((c) => c.id === id);
    if (container === undefined || this.#containers === undefined) return;
    const before = this.lastConfig;
    this.#publish(this.#containers);
    const servers = newlyDraining(before, this.lastConfig);
    this.log.info(
      { provider: this.name, container: container.name, servers },
      `container ${reason}: draining its servers`,
    );
    if (servers.length > 0)
      this.settings.onDrain?.({ containerId: id, containerName: container.name, reason, servers });
  }

  protected async list(signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return false;
    const entries = await this.settings.client.listContainers({ all: false, abortSignal: this.listingSignal(signal) });
    if (signal.aborted) return false;
    this.listed();
    this.#containers = entries.map(fromListEntry);
    // A draining container stays draining until it is gone from the listing (or starts again).
    const listed = new Set(this.#containers.map((c) => c.id));
    for (const id of this.draining.keys()) if (!listed.has(id)) this.draining.delete(id);
    this.#publish(this.#containers);
    return true;
  }

  protected listingFailure(text: string): string {
    return `cannot list containers: ${text}`;
  }

  /** Translates and emits, unless the result equals the last emitted one. */
  #publish(containers: readonly DockerContainer[]): void {
    this.expireDrains();
    const marked = containers.map((c) => (this.draining.has(c.id) ? { ...c, draining: true } : c));
    const { config, errors } = containersToConfig(marked, this.settings.options);
    this.emitIfChanged(config, errors, 'container configuration rejected');
  }
}
