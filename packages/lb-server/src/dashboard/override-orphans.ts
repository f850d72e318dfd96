/**
 * Overrides kept for elements that do not exist in the running configuration: a drain of a
 * Docker container that has not started yet (or was removed), a strategy of a service a file no
 * longer declares. They are kept (the element may come back, and then gets them again); the
 * dashboard lists them as "not present" with a button to clear them.
 */
import type { Runtime } from '../runtime/runtime';
import type { ServerOverride, StrategyOverride } from './override-store';
import type { OrphanOverrideState } from './state-types';

/** The overrides of `list` whose service or server is not in `runtime` (sorted by service, then server). */
export function orphanOverrides(
  runtime: Runtime | undefined,
  list: { readonly servers: readonly ServerOverride[]; readonly services: readonly StrategyOverride[] },
): OrphanOverrideState[] {
  const out: OrphanOverrideState[] = [];
  const lbOf = (name: string) => {
    const s = runtime?.services.get(name);
    return s?.kind === 'loadBalancer' ? s : undefined;
  };
  for (const o of list.servers) {
    const lb = lbOf(o.service);
    if (lb?.serverById.has(o.server) === true) continue;
    out.push({
      service: o.service,
      server: o.server,
      by: o.by,
      at: o.at,
      missing: lb === undefined ? 'service' : 'server',
      ...(o.draining === true ? { draining: true } : {}),
      ...(o.weight === undefined ? {} : { weight: o.weight }),
    });
  }
  for (const o of list.services) {
    if (lbOf(o.service) === undefined)
      out.push({ service: o.service, strategy: o.strategy, by: o.by, at: o.at, missing: 'service' });
  }
  return out.sort((a, b) =>
    a.service === b.service ? (a.server ?? '').localeCompare(b.server ?? '') : a.service.localeCompare(b.service),
  );
}
