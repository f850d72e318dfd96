/**
 * The watcher's merge step for lb-server: every provider's latest snapshot → one configuration
 * with `name@provider` names (lb-core `mergeConfigs`, deterministic order). Broken references are
 * *not* pruned here: `buildRuntime` does it, so the disabled elements stay visible in the runtime
 * with their errors.
 */
import { mergeConfigs, type DynamicConfig } from '@junction/lb-core';
import type { MergeResult, ProviderSnapshot } from './watcher';

/** Builds the watcher's `merge` option; `providerOrder` decides which provider wins a name clash. */
export function mergeSnapshots(providerOrder: readonly string[] = []): (snapshots: readonly ProviderSnapshot<DynamicConfig>[]) => MergeResult<DynamicConfig> {
  return (snapshots) => ({
    config: mergeConfigs(new Map(snapshots.map((s) => [s.provider, s.config])), { providerOrder }),
    errors: [],
  });
}
