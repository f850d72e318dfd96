/**
 * The Prometheus instruments of Junction's metrics besides the per-request families: config
 * reloads (count, failures, time of the last success and failure), open connections by entry point
 * and protocol, and, when service metrics are on, service retries and `server_up`. Names and help
 * texts are Traefik's.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import {
  CONFIG_LAST_RELOAD_FAILURE,
  CONFIG_LAST_RELOAD_SUCCESS,
  CONFIG_RELOADS_FAILURE_TOTAL,
  CONFIG_RELOADS_TOTAL,
  OPEN_CONNECTIONS,
  SERVICE_RETRIES_TOTAL,
  SERVICE_SERVER_UP,
} from './names';

/** Config reload and open connection instruments, registered on `registry`. */
export function reloadAndConnectionInstruments(registry: Registry) {
  const registers = [registry];
  const reloads = new Counter({ name: CONFIG_RELOADS_TOTAL, help: 'Config reloads.', registers });
  const reloadFailures = new Counter({
    name: CONFIG_RELOADS_FAILURE_TOTAL,
    help: 'Config failure reloads.',
    registers,
  });
  const lastSuccess = new Gauge({
    name: CONFIG_LAST_RELOAD_SUCCESS,
    help: 'Last config reload success (unix seconds).',
    registers,
  });
  const lastFailure = new Gauge({
    name: CONFIG_LAST_RELOAD_FAILURE,
    help: 'Last config reload failure (unix seconds).',
    registers,
  });
  const openConns = new Gauge({
    name: OPEN_CONNECTIONS,
    help: 'How many open connections exist, by entrypoint and protocol.',
    labelNames: ['entrypoint', 'protocol'],
    registers,
  });
  return { reloads, reloadFailures, lastSuccess, lastFailure, openConns };
}

/** Service retries and `server_up`, registered on `registry` (only when service metrics are on). */
export function serviceInstruments(registry: Registry) {
  const registers = [registry];
  const retries = new Counter({
    name: SERVICE_RETRIES_TOTAL,
    help: 'How many request retries happened on a service.',
    labelNames: ['service'],
    registers,
  });
  const serverUp = new Gauge({
    name: SERVICE_SERVER_UP,
    help: 'service server is up, described by gauge value of 0 or 1.',
    labelNames: ['service', 'url'],
    registers,
  });
  return { retries, serverUp };
}
