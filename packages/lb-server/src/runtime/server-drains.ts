/**
 * The runtime's side of provider drains (`ServerDrains`): a container that got its stop signal,
 * exited or was paused has its servers drained in the live runtime at once, ahead of the
 * provider's (throttled) snapshot, and their origins closed at the upstream gate: no new
 * connection to them (one made now would wait for the dial timeout once the container's network
 * is gone; requests that had not reached it are retried elsewhere). After each snapshot, the
 * origins of live servers open again.
 */
import type { DrainEvent, ServerDrains } from '../providers/provider';
import type { Runtime } from './runtime';

/** The upstream gate's side the drains use (`proxy/upstream-gate.ts`). */
export interface DrainGate {
  close(urls: Iterable<string>, why: string): void;
  open(urls: Iterable<string>): void;
}

/** The slice of a pino logger the drains use. */
export interface DrainLogger {
  info(obj: object, msg: string): void;
}

const WHY: Readonly<Record<DrainEvent['reason'], string>> = {
  stopping: 'its container is stopping',
  exited: 'its container exited',
  paused: 'its container is paused',
};

/** Drains into the runtime `current()` returns and closes or opens origins at `gate`. */
export function serverDrains(
  current: () => Runtime,
  gate: DrainGate | undefined,
  logger: DrainLogger | undefined,
): ServerDrains {
  return {
    drain(event) {
      const services = current().services;
      for (const { service, id } of event.servers) {
        const svc = services.get(`${service}@${event.provider ?? 'docker'}`);
        if (svc?.kind === 'loadBalancer') svc.health.drainFromProvider(id);
      }
      const urls = event.servers.map((s) => s.url);
      gate?.close(urls, WHY[event.reason]);
      logger?.info(
        { container: event.containerName, reason: event.reason, servers: event.servers.length, closed: urls },
        'container drained: no new connections to it',
      );
    },
    live: (urls) => gate?.open(urls),
  };
}
