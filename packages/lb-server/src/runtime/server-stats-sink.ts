/**
 * The port through which the proxy reports each finished exchange with a load-balanced server.
 * The proxy, the entry points and the app depend on this interface only; the dashboard's
 * `ServerStatsRecorder` implements it, so dependencies point from the dashboard to the runtime
 * and never from the proxy to the dashboard.
 *
 * The proxy asks once per server object for its {@link ServerStatsCounter} and keeps it (see
 * `proxy/record.ts`): a request then costs one counter update, no name joined, no map read.
 */

/** One server's counter: where its exchanges are recorded. */
export interface ServerStatsCounter {
  /** One exchange ended with `status` (0 when no response came back) after `durationMs`. */
  record(status: number, durationMs: number): void;
  /** The sink forgot this server (it left the configuration): ask the sink again before recording. */
  readonly retired: boolean;
}

/** Where the proxy reports a finished exchange; implemented by the dashboard's `ServerStatsRecorder`. */
export interface ServerStatsSink {
  /** The counter of `serverId` in load-balanced service `service` (qualified name). */
  counter(service: string, serverId: string): ServerStatsCounter;
}
