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
import type { DynamicConfig } from '@junction/lb-core';
import { healthFromStatus, type ContainerHealth } from '../../containers/health';
import type { DockerTranslateOptions } from '../docker/containers-to-config';
import { silentDockerLogger, type DockerLogger, type EngineWatchSettings } from '../docker/docker-provider';
import { liveUrls, newlyDraining, type DrainEvent } from '../docker/drain-events';
import { dockerError } from '../docker/errors';
import { WATCHED_EVENTS, watchEvents, type DockerEvent } from '../docker/event-stream';
import { isTerminatingKill } from '../docker/signals';
import { throttle, type Throttled } from '../docker/throttle';
import type { EmitConfig, Provider, ProviderFailure, ProviderStatus } from '../provider';
import { servicesToConfig, type SwarmSnapshot } from './services-to-config';
import {
  SERVICE_EVENTS, STARTING_STATES, TASK_CONTAINER_LABELS, TASK_RUNNING, UPDATING_STATES,
  type SwarmClient, type SwarmNetworkEntry, type SwarmServiceEntry, type SwarmTaskEntry,
} from './swarm-api';

/** Settings of {@link SwarmProvider} (the timing and sinks are the Docker provider's). */
export interface SwarmProviderSettings extends EngineWatchSettings {
  readonly client: SwarmClient;
  readonly options: DockerTranslateOptions & { readonly watch: boolean; readonly refreshMs: number };
  /** Listing interval while services update or tasks start. Default 1 s. */
  readonly busyRefreshMs?: number;
}


/** The Swarm provider (see module comment). */
export class SwarmProvider implements Provider<DynamicConfig> {
  readonly name: string;
  readonly #s: SwarmProviderSettings;
  readonly #log: DockerLogger;
  readonly #now: () => number;
  #emit: EmitConfig<DynamicConfig> | undefined;
  #state: ProviderStatus['state'] = 'connecting';
  #lastUpdate: number | undefined;
  #lastError: ProviderFailure | undefined;
  #lastEvent: { type: string; action: string; name: string; at: number } | undefined;
  #snapshot: SwarmSnapshot | undefined;
  #lastSignature = '';
  #lastConfig: DynamicConfig | undefined;
  /** Task id → when its drain expires. */
  readonly #draining = new Map<string, number>();
  #listings = 0;
  #reconnects = 0;
  #busy = false;
  #relist: Throttled | undefined;
  #settle: NodeJS.Timeout | undefined;
  #poll: NodeJS.Timeout | undefined;

  constructor(settings: SwarmProviderSettings) {
    this.name = settings.name ?? 'swarm';
    this.#s = settings;
    this.#log = settings.logger ?? silentDockerLogger;
    this.#now = settings.now ?? Date.now;
  }

