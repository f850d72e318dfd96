/**
 * The Swarm provider (traefik `pkg/provider/docker/pswarm.go`, v1.7 `--docker.swarmMode`): lists
 * services, tasks, swarm networks and this node's task containers, translates them with the pure
 * {@link servicesToConfig}, and emits the whole snapshot; level-triggered, it lists again
 * - every `refreshSeconds` (Traefik's polling), and every second while a service is being updated
 *   or a task is on its way to running, so new tasks enter as soon as they run;
 * - on the engine's `service` events (create, update, remove) and on events of this node's task
 *   containers (`com.docker.swarm.task.id` label), throttled, plus one settling listing after.
 *
 * Drain: a task container on this node that gets a terminating `kill` (the agent stopping it for a
 * scale-down, a rolling update, a removal) or dies has its server re-emitted at once as `draining`
 * from the cached listing, and `onDrain` reports it (as the Docker provider does on `docker stop`),
 * so no new request goes to it while in-flight ones finish. Tasks on other nodes drain when a
 * listing shows them told to shut down (desired state no longer `running`) while still running.
 * When the event stream breaks, the last snapshot keeps serving; it reconnects with backoff and
 * lists again. Polling goes on meanwhile.
 */
import { healthFromStatus, type ContainerHealth } from '../../containers/health';
import type { DockerTranslateOptions } from '../docker/containers-to-config';
import { newlyDraining } from '../docker/drain-events';
import { EngineProvider, type EngineWatchSettings } from '../docker/engine-provider';
import { WATCHED_EVENTS, type DockerEvent } from '../docker/event-stream';
import type { DrainEvent } from '../provider';
import { servicesToConfig, type SwarmSnapshot } from './services-to-config';
import {
  SERVICE_EVENTS,
  STARTING_STATES,
  TASK_CONTAINER_LABELS,
  TASK_RUNNING,
  UPDATING_STATES,
  type SwarmClient,
  type SwarmNetworkEntry,
  type SwarmServiceEntry,
  type SwarmTaskEntry,
} from './swarm-api';

/** Settings of {@link SwarmProvider} (the timing and sinks are the Docker provider's). */
export interface SwarmProviderSettings extends EngineWatchSettings {
  readonly client: SwarmClient;
  readonly options: DockerTranslateOptions & { readonly watch: boolean; readonly refreshMs: number };
  /** Listing interval while services update or tasks start. Default 1 s. */
  readonly busyRefreshMs?: number;
}

/** The Swarm provider (see module comment); the lifecycle is {@link EngineProvider}'s, plus polling. */
export class SwarmProvider extends EngineProvider<SwarmProviderSettings> {
  #snapshot: SwarmSnapshot | undefined;
  #busy = false;
  #poll: NodeJS.Timeout | undefined;

  constructor(settings: SwarmProviderSettings) {
    super(settings, 'swarm');
  }

  protected details(): Record<string, unknown> {
    return {
      refreshSeconds: this.settings.options.refreshMs / 1000,
      services: this.#snapshot?.services.length ?? 0,
      runningTasks: this.#snapshot?.tasks.filter((t) => t.Status?.State === TASK_RUNNING).length ?? 0,
    };
  }

  protected override eventFilters(): Readonly<Record<string, readonly string[]>> {
    return { type: ['service', 'container'], event: [...new Set<string>([...SERVICE_EVENTS, ...WATCHED_EVENTS])] };
  }

  /** Polling replaces the Docker provider's retry after a failed listing. */
  protected override afterFailure(): void {}

  protected override afterListing(signal: AbortSignal): void {
    if (signal.aborted) return;
    clearTimeout(this.#poll);
    this.#poll = setTimeout(
      () => this.relistNow(),
      this.#busy ? (this.settings.busyRefreshMs ?? 1_000) : this.settings.options.refreshMs,
    );
    this.#poll.unref();
  }

  protected override streamLost(attempt: number, signal: AbortSignal): void {
    if (attempt === 1) this.afterListing(signal);
  }

  protected override streamLostNote(): string {
    return ' (polling goes on)';
  }

