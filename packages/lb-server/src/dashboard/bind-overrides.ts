/**
 * Wires an {@link OverrideStore} to a runtime store: the one place that makes overrides survive
 * reloads. Use the returned `apply` wherever the merged configuration is published (the
 * watcher's `onConfig`) instead of the store's own `apply`:
 *
 * - every configuration goes through `overrides.transform` (strategy overrides) before it is built;
 * - after every swap, `overrides.applyTo(runtime)` re-applies drains and weights to the balancers;
 * - a strategy change, or overrides restored from the state file, rebuild from the last
 *   configuration at once (restored drains and weights reach the live balancers now).
 */
import type { DynamicConfig } from '@junction/lb-core';
import type { IncomingError } from '../runtime/error-book';
import type { Runtime } from '../runtime/runtime';
import type { RuntimeStoreController } from '../runtime/runtime-store';
import type { OverrideStore } from './override-store';

/** What {@link bindOverrides} returns. */
export interface BoundOverrides {
  /** Publishes `config` with the overrides applied (replaces `store.apply`). */
  apply(config: DynamicConfig, errors?: readonly IncomingError[]): Runtime;
  /** Stops listening to the store and to the overrides. */
  close(): void;
}

/** Binds `overrides` to `store` (see module comment). */
export function bindOverrides(
  store: Pick<RuntimeStoreController, 'apply' | 'subscribe' | 'current'>,
  overrides: OverrideStore,
): BoundOverrides {
  let last: { config: DynamicConfig; errors: readonly IncomingError[] } | undefined;
  const apply = (config: DynamicConfig, errors: readonly IncomingError[] = []): Runtime => {
    last = { config, errors };
    return store.apply(overrides.transform(config), errors);
  };
  const unsubscribe = store.subscribe((runtime) => overrides.applyTo(runtime));
  const stopListening = overrides.onChange((change) => {
    if (change.kind === 'restore') overrides.applyTo(store.current);
    if ((change.kind === 'strategy' || change.kind === 'restore') && last !== undefined)
      apply(last.config, last.errors);
  });
  overrides.applyTo(store.current);
  return {
    apply,
    close: () => {
      unsubscribe();
      stopListening();
    },
  };
}
