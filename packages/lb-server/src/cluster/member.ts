/**
 * A worker's side of a `--workers N` cluster: its index (from the environment the primary set)
 * and the IPC channel to the primary — broadcast a value to the other workers, receive theirs
 * (plus, at start, the latest of each that the primary kept), collect something from every
 * worker (the primary merges it), and learn when to stop (the primary asks, or the primary is
 * gone).
 */
import cluster from 'node:cluster';
import { isClusterMessage, WORKER_INDEX_ENV, type ClusterMessage, type Collectable, type Topic } from './protocol';

/** How long a collection may take before it fails (a worker that hangs must not hang `/metrics`). */
const COLLECT_TIMEOUT_MS = 5_000;

/** Receives one broadcast value. */
export type TopicHandler = (key: string, data: unknown) => void;

/** The part of {@link ClusterMember} the sync modules use: its index, broadcasting and receiving. */
export type BroadcastChannel = Pick<ClusterMember, 'index' | 'broadcast' | 'on'>;

/** This process as a cluster worker (see module comment). */
export class ClusterMember {
  /** 0 … N-1; a replacement keeps the index of the worker it replaces. Worker 0 runs active health checks. */
  readonly index: number;
  /** Resolves when the primary has answered `hello` (replay received). */
  readonly welcomed: Promise<void>;
  /** Resolves when the primary asks this worker to stop, or when the IPC channel closes. */
  readonly stopRequested: Promise<void>;
  readonly #handlers = new Map<Topic, TopicHandler>();
  readonly #early: { topic: Topic; key: string; data: unknown }[] = [];
  readonly #sharers = new Map<Collectable, () => unknown>();
  readonly #pending = new Map<
    number,
    { resolve: (data: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }
  >();
  #nextId = 0;

  #welcome: () => void = () => undefined;

  constructor(index: number) {
    this.index = index;
    this.welcomed = new Promise<void>((resolve) => (this.#welcome = resolve));
    let stop: () => void = () => undefined;
    this.stopRequested = new Promise<void>((resolve) => (stop = resolve));
    process.on('message', (message: unknown) => {
      if (!isClusterMessage(message)) return;
      if (message.kind === 'shutdown') stop();
      else this.#receive(message);
    });
    process.once('disconnect', stop);
    this.#send({ junction: 1, kind: 'hello' });
  }

  /** Sends `data` to every other worker under `topic`; the primary keeps the latest per `key` for workers started later. */
  broadcast(topic: Topic, key: string, data: unknown): void {
    this.#send({ junction: 1, kind: 'broadcast', topic, key, data });
  }

  /** Receives the other workers' broadcasts on `topic` (those that arrived before are delivered now). */
  on(topic: Topic, handler: TopicHandler): void {
    this.#handlers.set(topic, handler);
    const early = this.#early.filter((item) => item.topic === topic);
    this.#early.splice(0, this.#early.length, ...this.#early.filter((item) => item.topic !== topic));
    for (const item of early) handler(item.key, item.data);
  }

  /** Answers the primary's requests for `what` with `share()` (may return a promise). */
  share(what: Collectable, share: () => unknown): void {
    this.#sharers.set(what, share);
  }

  /** Asks the primary to gather `what` from every worker and merge it. */
  collect(what: Collectable): Promise<unknown> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`cluster: collecting ${what} timed out`));
      }, COLLECT_TIMEOUT_MS);
      this.#pending.set(id, { resolve, reject, timer });
      this.#send({ junction: 1, kind: 'collect', id, what });
    });
  }

  /** Tells the primary that every entry point listens. */
  ready(): void {
    this.#send({ junction: 1, kind: 'ready' });
  }

  #receive(message: ClusterMessage): void {
    switch (message.kind) {
      case 'broadcast':
        return this.#deliver(message.topic, message.key, message.data);
      case 'replay':
        for (const item of message.items) this.#deliver(item.topic, item.key, item.data);
        this.#welcome();
        return;
      case 'share':
        return void this.#answer(message.id, message.what);
      case 'collected': {
        const pending = this.#pending.get(message.id);
        if (pending === undefined) return;
        this.#pending.delete(message.id);
        clearTimeout(pending.timer);
        if (message.error === undefined) pending.resolve(message.data);
        else pending.reject(new Error(message.error));
        return;
      }
      default:
    }
  }

  #deliver(topic: Topic, key: string, data: unknown): void {
    const handler = this.#handlers.get(topic);
    if (handler === undefined) this.#early.push({ topic, key, data });
    else handler(key, data);
  }

  async #answer(id: number, what: Collectable): Promise<void> {
    const share = this.#sharers.get(what);
    let data: unknown = null;
    try {
      data = share === undefined ? null : await share();
    } catch {
      data = null;
    }
    this.#send({ junction: 1, kind: 'shared', id, data });
  }

  #send(message: ClusterMessage): void {
    if (process.connected) process.send?.(message);
  }
}

/**
 * This process's membership of a cluster once the primary has welcomed it, or `undefined` when it
 * runs alone (no `--workers`, or a worker started by something other than Junction's primary).
 */
export async function joinCluster(env: NodeJS.ProcessEnv = process.env): Promise<ClusterMember | undefined> {
  const index = Number(env[WORKER_INDEX_ENV]);
  if (!cluster.isWorker || env[WORKER_INDEX_ENV] === undefined || !Number.isInteger(index)) return undefined;
  const member = new ClusterMember(index);
  await member.welcomed;
  return member;
}