  protected override stopped(): void {
    clearTimeout(this.#poll);
  }

  protected onEvent(event: DockerEvent, signal: AbortSignal): boolean {
    const action = event.Action ?? '';
    const attributes = event.Actor?.Attributes ?? {};
    const taskId = attributes[TASK_CONTAINER_LABELS.taskId];
    if (event.Type === 'container') {
      if (taskId === undefined) return false;
      if (action === 'kill') void this.drainOnKill(taskId, event.Actor?.ID ?? '', attributes.signal, signal);
      else if (action === 'die') this.drain(taskId, 'exited');
    }
    this.lastEvent = { type: event.Type ?? '', action, name: attributes.name ?? '', at: this.now() };
    return true;
  }

  /** Marks a task draining and re-emits the cached listing at once (see module comment). */
  protected drain(taskId: string, reason: DrainEvent['reason']): void {
    if (!this.markDraining(taskId)) return;
    const task = this.#snapshot?.tasks.find((t) => t.ID === taskId);
    if (task === undefined || this.#snapshot === undefined) return;
    const service = this.#snapshot.services.find((s) => s.ID === task.ServiceID)?.Spec.Name ?? task.ServiceID;
    const taskName = `${service}.${task.Slot !== undefined && task.Slot > 0 ? task.Slot : (task.NodeID ?? '')}`;
    this.#publish(this.#snapshot, { id: taskId, name: taskName, reason });
  }

  protected async list(signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return false;
    const abortSignal = this.listingSignal(signal);
    const client = this.settings.client;
    const [services, tasks, networks, containers] = await Promise.all([
      client.listServices({ abortSignal } as object) as Promise<unknown> as Promise<SwarmServiceEntry[]>,
      client.listTasks({ abortSignal }) as Promise<SwarmTaskEntry[]>,
      client.listNetworks({ filters: { scope: ['swarm'] }, abortSignal } as object) as Promise<unknown> as Promise<
        SwarmNetworkEntry[]
      >,
      client.listContainers({ filters: { label: [TASK_CONTAINER_LABELS.taskId] }, abortSignal }),
    ]);
    if (signal.aborted) return false;
    this.listed();
    const health = new Map<string, ContainerHealth>(containers.map((c) => [c.Id, healthFromStatus(c.Status)]));
    this.#snapshot = { services, tasks, networks, health };
    // A draining task stays draining until it no longer runs.
    const running = new Set(tasks.filter((t) => t.Status?.State === TASK_RUNNING).map((t) => t.ID));
    for (const id of this.draining.keys()) if (!running.has(id)) this.draining.delete(id);
    this.#busy =
      services.some((s) => UPDATING_STATES.includes(s.UpdateStatus?.State ?? '')) ||
      tasks.some((t) => t.DesiredState === TASK_RUNNING && STARTING_STATES.includes(t.Status?.State ?? ''));
    this.#publish(this.#snapshot);
    return true;
  }

  protected listingFailure(text: string): string {
    const hint = /not a swarm manager|swarm mode/i.test(text)
      ? ' (the swarm provider needs a manager node: deploy Junction with the placement constraint node.role == manager)'
      : '';
    return `cannot list swarm services: ${text}${hint}`;
  }

  /**
   * Translates and emits, unless the result equals the last emitted one. Servers draining now
   * that were not before go to `onDrain` first, whether an event (`cause`) or a listing (a task
   * told to shut down, on any node) revealed them.
   */
  #publish(
    snapshot: SwarmSnapshot,
    cause?: { readonly id: string; readonly name: string; readonly reason: DrainEvent['reason'] },
  ): void {
    this.expireDrains();
    const { config, errors } = servicesToConfig(
      snapshot,
      { ...this.settings.options, provider: this.name },
      new Set(this.draining.keys()),
    );
    this.emitIfChanged(config, errors, 'swarm service configuration rejected', (previous) => {
      const servers = newlyDraining(previous, config);
      if (servers.length === 0) return;
      const name = cause?.name ?? `tasks told to shut down (${[...new Set(servers.map((s) => s.service))].join(', ')})`;
      this.log.info(
        { provider: this.name, task: name, servers },
        `task ${cause?.reason ?? 'stopping'}: draining its servers`,
      );
      this.settings.onDrain?.({
        provider: this.name,
        containerId: cause?.id ?? '',
        containerName: name,
        reason: cause?.reason ?? 'stopping',
        servers,
      });
    });
  }
}
