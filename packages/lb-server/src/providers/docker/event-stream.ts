/**
 * The Docker event subscription with reconnection (traefik `pdocker.go` `listenProviderEvents`,
 * preevy `events-client.ts`). It subscribes to container events, reports each parsed event, and
 * when the stream breaks (dockerd restarting sends `error` ECONNRESET then `close`, never `end`)
 * retries with capped exponential backoff. `onConnected` runs after each (re)subscription: the
 * provider lists again there, because events in the gap are lost. Subscribing before listing means
 * no change can fall between the two.
 */
import type { DockerClient } from './endpoint';

/** Container events that change routing. */
export const WATCHED_EVENTS = ['start', 'die', 'stop', 'kill', 'health_status', 'destroy', 'pause', 'unpause'] as const;

/** One event as the Docker API sends it (the fields the provider reads). */
export interface DockerEvent {
  readonly Type?: string;
  /** `kill`, `die`, `health_status: healthy`… */
  readonly Action?: string;
  readonly Actor?: { readonly ID?: string; readonly Attributes?: Readonly<Record<string, string>> };
  readonly id?: string;
  readonly time?: number;
}

/** Backoff settings. */
export interface Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
}

/** Callbacks and settings of {@link watchEvents}. */
export interface WatchEventsOptions {
  readonly onEvent: (event: DockerEvent) => void;
  /** After each successful subscription; awaited before events are processed further. */
  readonly onConnected: () => Promise<void>;
  /** When subscribing fails or the stream breaks; `attempt` counts consecutive failures from 1. */
  readonly onDisconnected: (error: Error, attempt: number, retryInMs: number) => void;
  readonly backoff: Backoff;
  readonly signal: AbortSignal;
  /** Event filters; default container events in {@link WATCHED_EVENTS} (the Swarm provider adds service events). */
  readonly filters?: Readonly<Record<string, readonly string[]>>;
}

/** Runs until `signal` aborts (see module comment). */
export async function watchEvents(client: DockerClient, options: WatchEventsOptions): Promise<void> {
  const { signal } = options;
  let failures = 0;
  while (!signal.aborted) {
    let error: Error | undefined;
    try {
      const stream = await client.getEvents({
        filters: options.filters ?? { type: ['container'], event: [...WATCHED_EVENTS] },
      });
      if (signal.aborted) {
        destroy(stream);
        return;
      }
      const consumed = consume(stream, options.onEvent, signal);
      failures = 0;
      await options.onConnected();
      error = await consumed;
    } catch (caught) {
      error = caught instanceof Error ? caught : new Error(String(caught));
    }
    if (signal.aborted || error === undefined) return;
    failures += 1;
    const wait = Math.min(options.backoff.maxMs, options.backoff.initialMs * 2 ** (failures - 1));
    options.onDisconnected(error, failures, wait);
    await sleep(wait, signal);
  }
}

/** Reads newline-delimited JSON events until the stream fails, ends or `signal` aborts. */
function consume(
  stream: NodeJS.ReadableStream,
  onEvent: (event: DockerEvent) => void,
  signal: AbortSignal,
): Promise<Error | undefined> {
  return new Promise((resolve) => {
    let buffer = '';
    let settled = false;
    const finish = (error: Error | undefined) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      destroy(stream);
      resolve(error);
    };
    const onAbort = () => finish(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    stream.on('data', (chunk: Buffer | string) => {
      buffer += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        if (line === '') continue;
        let event: DockerEvent;
        try {
          event = JSON.parse(line) as DockerEvent;
        } catch {
          continue;
        }
        onEvent(event);
      }
    });
    stream.on('error', (error: Error) => finish(error));
    stream.on('end', () => finish(new Error('event stream ended')));
    stream.on('close', () => finish(new Error('event stream closed')));
  });
}

function destroy(stream: NodeJS.ReadableStream): void {
  const candidate = stream as NodeJS.ReadableStream & { destroy?: () => void };
  candidate.destroy?.();
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
