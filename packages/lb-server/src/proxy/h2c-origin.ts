/**
 * The upstream connection of one `h2c://` origin (cleartext HTTP/2, see `dispatcher.ts`): one
 * undici `Client` speaking HTTP/2 with prior knowledge, its streams shared by every request to
 * that origin. undici's HTTP/2 client has no idle timeout (a session stays open until the server
 * ends it), so this closes it the way Go's transport (Traefik's) does with `idleConnTimeout`: a
 * sweep every half idle period closes a client that ran no request over a whole period, after
 * taking it out of service, so no request ever meets a closing client; the next request opens a
 * new connection. A server removed from the configuration thus loses its connection after at
 * most 1.5 × the idle time (90 s by default). Long-lived streams (gRPC streaming) keep theirs.
 */
import type { EventEmitter } from 'node:events';
import type { Dispatcher } from 'undici';
import { Client, DispatcherBase, errors } from '../undici-parts';

/** See module comment. */
export class H2cOrigin extends DispatcherBase {
  readonly #url: string;
  readonly #options: Client.Options;
  readonly #sweepMs: number;
  #client: Client | undefined;
  /** A request was dispatched since the last sweep. */
  #used = false;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  /** `url`: `http://host:port` (where to connect); `idleMs`: how long an unused connection stays. */
  constructor(url: string, options: Client.Options, idleMs: number) {
    super();
    this.#url = url;
    this.#options = options;
    this.#sweepMs = Math.max(1000, Math.floor(idleMs / 2));
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    if (this.#closed) throw new errors.ClientClosedError();
    this.#used = true;
    let client = this.#client;
    if (client === undefined) {
      client = this.#client = new Client(this.#url, this.#options);
      // The agent listens for `drain(origin, targets)` (its typings name only the origin).
      (client as EventEmitter).on('drain', (origin: URL, targets: readonly Dispatcher[]) =>
        (this as EventEmitter).emit('drain', origin, [this, ...targets]),
      );
      this.#timer ??= setInterval(() => this.#sweep(), this.#sweepMs).unref();
    }
    return client.dispatch(options, handler);
  }

  /** Closes the client when nothing used it since the last sweep and nothing runs on it. */
  #sweep(): void {
    const client = this.#client;
    if (client === undefined) return this.#stopTimer();
    const { running, pending } = client.stats;
    if (this.#used || running > 0 || pending > 0) {
      this.#used = false;
      return;
    }
    this.#client = undefined; // out of service first: the next request gets a new client
    this.#stopTimer();
    client.close().catch(() => undefined);
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  override close(): Promise<void>;
  override close(callback: () => void): void;
  override close(callback?: () => void): Promise<void> | void {
    this.#closed = true;
    this.#stopTimer();
    const closing = this.#client?.close() ?? Promise.resolve();
    this.#client = undefined;
    if (callback === undefined) return closing;
    void closing.then(callback, callback);
  }

  override destroy(): Promise<void>;
  override destroy(error: Error | null): Promise<void>;
  override destroy(callback: () => void): void;
  override destroy(error: Error | null, callback: () => void): void;
  override destroy(a?: Error | null | (() => void), b?: () => void): Promise<void> | void {
    const error = typeof a === 'function' ? null : (a ?? null);
    const callback = typeof a === 'function' ? a : b;
    this.#closed = true;
    this.#stopTimer();
    const destroying = this.#client?.destroy(error) ?? Promise.resolve();
    this.#client = undefined;
    if (callback === undefined) return destroying;
    void destroying.then(callback, callback);
  }
}
