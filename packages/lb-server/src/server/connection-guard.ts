/**
 * Connection limits of one entry point (Junction's `transport.maxConnections` and
 * `transport.maxConnectionsPerIP`), so slow or idle clients cannot exhaust the process.
 *
 * Every accepted connection is tracked with its peer address, its requests in flight and how many
 * bytes it had read when it last became idle. A connection is *idle* when no byte of a new request
 * has arrived since it was accepted or since its last response ended: a fresh connection that has
 * sent nothing, or a keep-alive connection waiting for its next request.
 *
 * At `maxConnections`, a new connection first makes room by closing the oldest idle connection,
 * as nginx reuses its keep-alive and still-silent connections when `worker_connections` run out;
 * only when none is idle is the new connection itself closed. Connections that are reading a request
 * or waiting for its answer are never shed: a slow request is ended by `readTimeout`, not by newer
 * clients. Past `maxConnectionsPerIP` connections from one peer address, new ones from that address
 * are closed (HAProxy's `src_conn_cur` rule, counted on the TCP peer since no header has been read
 * yet). Both bounds log at most one line per interval with what happened since the last line (as
 * HAProxy's "reached the maxconn limit"; see `connection-limit-log.ts`): an error when connections
 * were refused, a warning when idle ones were only shed; 0 means no bound.
 *
 * On a TLS entry point the guard accepts the TCP socket; once its handshake completes, the TLS
 * socket carrying it (`secure`) is what requests name, so requests and idleness are tracked on
 * the TLS socket under the TCP socket's entry.
 *
 * Idle connections, oldest first, are a list threaded through their own records, not a `Set`:
 * each request takes its connection out and each answer puts it back, and a long-lived `Set` with
 * that churn rebuilds its hash table every few dozen operations, in V8's old generation once the
 * set has aged there. Under a pinned wrk -c50 load that was about half of what Junction's old
 * generation grew by (issue #12, V8's sampling heap profiler with objects collected by full
 * collections), a full collection every ~2 s, each stalling the event loop for 20–30 ms.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { DEFAULT_LIMIT_LOG_INTERVAL_MS, type LimitLogger, LimitLog } from './connection-limit-log';

export { DEFAULT_LIMIT_LOG_INTERVAL_MS, type LimitLogger } from './connection-limit-log';

/** Default of `transport.maxConnections` (see the lb-server README for the reasoning). */
export const DEFAULT_MAX_CONNECTIONS = 10_000;

/** The bounds of one entry point; 0 = none. */
export interface ConnectionLimits {
  readonly maxConnections: number;
  readonly maxConnectionsPerIP: number;
}

/** Counters since the guard started. */
export interface ConnectionStats {
  readonly open: number;
  /** New connections closed at `maxConnections` (no idle one to shed). */
  readonly refused: number;
  /** New connections closed at `maxConnectionsPerIP`. */
  readonly refusedPerIP: number;
  /** Idle connections closed to make room for a new one. */
  readonly shed: number;
}

/** One tracked connection (exported for the idle list's test). */
export interface Tracked {
  readonly ip: string;
  /** The accepted socket (the `#conns` key). */
  readonly accepted: Socket;
  /** The socket requests arrive on: the accepted one, or the TLS socket over it. */
  view: Socket;
  inFlight: number;
  /** `socket.bytesRead` when the connection was accepted or its last response ended. */
  bytesAtIdle: number;
  /** The response in progress, if any. */
  response: ServerResponse | undefined;
  /** Whether the connection is in the idle list, and its neighbours there (older, newer). */
  idleListed: boolean;
  idlePrev: Tracked | undefined;
  idleNext: Tracked | undefined;
}

/** The record of a connection just accepted from `ip` on `socket`: nothing read yet, not listed idle. */
export function newTracked(ip: string, socket: Socket): Tracked {
  return {
    ip,
    accepted: socket,
    view: socket,
    inFlight: 0,
    bytesAtIdle: 0,
    response: undefined,
    idleListed: false,
    idlePrev: undefined,
    idleNext: undefined,
  };
}

/** Connections that were idle when last seen, oldest first, linked through their records. */
export class IdleList {
  #head: Tracked | undefined;
  #tail: Tracked | undefined;

  /** Appends `conn` as the newest, unless it is listed already (where it stays). */
  add(conn: Tracked): void {
    if (conn.idleListed) return;
    conn.idleListed = true;
    conn.idlePrev = this.#tail;
    conn.idleNext = undefined;
    if (this.#tail === undefined) this.#head = conn;
    else this.#tail.idleNext = conn;
    this.#tail = conn;
  }

  delete(conn: Tracked): void {
    if (!conn.idleListed) return;
    conn.idleListed = false;
    const prev = conn.idlePrev;
    const next = conn.idleNext;
    if (prev === undefined) this.#head = next;
    else prev.idleNext = next;
    if (next === undefined) this.#tail = prev;
    else next.idlePrev = prev;
    conn.idlePrev = undefined;
    conn.idleNext = undefined;
  }

  /** The connection listed longest. */
  oldest(): Tracked | undefined {
    return this.#head;
  }
}

/** The connection a response belongs to (set per request, read at its `close`). */
const kConn = Symbol('junction.guardConnection');

declare module 'node:http' {
  interface ServerResponse {
    [kConn]?: Tracked;
  }
}

/** Tracks and bounds the connections of one HTTP server (see module comment). */
export class ConnectionGuard {
  readonly #conns = new Map<Socket, Tracked>();
  /** Connections that were idle when last seen (see module comment). */
  readonly #idle = new IdleList();
  readonly #perIP = new Map<string, number>();
  /** TLS socket → the accepted TCP socket it runs over. */
  readonly #secure = new WeakMap<Socket, Socket>();
  /** Counters of closed connections, and the throttled log line about them. */
  readonly #limitLog: LimitLog;
  /** Every response's `close` listener: one function per guard, no closure per request. */
  readonly #onResponseClose: (this: ServerResponse) => void;

