/**
 * Where the Docker provider's drains go at once, ahead of its (throttled) snapshot: a container
 * that got its stop signal, exited or was paused has its servers drained in the live runtime and
 * its origins closed at the upstream gate (no new connection to them: one made now would wait for
 * the dial timeout once the container's network is gone; requests that had not reached it are
 * retried elsewhere). After each snapshot, the origins of live servers open again.
 */
import type { JunctionApp } from '../app';
import type { Logger } from '../log';
import type { DrainEvent } from '../providers/docker/docker-provider';

/** Receives drains and live servers from the Docker and Swarm providers. */
export interface DrainSink {
  drain(event: DrainEvent): void;
  live(urls: readonly string[]): void;
}

const WHY: Readonly<Record<DrainEvent['reason'], string>> = {
  stopping: 'its container is stopping',
  exited: 'its container exited',
  paused: 'its container is paused',
};

/** The drain sink of a built app (see module comment). */
export function drainSink(app: Pick<JunctionApp, 'store' | 'gate'>, logger: Logger): DrainSink {
  return {
    drain(event) {
      for (const { service, id } of event.servers) {
        const svc = app.store.current.services.get(`${service}@${event.provider ?? 'docker'}`);
        if (svc?.kind === 'loadBalancer') svc.health.drainFromProvider(id);
      }
      const urls = event.servers.map((s) => s.url);
      app.gate.close(urls, WHY[event.reason]);
      logger.info({ container: event.containerName, reason: event.reason, servers: event.servers.length, closed: urls }, 'container drained: no new connections to it');
    },
    live: (urls) => app.gate.open(urls),
  };
}
