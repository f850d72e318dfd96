/**
 * Server-sent events for the dashboard (`GET /api/junction/events`): every connected browser
 * gets the {@link DashboardState} once a second and right after each runtime change or override
 * (coalesced into one push per turn of the event loop). The state is computed and serialised
 * once per push, whatever the number of viewers. The timer runs only while someone watches.
 *
 * Each message is `event: state` + one `data:` line of JSON. Streams are ended when the server
 * closes (`close()`), so shutdown never waits on an open dashboard.
 */
import type { ServerResponse } from 'node:http';
import type { DashboardState } from './state-types';

/** Options of {@link StateHub}. */
export interface StateHubOptions {
  /** Computes the current state. */
  readonly compute: () => DashboardState;
  /** Push period, ms. Default 1000. */
  readonly intervalMs?: number;
}

/** The default push period. */
export const STATE_INTERVAL_MS = 1000;

/** Fan-out of the dashboard state to event-stream clients (see module comment). */
export class StateHub {
  readonly #clients = new Set<ServerResponse>();
  readonly #compute: () => DashboardState;
  readonly #intervalMs: number;
  #timer: NodeJS.Timeout | undefined;
  #scheduled = false;
  #closed = false;

  constructor(options: StateHubOptions) {
    this.#compute = options.compute;
    this.#intervalMs = options.intervalMs ?? STATE_INTERVAL_MS;
  }

  /** How many streams are open. */
  get size(): number {
    return this.#clients.size;
  }

  /** Turns `res` into an event stream and sends the current state at once. */
  add(res: ServerResponse): void {
    if (this.#closed) {
      res.writeHead(503).end();
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    this.#clients.add(res);
    res.once('close', () => {
      this.#clients.delete(res);
      if (this.#clients.size === 0) this.#stop();
    });
    res.write(this.#message());
    this.#timer ??= setInterval(() => this.push(), this.#intervalMs);
    this.#timer.unref?.();
  }

  /** Schedules one push soon (coalesces bursts of changes). */
  notify(): void {
    if (this.#scheduled || this.#clients.size === 0) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.push();
    });
  }

  /** Sends the current state to every client now. */
  push(): void {
    if (this.#clients.size === 0) return;
    const message = this.#message();
    for (const res of this.#clients) res.write(message);
  }

  /** Ends every stream and refuses new ones. */
  close(): void {
    this.#closed = true;
    this.#stop();
    for (const res of this.#clients) res.end();
    this.#clients.clear();
  }

  #message(): string {
    return `event: state\ndata: ${JSON.stringify(this.#compute())}\n\n`;
  }

  #stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
