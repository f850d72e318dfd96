/**
 * The runtime store: holds the live {@link Runtime} and swaps in a new one in a single
 * assignment (Traefik's `switchRouter`), so a request that read `current` keeps the runtime it
 * started on. After each swap it starts the health checkers of new services and stops those of
 * services that left (`LiveServiceRegistry.commit`), records the reload in the metrics, and tells
 * subscribers (the API's caches, the logger). Providers' drains land here too (`drain`, `live`:
 * `server-drains.ts`).
 */
import type { DynamicConfig, RuleSyntax } from '@junction/lb-core';
import type { Dispatcher } from 'undici';
import type { Metrics } from '../metrics/metrics';
import type { ServerDrains } from '../providers/provider';
import type { MiddlewareDeps } from '../middlewares/middleware';
import { buildRuntime, emptyRuntime, type RuntimeEntryPoints } from './build-runtime';
import type { IncomingError } from './error-book';
import type { Runtime } from './runtime';
import { LiveServiceRegistry } from './live-service-registry';
import { serverDrains, type DrainGate } from './server-drains';

/** Read side, for the proxy and the API: the live runtime and its changes. */
export interface RuntimeStore {
  /** The live runtime. Read it once per request. */
  readonly current: Runtime;
  /** Calls `listener` after every swap; returns the unsubscribe function. */
  subscribe(listener: (runtime: Runtime, previous: Runtime) => void): () => void;
}

/** The slice of a pino logger the store uses. */
export interface StoreLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Options of {@link createRuntimeStore}. */
export interface RuntimeStoreOptions {
  readonly entryPoints: RuntimeEntryPoints;
  readonly defaultRuleSyntax?: RuleSyntax;
  readonly middlewareDeps?: Omit<MiddlewareDeps, 'lookup'>;
  readonly metrics?: Pick<Metrics, 'configReload' | 'prune' | 'setServerUp' | 'removeServer'>;
  readonly logger?: StoreLogger;
  /** undici dispatcher for active health probes. */
  readonly dispatcher?: Dispatcher;
  /** The upstream gate that `drain` closes and `live` opens (none: drains only mark servers). */
  readonly gate?: DrainGate;
  readonly now?: () => number;
}

/** Write side, for `serve.ts` and tests; `drain` and `live` take the providers' drains. */
export interface RuntimeStoreController extends RuntimeStore, ServerDrains {
  /** Builds a runtime from a merged configuration and publishes it; returns the live runtime. */
  apply(config: DynamicConfig, errors?: readonly IncomingError[]): Runtime;
  /** Resolves once the health checkers of the last `apply` are started or stopped. */
  settled(): Promise<void>;
  /** Stops every health checker. */
  close(): Promise<void>;
}

/** Creates a store holding the empty runtime (every request a 404 until the first `apply`). */
export function createRuntimeStore(options: RuntimeStoreOptions): RuntimeStoreController {
  const { metrics, logger } = options;
  const now = options.now ?? Date.now;
  const states = new LiveServiceRegistry({
    ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
    onServerUp: (service, url, up) => metrics?.setServerUp(service, url, up),
    onServerRemoved: (service, url) => metrics?.removeServer(service, url),
    onHealthChange: (event) => logger?.warn(event, `server ${event.up ? 'up' : 'down'} (${event.source} health check)`),
  });
  const listeners = new Set<(runtime: Runtime, previous: Runtime) => void>();
  let current = emptyRuntime(options.entryPoints, now);
  let committing: Promise<void> = Promise.resolve();
  const drains = serverDrains(() => current, options.gate, logger);

  return {
    get current() {
      return current;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    apply(config, errors = []) {
      let next: Runtime;
      try {
        next = buildRuntime(config, errors, {
          generation: current.generation + 1,
          entryPoints: options.entryPoints,
          states,
          now,
          ...(options.defaultRuleSyntax === undefined ? {} : { defaultRuleSyntax: options.defaultRuleSyntax }),
          ...(options.middlewareDeps === undefined ? {} : { middlewareDeps: options.middlewareDeps }),
        });
      } catch (error) {
        metrics?.configReload(false);
        logger?.error({ err: error }, 'configuration could not be applied; the previous one keeps serving');
        return current;
      }
      const previous = current;
      current = next;
      metrics?.configReload(true);
      metrics?.prune({ routers: next.routers.keys(), services: next.services.keys() });
      committing = committing
        .then(() => states.commit())
        .catch((error: unknown) => logger?.error({ err: error }, 'health checkers failed to start or stop'));
      logger?.info(
        {
          generation: next.generation,
          routers: next.routers.size,
          services: next.services.size,
          errors: next.errors.length,
        },
        'configuration applied',
      );
      for (const listener of listeners) {
        try {
          listener(next, previous);
        } catch (error) {
          logger?.error({ err: error }, 'runtime subscriber failed');
        }
      }
      return next;
    },
    drain: (event) => drains.drain(event),
    live: (urls) => drains.live(urls),
    settled: () => committing,
    close: async () => {
      await committing;
      await states.close();
    },
  };
}