  /** Lists once and emits; then, unless `watch` is false, polls and follows events until `signal` aborts. */
  async start(emit: EmitConfig<DynamicConfig>, signal: AbortSignal): Promise<void> {
    this.#emit = emit;
    const watch = this.#s.options.watch;
    const relist = throttle(async () => {
      try {
        await this.#list(signal);
      } finally {
        if (watch) this.#schedulePoll(signal);
      }
    }, this.#s.throttleMs ?? 100, (error) => this.#fail(error));
    this.#relist = relist;
    signal.addEventListener('abort', () => [relist.cancel(), clearTimeout(this.#settle), clearTimeout(this.#poll)], { once: true });
    if (!watch) {
      await relist.flush();
      return;
    }
    let firstAttempt: () => void = () => {};
    const armed = new Promise<void>((resolve) => (firstAttempt = resolve));
    void watchEvents(this.#s.client, {
      signal,
      filters: { type: ['service', 'container'], event: [...new Set<string>([...SERVICE_EVENTS, ...WATCHED_EVENTS])] },
      backoff: this.#s.backoff ?? { initialMs: 200, maxMs: 5_000 },
      onEvent: (event) => this.#onEvent(event, signal),
      onConnected: async () => {
        if (this.#listings > 0) this.#reconnects += 1;
        await relist.flush();
        firstAttempt();
      },
      onDisconnected: (error, attempt, retryInMs) => {
        this.#fail(error, `event stream lost, keeping the last configuration (polling goes on); retry ${attempt} in ${retryInMs} ms`);
        if (attempt === 1) this.#schedulePoll(signal);
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
        refreshSeconds: this.#s.options.refreshMs / 1000,
        services: this.#snapshot?.services.length ?? 0,
        runningTasks: this.#snapshot?.tasks.filter((t) => t.Status?.State === TASK_RUNNING).length ?? 0,
        draining: [...this.#draining.keys()].map((id) => id.slice(0, 12)),
        listings: this.#listings,
        reconnects: this.#reconnects,
        lastEvent: this.#lastEvent,
      },
    };
  }

  #schedulePoll(signal: AbortSignal): void {
    if (signal.aborted) return;
    clearTimeout(this.#poll);
    this.#poll = setTimeout(() => this.#relist?.trigger(), this.#busy ? (this.#s.busyRefreshMs ?? 1_000) : this.#s.options.refreshMs);
    this.#poll.unref();
  }

  #onEvent(event: DockerEvent, signal: AbortSignal): void {
    const action = event.Action ?? '';
    const attributes = event.Actor?.Attributes ?? {};
    const taskId = attributes[TASK_CONTAINER_LABELS.taskId];
    if (event.Type === 'container') {
      if (taskId === undefined) return;
      if (action === 'kill') void this.#onKill(taskId, event.Actor?.ID ?? '', attributes.signal, signal);
      else if (action === 'die') this.#drain(taskId, 'exited');
    }
    this.#lastEvent = { type: event.Type ?? '', action, name: attributes.name ?? '', at: this.#now() };
    this.#relist?.trigger();
    clearTimeout(this.#settle);
    this.#settle = setTimeout(() => this.#relist?.trigger(), this.#s.settleMs ?? 150);
    this.#settle.unref();
  }

  async #onKill(taskId: string, containerId: string, signalText: string | undefined, abort: AbortSignal): Promise<void> {
    const terminating = await isTerminatingKill(this.#s.client, containerId, signalText);
    if (terminating && !abort.aborted) this.#drain(taskId, 'stopping');
  }

  /** Marks a task draining and re-emits the cached listing at once (see module comment). */
  #drain(taskId: string, reason: DrainEvent['reason']): void {
    if (this.#draining.has(taskId)) return;
    const drainMs = this.#s.drainTimeoutMs ?? 60_000;
    this.#draining.set(taskId, this.#now() + drainMs);
    setTimeout(() => this.#relist?.trigger(), drainMs + 1).unref();
    const task = this.#snapshot?.tasks.find((t) => t.ID === taskId);
    if (task === undefined || this.#snapshot === undefined) return;
    const service = this.#snapshot.services.find((s) => s.ID === task.ServiceID)?.Spec.Name ?? task.ServiceID;
    const taskName = `${service}.${task.Slot !== undefined && task.Slot > 0 ? task.Slot : (task.NodeID ?? '')}`;
    this.#publish(this.#snapshot, { id: taskId, name: taskName, reason });
  }

  async #list(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    const timeout = this.#s.requestTimeoutMs ?? 0;
    const abortSignal = timeout > 0 ? AbortSignal.any([signal, AbortSignal.timeout(timeout)]) : signal;
    const client = this.#s.client;
    const [services, tasks, networks, containers] = await Promise.all([
      client.listServices({ abortSignal } as object) as Promise<unknown> as Promise<SwarmServiceEntry[]>,
      client.listTasks({ abortSignal }) as Promise<SwarmTaskEntry[]>,
      client.listNetworks({ filters: { scope: ['swarm'] }, abortSignal } as object) as Promise<unknown> as Promise<SwarmNetworkEntry[]>,
      client.listContainers({ filters: { label: [TASK_CONTAINER_LABELS.taskId] }, abortSignal }),
    ]);
    if (signal.aborted) return;
    this.#listings += 1;
    const health = new Map<string, ContainerHealth>(containers.map((c) => [c.Id, healthFromStatus(c.Status)]));
    this.#snapshot = { services, tasks, networks, health };
    // A draining task stays draining until it no longer runs.
    const running = new Set(tasks.filter((t) => t.Status?.State === TASK_RUNNING).map((t) => t.ID));
    for (const id of this.#draining.keys()) if (!running.has(id)) this.#draining.delete(id);
    this.#busy = services.some((s) => UPDATING_STATES.includes(s.UpdateStatus?.State ?? ''))
      || tasks.some((t) => t.DesiredState === TASK_RUNNING && STARTING_STATES.includes(t.Status?.State ?? ''));
    this.#publish(this.#snapshot);
    this.#state = 'ok';
    this.#lastError = undefined;
  }

  /**
   * Translates and emits, unless the result equals the last emitted one. Servers draining now
   * that were not before go to `onDrain` first, whether an event (`cause`) or a listing (a task
   * told to shut down, on any node) revealed them.
   */
  #publish(snapshot: SwarmSnapshot, cause?: { readonly id: string; readonly name: string; readonly reason: DrainEvent['reason'] }): void {
    const now = this.#now();
    for (const [id, until] of this.#draining) if (until <= now) this.#draining.delete(id);
    const { config, errors } = servicesToConfig(snapshot, { ...this.#s.options, provider: this.name }, new Set(this.#draining.keys()));
    const signature = JSON.stringify([config, errors]);
    if (signature === this.#lastSignature) return;
    const servers = newlyDraining(this.#lastConfig, config);
    this.#lastSignature = signature;
    this.#lastConfig = config;
    this.#lastUpdate = now;
    if (servers.length > 0) {
      const name = cause?.name ?? `tasks told to shut down (${[...new Set(servers.map((s) => s.service))].join(', ')})`;
      this.#log.info({ provider: this.name, task: name, servers }, `task ${cause?.reason ?? 'stopping'}: draining its servers`);
      this.#s.onDrain?.({ provider: this.name, containerId: cause?.id ?? '', containerName: name, reason: cause?.reason ?? 'stopping', servers });
    }
    for (const e of errors) this.#log.warn({ provider: this.name, ...e }, 'swarm service configuration rejected');
    this.#s.onLive?.(liveUrls(config));
    this.#emit?.({ provider: this.name, config, errors });
  }

  #fail(error: unknown, message?: string): void {
    const text = error instanceof Error ? error.message : String(error);
    const hint = /not a swarm manager|swarm mode/i.test(text) ? ' (the swarm provider needs a manager node: deploy Junction with the placement constraint node.role == manager)' : '';
    this.#state = 'error';
    const failure = dockerError('LB_DOCKER_ENGINE', message === undefined ? `cannot list swarm services: ${text}${hint}` : `${message}: ${text}`);
    this.#lastError = { ...failure, at: this.#now() };
    this.#log.warn({ provider: this.name, endpoint: this.#s.endpoint, err: text }, failure.message);
  }
}
