/**
 * The port through which the proxy reports each finished exchange with a load-balanced server.
 * The proxy, the entry points and the app depend on this interface only; the dashboard's
 * `ServerStatsRecorder` implements it, so dependencies point from the dashboard to the runtime
 * and never from the proxy to the dashboard.
 */

/** Where the proxy reports a finished exchange; implemented by the dashboard's `ServerStatsRecorder`. */
export interface ServerStatsSink {
  /**
   * One exchange with `serverId` of load-balanced service `service` (qualified name) ended with
   * `status` (0 when no response came back) after `durationMs`.
   */
  record(service: string, serverId: string, status: number, durationMs: number): void;
}
