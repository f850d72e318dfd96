/**
 * The upstream gate: origins Junction must not open new connections to, because the provider
 * said the process behind them is stopping or has exited (a container that got its stop signal,
 * or died). Found by the Docker end-to-end test under CPU pressure: a request picked for a
 * replica a moment before its drain arrived only started connecting after the container's
 * network was gone, and a SYN to an address nobody answers any more waits for the 30 s dial
 * timeout (no RST comes back). With the gate:
 *
 * - a connection to a closed origin is refused at once with {@link UPSTREAM_GONE} (nothing is
 *   sent, so the forwarder retries the request on another server);
 * - connections still being established to an origin when it closes are aborted the same way;
 * - established connections are left alone: in-flight requests on a stopping server finish
 *   (that is what draining is for), and an exited process has closed its sockets itself.
 *
 * HAProxy's `on-marked-down shutdown-sessions` is the heavier cousin (it also cuts established
 * sessions). An origin opens again when the provider lists a live server there (a restarted
 * container, or a new one given the same address); closed origins are forgotten after
 * {@link CLOSED_TTL_MS} so the set stays small on a busy host.
 */
import type { Socket } from 'node:net';
import type { buildConnector } from 'undici';

/** Code of the error a gated connection fails with. */
export const UPSTREAM_GONE = 'LB_UPSTREAM_GONE';

/** How long a closed origin stays closed without news from its provider. */
export const CLOSED_TTL_MS = 10 * 60_000;

/** undici's connector: `connect(options, callback)`. */
export type Connector = buildConnector.connector;

/** What the connector is called with (undici `buildConnector.Options`). */
type ConnectOptions = Parameters<Connector>[0];

/** The `scheme://host[:port]` key of a connection, as `URL.origin` writes it (default ports omitted). */
function originOf(options: ConnectOptions): string {
  return `${options.protocol}//${options.host ?? ''}`;
}

/**
 * `URL.origin` of a server URL; the input itself when it does not parse. An `h2c://` URL is
 * connected to as `http://` (see `dispatcher.ts`), so it is keyed that way.
 */
export function normalizeOrigin(url: string): string {
  try {
    return new URL(/^h2c:/i.test(url) ? `http:${url.slice(4)}` : url).origin;
  } catch {
    return url;
  }
}

function goneError(origin: string, why: string): Error {
  return Object.assign(new Error(`no new connection to ${origin}: ${why}`), { code: UPSTREAM_GONE });
}

/** See module comment. */
export class UpstreamGate {
  /** Closed origin → when it closed and why. */
  readonly #closed = new Map<string, { readonly at: number; readonly why: string }>();
  /** Connections being established, by origin. */
  readonly #pending = new Map<string, Set<Socket>>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Whether connections to `origin` (`URL.origin` form) are refused. */
  isClosed(origin: string): boolean {
    const entry = this.#closed.get(origin);
    if (entry === undefined) return false;
    if (this.#now() - entry.at < CLOSED_TTL_MS) return true;
    this.#closed.delete(origin);
    return false;
  }

  /** Closes the origins of `urls` (server URLs): refuses new connections, aborts those being made. */
  close(urls: Iterable<string>, why: string): void {
    const now = this.#now();
    for (const [origin, entry] of this.#closed) if (now - entry.at >= CLOSED_TTL_MS) this.#closed.delete(origin);
    for (const url of urls) {
      const origin = normalizeOrigin(url);
      this.#closed.set(origin, { at: now, why });
      const pending = this.#pending.get(origin);
      if (pending === undefined) continue;
      this.#pending.delete(origin);
      for (const socket of pending) socket.destroy(goneError(origin, why));
    }
  }

  /** Opens the origins of `urls` again (the provider lists a live server there). */
  open(urls: Iterable<string>): void {
    if (this.#closed.size === 0) return;
    for (const url of urls) this.#closed.delete(normalizeOrigin(url));
  }

  /** Origins closed now (for logs and tests). */
  closed(): string[] {
    return [...this.#closed.keys()].filter((origin) => this.isClosed(origin));
  }

  /** Wraps undici's connector: refuses closed origins, tracks connections until they are made. */
  connector(base: Connector): Connector {
    return (options, callback) => {
      const origin = originOf(options);
      const entry = this.#closed.get(origin);
      if (entry !== undefined && this.isClosed(origin)) {
        // Asynchronously, as a real connection attempt would fail.
        queueMicrotask(() => callback(goneError(origin, entry.why), null));
        return;
      }
      // The callback may run before `base` returns (a synchronous failure): the socket is read late.
      const attempt: { socket?: Socket | undefined; settled?: boolean } = {};
      const done = ((...args: Parameters<typeof callback>) => {
        attempt.settled = true;
        if (attempt.socket !== undefined) this.#forget(origin, attempt.socket);
        callback(...args);
      }) as typeof callback;
      // undici's connector returns the socket it creates (its type says void).
      const socket = (base as (o: ConnectOptions, cb: typeof callback) => Socket | undefined)(options, done);
      attempt.socket = socket;
      if (socket === undefined || socket.destroyed || attempt.settled === true) return;
      let set = this.#pending.get(origin);
      if (set === undefined) this.#pending.set(origin, (set = new Set()));
      set.add(socket);
    };
  }

  #forget(origin: string, socket: Socket): void {
    const set = this.#pending.get(origin);
    if (set === undefined) return;
    set.delete(socket);
    if (set.size === 0) this.#pending.delete(origin);
  }
}