  constructor(
    entryPoint: string,
    private readonly limits: ConnectionLimits,
    logger?: LimitLogger,
    logIntervalMs = DEFAULT_LIMIT_LOG_INTERVAL_MS,
  ) {
    this.#limitLog = new LimitLog(entryPoint, limits, logger, logIntervalMs, () => this.#conns.size);
    const idle = this.#idle;
    this.#onResponseClose = function responseClosed(this: ServerResponse): void {
      const conn = this[kConn];
      if (conn === undefined) return;
      this[kConn] = undefined;
      conn.inFlight -= 1;
      if (conn.response === this) conn.response = undefined;
      const socket = conn.view; // the socket requests arrive on (see `#request`)
      if (conn.inFlight > 0 || socket.destroyed) return;
      conn.bytesAtIdle = socket.bytesRead;
      idle.add(conn);
    };
  }

  /** Starts tracking `server`'s connections and requests. */
  attach(server: Server): void {
    server.on('connection', (socket: Socket) => this.#accept(socket));
    server.on('request', (req: IncomingMessage, res: ServerResponse) => this.#request(req.socket, res));
    server.once('close', () => this.#limitLog.stop());
  }

  /** Tracks the requests of a server whose connections this guard accepted (a TLS entry point's TLS server). */
  attachRequests(server: NodeJS.EventEmitter): void {
    server.on('request', (req: IncomingMessage, res: ServerResponse) =>
      this.#request(this.#secure.get(req.socket) ?? req.socket, res),
    );
  }

  /** The accepted `raw` connection now carries the TLS socket `tls` (its handshake is complete). */
  secure(tls: Socket, raw: Socket): void {
    const conn = this.#conns.get(raw);
    if (conn === undefined) return;
    this.#secure.set(tls, raw);
    conn.view = tls;
    conn.bytesAtIdle = tls.bytesRead;
  }

  /** True when no byte of a new request has arrived on `socket` since it was accepted or last answered. */
  quiet(socket: Socket): boolean {
    const conn = this.#find(socket);
    return conn !== undefined && conn.inFlight === 0 && conn.view.bytesRead === conn.bytesAtIdle;
  }

  /** True when a response on `socket` has sent its head. */
  responseStarted(socket: Socket): boolean {
    return this.#find(socket)?.response?.headersSent === true;
  }

  #find(socket: Socket): Tracked | undefined {
    return this.#conns.get(this.#secure.get(socket) ?? socket);
  }

  /** Counters since start. */
  stats(): ConnectionStats {
    return { open: this.#conns.size, ...this.#limitLog.total };
  }

  #accept(socket: Socket): void {
    const ip = socket.remoteAddress ?? '';
    const { maxConnections, maxConnectionsPerIP } = this.limits;
    if (maxConnectionsPerIP > 0 && (this.#perIP.get(ip) ?? 0) >= maxConnectionsPerIP) {
      socket.destroy();
      this.#limitLog.count('refusedPerIP');
      return;
    }
    const full = maxConnections > 0 && this.#conns.size >= maxConnections;
    if (full && !this.#shedOldestIdle()) {
      socket.destroy();
      this.#limitLog.count('refused');
      return;
    }
    const conn = newTracked(ip, socket);
    this.#conns.set(socket, conn);
    this.#idle.add(conn);
    this.#perIP.set(ip, (this.#perIP.get(ip) ?? 0) + 1);
    socket.once('close', () => this.#forget(socket));
    if (full) this.#limitLog.count('shed');
  }

  /**
   * A request on the connection accepted as `accepted` (the socket it came on, or the TCP one
   * under its TLS socket: then the connection's `view`, which `secure` set before any request).
   */
  #request(accepted: Socket, res: ServerResponse): void {
    const conn = this.#conns.get(accepted);
    if (conn === undefined) return;
    conn.inFlight += 1;
    conn.response = res;
    this.#idle.delete(conn);
    res[kConn] = conn;
    res.on('close', this.#onResponseClose); // emitted once per response
  }

  #forget(socket: Socket): void {
    const conn = this.#conns.get(socket);
    if (conn === undefined) return;
    this.#conns.delete(socket);
    this.#idle.delete(conn);
    const left = (this.#perIP.get(conn.ip) ?? 1) - 1;
    if (left > 0) this.#perIP.set(conn.ip, left);
    else this.#perIP.delete(conn.ip);
  }

  /** Closes the connection idle for the longest time; false when none is idle. */
  #shedOldestIdle(): boolean {
    for (let conn = this.#idle.oldest(); conn !== undefined; conn = this.#idle.oldest()) {
      this.#idle.delete(conn);
      const socket = conn.accepted;
      if (!this.quiet(socket) || socket.destroyed) continue; // reading a request: re-added when answered
      this.#forget(socket);
      conn.view.destroy();
      socket.destroy();
      return true;
    }
    return false;
  }
}
