/**
 * Dashboard and API overrides (drains, weights, strategies) made on any worker apply on every
 * worker: after each local change the worker broadcasts the element's resulting override (or
 * its absence), keyed by element, and the others bring their own store to the same state through
 * the store's public methods — so balancers, rebuilds and audit fields behave as for a local
 * change. The primary relays each change to every worker, its sender included, in one order:
 * concurrent changes to one element end the same on all workers (the sender's echo of a state it
 * already has changes nothing). The primary keeps the latest per element for a worker that
 * starts later. Only worker 0
 * writes the state file (see `ClusterWorker.writesState`); each worker reads it at start.
 */
import type { OverrideStore, ServerOverride, StrategyOverride } from '../dashboard/override-store';
import type { Logger } from '../log';
import type { BroadcastChannel } from './member';

/** What is broadcast: one element's override after a change. */
type OverrideState =
  | {
      readonly kind: 'server';
      readonly service: string;
      readonly server: string;
      readonly override: ServerOverride | null;
    }
  | { readonly kind: 'strategy'; readonly service: string; readonly override: StrategyOverride | null };

/** Keeps `overrides` in step with the other workers' (see module comment); returns the unsubscribe function. */
export function syncOverrides(
  member: BroadcastChannel,
  overrides: OverrideStore,
  logger: Pick<Logger, 'warn'>,
): () => void {
  let applying = false;
  const unsubscribe = overrides.onChange((change) => {
    if (applying || change.kind === 'restore') return;
    const state: OverrideState =
      change.kind === 'strategy' || change.server === undefined
        ? { kind: 'strategy', service: change.service, override: overrides.strategy(change.service) ?? null }
        : {
            kind: 'server',
            service: change.service,
            server: change.server,
            override: overrides.server(change.service, change.server) ?? null,
          };
    member.broadcast(
      'overrides',
      state.kind === 'server' ? `${state.service}\u0000${state.server}` : state.service,
      state,
    );
  });
  member.on('overrides', (_key, data) => {
    applying = true;
    try {
      applyState(overrides, data as OverrideState);
    } catch (error) {
      logger.warn({ err: error }, 'cluster: an override from another worker could not be applied');
    } finally {
      applying = false;
    }
  });
  return unsubscribe;
}

function applyState(overrides: OverrideStore, state: OverrideState): void {
  if (state.kind === 'strategy') {
    const current = overrides.strategy(state.service);
    const wanted = state.override;
    if (wanted === null) {
      if (current !== undefined) overrides.clear(state.service, undefined, 'cluster');
    } else if (current?.strategy !== wanted.strategy) {
      if (current !== undefined) overrides.clear(state.service, undefined, wanted.by);
      overrides.restore({ servers: [], services: [wanted] });
    }
    return;
  }
  const { service, server, override: wanted } = state;
  const current = overrides.server(service, server);
  const by = wanted?.by ?? current?.by ?? 'cluster';
  try {
    if ((wanted?.draining === true) !== (current?.draining === true))
      overrides.setDraining(service, server, wanted?.draining === true, by);
    if (wanted?.weight !== current?.weight) {
      if (wanted?.weight === undefined) overrides.resetWeight(service, server, by);
      else overrides.setWeight(service, server, wanted.weight, by);
    }
  } catch {
    // Not a server of this worker's configuration (yet): keep the override for when it is.
    overrides.forget(service, server);
    if (wanted !== null) overrides.restore({ servers: [wanted], services: [] });
  }
}
