/**
 * Connects providers to the runtime store through the configuration watcher (STYLE §4):
 * provider snapshots → watcher (drop unchanged, throttle per provider, merge `name@provider`)
 * → `store.apply` (build and swap the runtime), or the `apply` given (the dashboard's, which
 * adds its runtime overrides). Used by `main.ts`, and by tests that run the file provider
 * against a real file.
 */
import { configEquals, isStructuralError, type DynamicConfig } from '@junction/lb-core';
import type { Provider } from '../providers/provider';
import type { IncomingError } from '../runtime/error-book';
import { mergeSnapshots } from '../runtime/merge-snapshots';
import type { RuntimeStoreController, StoreLogger } from '../runtime/runtime-store';
import { createConfigWatcher, type ConfigWatcher } from '../runtime/watcher';

/** Provider precedence when two define the same qualified name. */
export const PROVIDER_ORDER: readonly string[] = ['file', 'docker'];

/** Options of {@link connectProviders}. */
export interface ConnectProvidersOptions {
  readonly store: RuntimeStoreController;
  readonly providers: readonly Provider<DynamicConfig>[];
  /** `providers.providersThrottleDuration`, ms. */
  readonly throttleMs: number;
  readonly logger?: StoreLogger & { error(obj: object, msg: string): void };
  /**
   * Publishes a merged configuration instead of `store.apply` (the dashboard's `apply`, which
   * applies its runtime overrides on every rebuild). Default: `store.apply`.
   */
  readonly apply?: (config: DynamicConfig, errors: readonly IncomingError[]) => unknown;
}

/** Running providers and their watcher. */
export interface ConnectedProviders {
  readonly watcher: ConfigWatcher<DynamicConfig>;
  /** Stops the providers (their `signal` aborts) and the watcher. */
  stop(): void;
}

/**
 * Starts every provider; resolves once each has made its first attempt (see `Provider.start`).
 * A provider that throws is logged and left out; the others run.
 */
export async function connectProviders(options: ConnectProvidersOptions): Promise<ConnectedProviders> {
  const { store, logger } = options;
  const apply =
    options.apply ?? ((config: DynamicConfig, errors: readonly IncomingError[]) => store.apply(config, errors));
  const watcher = createConfigWatcher<DynamicConfig, DynamicConfig>({
    throttleMs: options.throttleMs,
    merge: mergeSnapshots(PROVIDER_ORDER),
    equals: configEquals,
    providerOrder: PROVIDER_ORDER,
    onConfig: (config, info) => {
      apply(config, info.errors);
    },
    onError: (error) => logger?.error({ err: error }, 'configuration could not be merged'),
    refuses: isStructuralError,
    onRefused: (provider, errors, kept) => {
      const where = errors
        .filter(isStructuralError)
        .map((e) => `${e.path ?? ''}: ${e.message}`)
        .join('; ');
      logger?.error(
        { provider, errors },
        `snapshot refused, ${kept ? 'keeping the last good one' : 'nothing served from this provider yet'}: ${where}`,
      );
    },
  });
  const abort = new AbortController();
  await Promise.all(
    options.providers.map(async (provider) => {
      try {
        await provider.start((message) => watcher.push(message), abort.signal);
      } catch (error) {
        logger?.error({ err: error, provider: provider.name }, 'provider failed to start');
      }
    }),
  );
  return {
    watcher,
    stop() {
      abort.abort();
      watcher.close();
    },
  };
}
