/**
 * The primary process of `--workers N`: it serves no traffic. It forks N workers (Node's cluster:
 * each runs the whole Junction and listens on every entry point), relays what one worker
 * broadcasts to the others (health verdicts, overrides) and replays the latest of each to a
 * worker that starts later, merges what a worker collects from all
 * (`/metrics`, dashboard statistics), replaces a worker that dies (logged, with backoff so a
 * crash loop does not spin), and on SIGTERM/SIGINT asks every worker to drain and exits 0 once
 * all have exited 0.
 *
 * A worker that fails before it ever became ready while no worker is ready yet (a port in use,
 * a bad option only a provider checks) stops the cluster with that worker's exit code, as a
 * single process would exit.
 */
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '../log';
import type { StaticOptions } from '../options';
import { createRestartPolicy } from './backoff';
import {
  isClusterMessage,
  WORKER_INDEX_ENV,
  type ClusterMessage,
  type Collectable,
  type CollectRequest,
  type Topic,
} from './protocol';

/** Merges the workers' shares of a collection into the answer. */
export type Mergers = Readonly<Record<Collectable, (shares: readonly unknown[]) => unknown>>;

/** What {@link runPrimary} needs. */
export interface PrimaryOptions {
  readonly options: StaticOptions;
  readonly logger: Logger;
  readonly merge: Mergers;
}

/** How long a worker has to answer its share of a collection. */
const SHARE_TIMEOUT_MS = 4_000;

interface Slot {
  worker: Worker | undefined;
  ready: boolean;
  timer: NodeJS.Timeout | undefined;
}

/** Runs the primary until the cluster has stopped; resolves with the process exit code. */
export async function runPrimary({ options, logger, merge }: PrimaryOptions): Promise<number> {
  const slots: Slot[] = Array.from({ length: options.workers }, () => ({
    worker: undefined,
    ready: false,
    timer: undefined,
  }));
  const restarts = createRestartPolicy();
  const latest = new Map<string, { topic: Topic; key: string; data: unknown }>();
  const collections = new Map<number, { shares: unknown[]; pending: number; finish: () => void }>();
  let nextShare = 0;
  let stopping = false;
  let anyReady = false;
  let failure: number | undefined;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));

  const live = (): Worker[] => slots.flatMap((s) => (s.worker?.isConnected() === true ? [s.worker] : []));
  const send = (worker: Worker, message: ClusterMessage): void => {
    if (worker.isConnected()) worker.send(message);
  };

  const collect = (from: Worker, request: CollectRequest): void => {
    const workers = live();
    const id = nextShare++;
    const entry = { shares: [] as unknown[], pending: workers.length, finish: () => undefined as void };
    const timer = setTimeout(() => entry.finish(), SHARE_TIMEOUT_MS);
    entry.finish = () => {
      clearTimeout(timer);
      collections.delete(id);
      Promise.resolve()
        .then(() => merge[request.what](entry.shares))
        .then(
          (data) => send(from, { junction: 1, kind: 'collected', id: request.id, data }),
          (error: unknown) => send(from, { junction: 1, kind: 'collected', id: request.id, error: String(error) }),
        );
    };
    collections.set(id, entry);
    for (const worker of workers) send(worker, { junction: 1, kind: 'share', id, what: request.what });
  };

  const onMessage = (index: number, worker: Worker, message: unknown): void => {
    if (!isClusterMessage(message)) return;
    switch (message.kind) {
      case 'hello':
        send(worker, { junction: 1, kind: 'replay', items: [...latest.values()] });
        return;
      case 'ready':
        slots[index]!.ready = true;
        anyReady = true;
        logger.info({ worker: index, pid: worker.process.pid }, 'worker ready');
        return;
      case 'broadcast':
        // `null` withdraws a value (a server no longer checked): nothing to replay for it.
        if (message.data === null) latest.delete(`${message.topic}\u0000${message.key}`);
        else
          latest.set(`${message.topic}\u0000${message.key}`, {
            topic: message.topic,
            key: message.key,
            data: message.data,
          });
        // Overrides go back to their sender too: every worker then applies the same sequence, so
        // two operators changing one server at once end with the same result everywhere.
        for (const other of live()) if (other !== worker || message.topic === 'overrides') send(other, message);
        return;
      case 'collect':
        collect(worker, message);
        return;
      case 'shared': {
        const entry = collections.get(message.id);
        if (entry === undefined) return;
        entry.shares.push(message.data);
        if (--entry.pending === 0) entry.finish();
        return;
      }
      default:
    }
  };

  const fork = (index: number): void => {
    const slot = slots[index]!;
    slot.timer = undefined;
    slot.ready = false;
    const worker = cluster.fork({ [WORKER_INDEX_ENV]: String(index) });
    slot.worker = worker;
    restarts.started(index);
    logger.info({ worker: index, pid: worker.process.pid }, 'worker started');
    worker.on('message', (message: unknown) => onMessage(index, worker, message));
    worker.once('exit', (code, signal) => onExit(index, worker, code, signal));
  };

  const onExit = (index: number, worker: Worker, code: number | null, signal: string | null): void => {
    const slot = slots[index]!;
    const wasReady = slot.ready;
    if (slot.worker === worker) slot.worker = undefined;
    slot.ready = false;
    const fields = { worker: index, pid: worker.process.pid, code, signal };
    if (stopping) {
      logger.info(fields, 'worker stopped');
      if (code !== 0) failure = code ?? 1;
    } else if (!wasReady && !anyReady) {
      // Nothing ever served: fail like a single process would, with its code.
      logger.error(fields, 'worker failed to start: stopping');
      failure = code ?? 1;
      shutdown();
    } else {
      const delayMs = restarts.delayAfterExit(index);
      logger.error({ ...fields, restartInMs: delayMs }, 'worker died: replacing it');
      slot.timer = setTimeout(() => fork(index), delayMs);
    }
    if (stopping && slots.every((s) => s.worker === undefined)) done();
  };

  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    for (const slot of slots) clearTimeout(slot.timer);
    for (const worker of live()) send(worker, { junction: 1, kind: 'shutdown' });
    const lifeCycles = Object.values(options.entryPoints).map((e) => e.transport.lifeCycle);
    const graceMs = Math.max(0, ...lifeCycles.map((l) => l.graceTimeOut + l.requestAcceptGraceTimeout)) + 5_000;
    setTimeout(() => {
      for (const slot of slots) slot.worker?.process.kill('SIGKILL');
    }, graceMs).unref();
    if (slots.every((s) => s.worker === undefined)) done();
  };

  const onSignal = (signal: NodeJS.Signals): void => {
    logger.info({ signal, workers: live().length }, 'shutting down the workers');
    shutdown();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  logger.info({ workers: options.workers, pid: process.pid }, 'cluster primary started');
  for (let i = 0; i < slots.length; i++) fork(i);

  await finished;
  process.off('SIGTERM', onSignal);
  process.off('SIGINT', onSignal);
  logger.info({ code: failure ?? 0 }, 'stopped');
  logger.flush();
  return failure ?? 0;
}
