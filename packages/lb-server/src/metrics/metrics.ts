/**
 * Junction's Prometheus metrics, Traefik v3-compatible in names, labels, buckets and options
 * (`metrics.prometheus.buckets`, `addEntryPointsLabels`, `addRoutersLabels`, `addServicesLabels`),
 * on a private prom-client `Registry` (never the global default, so several apps or tests can
 * live in one process). Node.js process metrics are added with a `junction_` prefix.
 *
 * The per-request path (`recordRequest`) counts into plain numbers per label set, which the
 * registry reads at scrape time; see {@link RequestFamily}.
 */
import { collectDefaultMetrics, type Counter, type Gauge, Registry } from 'prom-client';
import { reloadAndConnectionInstruments, serviceInstruments } from './instruments';
import { DEFAULT_BUCKETS, ENTRYPOINT_LABELS, PROCESS_PREFIX, ROUTER_LABELS, SERVICE_LABELS } from './names';
import { RequestFamily } from './request-family';
import { BoundRecorder, type RecorderFamilies, type RequestRecorder } from './request-recorder';

export type { RequestRecorder } from './request-recorder';

/** Options, named and defaulted as Traefik's `metrics.prometheus` block. */
export interface MetricsOptions {
  /** Latency histogram buckets in seconds; Traefik's default `0.1, 0.3, 1.2, 5.0`. */
  readonly buckets?: readonly number[];
  /** Export `traefik_entrypoint_*` (default true). */
  readonly addEntryPointsLabels?: boolean;
  /** Export `traefik_router_*` (default **false**, as in Traefik). */
  readonly addRoutersLabels?: boolean;
  /** Export `traefik_service_*`, including `server_up` and `retries_total` (default true). */
  readonly addServicesLabels?: boolean;
  /** Export Node.js process metrics as `junction_*` (default true). */
  readonly processMetrics?: boolean;
  /** Wall clock in ms since epoch, for the reload timestamps; defaults to `Date.now`. */
  readonly now?: () => number;
}

/** One proxied request, as the proxy saw it when the response finished. */
export interface RequestRecord {
  readonly entryPoint: string;
  /** The router that matched, if any (404s have none). */
  readonly router?: string;
  /** The service the router sent to, if any. */
  readonly service?: string;
  /** Status code sent to the client. */
  readonly code: number;
  readonly method: string;
  /** See `requestProtocol`: `http`, `websocket`, `sse`, `grpc`, `grpc-web`. */
  readonly protocol: string;
  readonly durationSeconds: number;
  /** Request body bytes, when known. */
  readonly requestBytes?: number;
  /** Response body bytes, when known. */
  readonly responseBytes?: number;
}

/** The elements the current configuration still has; series of the others are dropped. */
export interface LiveElements {
  readonly entryPoints?: Iterable<string>;
  readonly routers?: Iterable<string>;
  readonly services?: Iterable<string>;
}

/** The metrics of one Junction instance. */
export interface Metrics {
  /** The private registry (add your own metrics to it if needed). */
  readonly registry: Registry;
  /** `Content-Type` of {@link Metrics.render}'s output. */
  readonly contentType: string;
  /** Counts one request on its entry point, router and service (each if enabled and known). */
  recordRequest(request: RequestRecord): void;
  /**
   * A recorder for requests of one entry point, router and service (none: no router matched)
   * that counts as `recordRequest` does without allocating per request; keep it per router.
   */
  requestRecorder(entryPoint: string, router?: string, service?: string): RequestRecorder;
  /** Counts one retry of a request on `service`. */
  recordRetry(service: string): void;
  /** Sets `traefik_service_server_up{service,url}` to 1 or 0. */
  setServerUp(service: string, url: string, up: boolean): void;
  /** Removes the `server_up` series of a server that left the configuration. */
  removeServer(service: string, url: string): void;
  /** Counts an open connection on `entryPoint`; call the returned function (once) when it closes. */
  openConnection(entryPoint: string, protocol?: string): () => void;
  /** Records a configuration reload: counts it and stamps its time; failures also counted apart. */
  configReload(success: boolean): void;
  /** Drops request, retry and `server_up` series of entry points, routers and services not listed. */
  prune(live: LiveElements): void;
  /** The text exposition of every metric. */
  render(): Promise<string>;
}

function checkBuckets(buckets: readonly number[]): readonly number[] {
  const ok =
    buckets.length > 0 && buckets.every((b, i) => Number.isFinite(b) && (i === 0 || b > (buckets[i - 1] ?? b)));
  if (!ok) throw new RangeError(`metrics: buckets must be finite and strictly increasing, got [${buckets.join(', ')}]`);
  return buckets;
}

