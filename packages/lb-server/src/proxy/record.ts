/**
 * Records a finished HTTP exchange: the request metrics (Traefik's entry point, router and service
 * families), the dashboard's per-server statistics (exchanges that reached a server) and the
 * access log, each when enabled. Called once per exchange, when its response closes; the status
 * is what the client got, or 499 when it left before the response was complete.
 *
 * The metrics are counted through a {@link RequestRecorder} per router of the entry point
 * ({@link RouterRecorders}, made when a router is first seen, freed with its runtime), and the
 * dashboard's statistics through a counter per server object ({@link ServerCounters}), so a
 * request allocates nothing for them and looks nothing up by name.
 */
import type { ServerResponse } from 'node:http';
import type { ServerStatsCounter, ServerStatsSink } from '../runtime/server-stats-sink';
import type { Metrics, RequestRecorder } from '../metrics/metrics';
import { requestProtocol } from '../metrics/protocol';
import type { AccessLog } from './access-log';
import type { RuntimeRouter, RuntimeServer } from '../runtime/runtime';
import type { Exchange } from './exchange';

/** The metrics recorders of one entry point: one per router object (a new runtime's routers get new ones). */
export class RouterRecorders {
  readonly #metrics: Metrics;
  readonly #entryPoint: string;
  readonly #byRouter = new WeakMap<RuntimeRouter, RequestRecorder>();
  #unrouted: RequestRecorder | undefined;

  constructor(metrics: Metrics, entryPoint: string) {
    this.#metrics = metrics;
    this.#entryPoint = entryPoint;
  }

  /** The recorder of `router`'s requests (undefined: requests no router matched). */
  of(router: RuntimeRouter | undefined): RequestRecorder {
    if (router === undefined) return (this.#unrouted ??= this.#metrics.requestRecorder(this.#entryPoint));
    let recorder = this.#byRouter.get(router);
    if (recorder === undefined)
      this.#byRouter.set(
        router,
        (recorder = this.#metrics.requestRecorder(this.#entryPoint, router.name, router.serviceName)),
      );
    return recorder;
  }
}

/**
 * The dashboard's counters of one entry point's servers, one per server object (a new runtime's
 * servers get new ones, freed with it). A counter the sink retired (its server left the
 * configuration, and may come back) is asked for again.
 */
export class ServerCounters {
  readonly #sink: ServerStatsSink;
  readonly #byServer = new WeakMap<RuntimeServer, ServerStatsCounter>();

  constructor(sink: ServerStatsSink) {
    this.#sink = sink;
  }

  /** The counter of `server`, a server of load-balanced service `service` (qualified name). */
  of(service: string, server: RuntimeServer): ServerStatsCounter {
    let counter = this.#byServer.get(server);
    if (counter === undefined || counter.retired)
      this.#byServer.set(server, (counter = this.#sink.counter(service, server.id)));
    return counter;
  }
}

/** Where finished exchanges go (at least one is set). */
export interface RecordSinks {
  readonly metrics?: Metrics | undefined;
  readonly accessLog?: AccessLog | undefined;
  readonly stats?: ServerCounters | undefined;
  /** The entry point's recorders for {@link metrics} (without: `metrics.recordRequest`). */
  readonly recorders?: RouterRecorders | undefined;
}

/**
 * The metrics' `protocol` label: `http` at once for the usual request (no `Upgrade`, no
 * `Content-Type`, no `Accept` naming an event stream), else Traefik's classification.
 */
export function protocolOf(ex: Exchange): string {
  const headers = ex.req.headers;
  const accept = headers.accept;
  if (
    headers.upgrade === undefined &&
    headers['content-type'] === undefined &&
    (accept === undefined || !/event-stream/i.test(accept))
  )
    return 'http';
  return requestProtocol(headers);
}

/** Records `ex` in every sink (see module comment); `finished`: the whole response was sent. */
export function recordExchange(ex: Exchange, res: ServerResponse, finished: boolean, sinks: RecordSinks): void {
  const { metrics, accessLog, stats } = sinks;
  const status = finished ? res.statusCode : 499; // 499: the client went away first
  const durationMs = performance.now() - ex.startedAt;
  const router = ex.router;
  const target = ex.target;
  if (stats !== undefined && target !== undefined)
    stats.of(target.service.name, target.server).record(status, durationMs);
  if (metrics !== undefined) {
    const protocol = protocolOf(ex);
    const durationSeconds = durationMs / 1000;
    const recorders = sinks.recorders;
    if (recorders !== undefined) recorders.of(router).record(status, ex.method, protocol, durationSeconds);
    else {
      metrics.recordRequest(
        router === undefined
          ? { entryPoint: ex.entryPoint, code: status, method: ex.method, protocol, durationSeconds }
          : {
              entryPoint: ex.entryPoint,
              router: router.name,
              service: router.serviceName,
              code: status,
              method: ex.method,
              protocol,
              durationSeconds,
            },
      );
    }
  }
  if (accessLog === undefined) return;
  accessLog.log({
    startedAt: new Date(Date.now() - durationMs),
    durationMs,
    clientIp: ex.clientIp,
    clientPort: ex.req.socket?.remotePort,
    user: undefined,
    method: ex.method,
    url: ex.req.url ?? '',
    protocol: `HTTP/${ex.req.httpVersion}`,
    host: ex.host,
    scheme: ex.scheme,
    entryPoint: ex.entryPoint,
    router: router?.name,
    service: router?.serviceName,
    serviceUrl: target?.server.url,
    status,
    originStatus: ex.originStatus,
    responseSize: ex.responseBytes,
    retries: ex.retries,
    referer: ex.req.headers.referer,
    userAgent: ex.req.headers['user-agent'],
  });
}
