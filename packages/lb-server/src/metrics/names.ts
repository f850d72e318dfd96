/**
 * Prometheus metric names and label names, as Traefik v3 exposes them
 * (docs "observability/metrics/overview", source `pkg/metrics/prometheus.go`), so existing
 * Traefik dashboards and alerts work against Junction unchanged.
 */

/** Prefix of every Traefik-compatible metric. */
export const TRAEFIK_PREFIX = 'traefik_';
/** Prefix of the Node.js process metrics (prom-client `collectDefaultMetrics`). */
export const PROCESS_PREFIX = 'junction_';

/** Global metrics. */
export const CONFIG_RELOADS_TOTAL = 'traefik_config_reloads_total';
/** Gauge: unix time (seconds) of the last successful configuration reload. */
export const CONFIG_LAST_RELOAD_SUCCESS = 'traefik_config_last_reload_success';
/** Traefik ≤ 2.8 names, kept because Junction can refuse a whole snapshot. */
export const CONFIG_RELOADS_FAILURE_TOTAL = 'traefik_config_reloads_failure_total';
/** Gauge: unix time (seconds) of the last failed reload (Traefik ≤ 2.8). */
export const CONFIG_LAST_RELOAD_FAILURE = 'traefik_config_last_reload_failure';
/** Gauge: open connections per entry point and protocol (`TCP`), Traefik v3. */
export const OPEN_CONNECTIONS = 'traefik_open_connections';

/** Suffixes shared by the entry point, router and service request families. */
export const REQUESTS_TOTAL = 'requests_total';
/** Histogram suffix. */
export const REQUEST_DURATION_SECONDS = 'request_duration_seconds';
/** Request body bytes suffix. */
export const REQUESTS_BYTES_TOTAL = 'requests_bytes_total';
/** Response body bytes suffix. */
export const RESPONSES_BYTES_TOTAL = 'responses_bytes_total';

/** Service-only metrics. */
export const SERVICE_RETRIES_TOTAL = 'traefik_service_retries_total';
/** Gauge 1/0 per service server, labels `service`, `url`. */
export const SERVICE_SERVER_UP = 'traefik_service_server_up';

/** Labels every request family starts with. */
export const REQUEST_LABELS = ['code', 'method', 'protocol'] as const;
/** Entry point request family: `traefik_entrypoint_*{code,method,protocol,entrypoint}`. */
export const ENTRYPOINT_LABELS = [...REQUEST_LABELS, 'entrypoint'] as const;
/** Router request family: `traefik_router_*{code,method,protocol,router,service}`. */
export const ROUTER_LABELS = [...REQUEST_LABELS, 'router', 'service'] as const;
/** Service request family: `traefik_service_*{code,method,protocol,service}`. */
export const SERVICE_LABELS = [...REQUEST_LABELS, 'service'] as const;

/** Traefik's default latency buckets, in seconds. */
export const DEFAULT_BUCKETS: readonly number[] = Object.freeze([0.1, 0.3, 1.2, 5.0]);