/**
 * Creates the metrics registry and recorders.
 *
 * @example
 * const metrics = createMetrics({ addRoutersLabels: true });
 * metrics.recordRequest({ entryPoint: 'web', router: 'api@docker', service: 'api@docker',
 *   code: 200, method: 'GET', protocol: 'http', durationSeconds: 0.012 });
 * reply.type(metrics.contentType).send(await metrics.render());
 */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  const buckets = checkBuckets(options.buckets ?? DEFAULT_BUCKETS);
  const now = options.now ?? Date.now;
  const family = (
    enabled: boolean,
    prefix: string,
    labelNames: readonly string[],
    subject: string,
  ): RequestFamily | undefined =>
    enabled ? new RequestFamily({ prefix, labelNames, subject, buckets, registry }) : undefined;
  const { reloads, reloadFailures, lastSuccess, lastFailure, openConns } = reloadAndConnectionInstruments(registry);

  const entryPoints = family(
    options.addEntryPointsLabels ?? true,
    'traefik_entrypoint_',
    ENTRYPOINT_LABELS,
    'an entrypoint',
  );
  const routers = family(options.addRoutersLabels ?? false, 'traefik_router_', ROUTER_LABELS, 'a router');
  const services = family(options.addServicesLabels ?? true, 'traefik_service_', SERVICE_LABELS, 'a service');
  const { retries, serverUp } = services === undefined ? {} : serviceInstruments(registry);
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: PROCESS_PREFIX });

  const families: RecorderFamilies = { entryPoints, routers, services, epoch: 0 };
  const retryChildren = new Map<string, Counter.Internal>();
  const connChildren = new Map<string, Gauge.Internal<string>>();
  const upSeries = new Map<string, readonly [string, string]>();

  return {
    registry,
    contentType: registry.contentType,
    recordRequest(r) {
      const code = String(r.code);
      entryPoints?.record(
        [code, r.method, r.protocol, r.entryPoint],
        r.durationSeconds,
        r.requestBytes,
        r.responseBytes,
      );
      if (r.router !== undefined) {
        routers?.record(
          [code, r.method, r.protocol, r.router, r.service ?? ''],
          r.durationSeconds,
          r.requestBytes,
          r.responseBytes,
        );
      }
      if (r.service !== undefined) {
        services?.record([code, r.method, r.protocol, r.service], r.durationSeconds, r.requestBytes, r.responseBytes);
      }
    },
    requestRecorder(entryPoint, router, service) {
      return new BoundRecorder(families, entryPoint, router, service);
    },
    recordRetry(service) {
      if (retries === undefined) return;
      let child = retryChildren.get(service);
      if (child === undefined) retryChildren.set(service, (child = retries.labels(service)));
      child.inc();
    },
    setServerUp(service, url, up) {
      if (serverUp === undefined) return;
      upSeries.set(`${service}\u0000${url}`, [service, url]);
      serverUp.labels(service, url).set(up ? 1 : 0);
    },
    removeServer(service, url) {
      if (upSeries.delete(`${service}\u0000${url}`)) serverUp?.remove(service, url);
    },
    openConnection(entryPoint, protocol = 'TCP') {
      const key = `${entryPoint}\u0000${protocol}`;
      let child = connChildren.get(key);
      if (child === undefined) connChildren.set(key, (child = openConns.labels(entryPoint, protocol)));
      const gauge = child;
      gauge.inc();
      let open = true;
      return () => {
        if (open) gauge.dec();
        open = false;
      };
    },
    configReload(success) {
      const seconds = Math.floor(now() / 1000);
      reloads.inc();
      if (success) {
        lastSuccess.set(seconds);
      } else {
        reloadFailures.inc();
        lastFailure.set(seconds);
      }
    },
    prune(live) {
      families.epoch += 1;
      const set = (names: Iterable<string> | undefined): ((name: string) => boolean) | undefined => {
        if (names === undefined) return undefined;
        const kept = new Set(names);
        return (name) => kept.has(name);
      };
      const keepEntryPoint = set(live.entryPoints);
      const keepRouter = set(live.routers);
      const keepService = set(live.services);
      if (keepEntryPoint !== undefined) entryPoints?.prune('entrypoint', keepEntryPoint);
      if (keepRouter !== undefined) routers?.prune('router', keepRouter);
      if (keepService === undefined) return;
      routers?.prune('service', (s) => s === '' || keepService(s));
      services?.prune('service', keepService);
      for (const service of [...retryChildren.keys()].filter((s) => !keepService(s))) {
        retries?.remove(service);
        retryChildren.delete(service);
      }
      for (const [key, [service, url]] of upSeries) {
        if (!keepService(service)) {
          serverUp?.remove(service, url);
          upSeries.delete(key);
        }
      }
    },
    render: () => registry.metrics(),
  };
}
