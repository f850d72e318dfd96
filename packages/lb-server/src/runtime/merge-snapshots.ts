/**
 * The watcher's merge step for lb-server: every provider's latest snapshot → one configuration
 * with `name@provider` names (lb-core `mergeConfigs`, deterministic order). Broken references are
 * *not* pruned here: `buildRuntime` does it, so the disabled elements stay visible in the runtime
 * with their errors. The one merge conflict reported here is Traefik's: TLS options or a TLS store
 * named `default` (which stay unqualified) defined by several providers; the first provider in
 * the order keeps it.
 */
import { mergeConfigs, type DynamicConfig } from '@junction/lb-core';
import type { ConfigErrorLike } from '../providers/provider';
import type { MergeResult, ProviderSnapshot } from './watcher';

/** Errors for `default` TLS options or stores defined by more than one provider. */
function defaultTlsConflicts(
  snapshots: readonly ProviderSnapshot<DynamicConfig>[],
  providerOrder: readonly string[],
): ConfigErrorLike[] {
  const rank = (p: string): number => (providerOrder.includes(p) ? providerOrder.indexOf(p) : providerOrder.length);
  const ordered = [...snapshots].sort(
    (a, b) => rank(a.provider) - rank(b.provider) || (a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : 0),
  );
  const errors: ConfigErrorLike[] = [];
  for (const [kind, what] of [
    ['options', 'TLS options'],
    ['stores', 'TLS store'],
  ] as const) {
    const providers = ordered.filter((s) => s.config.tls?.[kind]?.default !== undefined).map((s) => s.provider);
    if (providers.length > 1) {
      errors.push({
        code: 'LB_CONFIG_INVALID',
        path: `tls.${kind}.default`,
        message: `the default ${what} ${kind === 'options' ? 'are' : 'is'} defined by several providers (${providers.join(', ')}); the definition of ${providers[0] ?? ''} is used`,
      });
    }
  }
  return errors;
}

/** Builds the watcher's `merge` option; `providerOrder` decides which provider wins a name clash. */
export function mergeSnapshots(
  providerOrder: readonly string[] = [],
): (snapshots: readonly ProviderSnapshot<DynamicConfig>[]) => MergeResult<DynamicConfig> {
  return (snapshots) => ({
    config: mergeConfigs(new Map(snapshots.map((s) => [s.provider, s.config])), { providerOrder }),
    errors: defaultTlsConflicts(snapshots, providerOrder),
  });
}
