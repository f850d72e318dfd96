/**
 * The configuration watcher (Traefik `configurationwatcher.go` + `throttleProviderConfigReload`):
 * receives whole snapshots from providers, keeps the latest per provider, drops a snapshot equal to
 * that provider's previous one, throttles each provider with leading and trailing edges (the first
 * change applies at once; changes within `throttleMs` after an apply coalesce into one trailing
 * apply of the latest state), then merges every provider's latest applied snapshot and publishes.
 * Throttling is per provider, as in Traefik, so a chatty Docker provider never delays a file edit.
 * Merging and equality are injected (lb-core's `mergeConfigs` / `configEquals`); this is pure logic
 * over injected clock and timers.
 *
 * A snapshot carrying an error that `refuses` flags (lb-core's structural errors) is not applied,
 * whatever provider sent it: that provider's last applied snapshot stays (none, if it never sent
 * a good one) and the refusing errors are published beside it until the provider sends a snapshot
 * without them, so a provider can never empty its routes by emitting a broken snapshot.
 */
import type { ConfigErrorLike, ProviderMessage } from '../providers/provider';

/** The latest snapshot of one provider. */
export interface ProviderSnapshot<C> {
  readonly provider: string;
  readonly config: C;
  readonly errors: readonly ConfigErrorLike[];
  /** When the watcher received it (epoch ms). */
  readonly receivedAt: number;
}

/** What `merge` returns: the merged configuration and any conflicts it found. */
export interface MergeResult<M> {
  readonly config: M;
  readonly errors: readonly ConfigErrorLike[];
}

/** A configuration error with the provider it came from (`undefined` for merge conflicts). */
export type WatcherError = ConfigErrorLike & { readonly provider?: string };

/** Context passed with each published configuration. */
export interface AppliedConfigInfo<C> {
  /**
   * Every provider's element errors, tagged with the provider, then the errors of the snapshots
   * refused (see `refuses`), then the merge's own.
   */
  readonly errors: readonly WatcherError[];
  /** The snapshots that were merged, in provider order. */
  readonly providers: readonly ProviderSnapshot<C>[];
}

/** Timer functions, injectable for tests. */
export interface WatcherTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Options of {@link createConfigWatcher}. */
export interface ConfigWatcherOptions<C, M> {
  /** Minimum time between two applies of one provider (`providersThrottleDuration`), ms. */
  readonly throttleMs: number;
  readonly merge: (snapshots: readonly ProviderSnapshot<C>[]) => MergeResult<M>;
  readonly equals: (a: C, b: C) => boolean;
  readonly onConfig: (merged: M, info: AppliedConfigInfo<C>) => void;
  /** Receives errors thrown by `merge`/`onConfig`; without it they propagate (from a timer: uncaught). */
  readonly onError?: (error: unknown) => void;
  /** True for an error that refuses its whole snapshot (see module comment). Default: none does. */
  readonly refuses?: (error: ConfigErrorLike) => boolean;
  /** Told of each newly refused snapshot; `kept` says whether an earlier snapshot still serves. */
  readonly onRefused?: (provider: string, errors: readonly ConfigErrorLike[], kept: boolean) => void;
  /** Provider names in precedence order; others follow in the order they first reported. */
  readonly providerOrder?: readonly string[];
  readonly now?: () => number;
  readonly timers?: WatcherTimers;
}

/** A running watcher. */
export interface ConfigWatcher<C> {
  /** Hands the watcher a provider's snapshot (use as the providers' `emit`). */
  push(message: ProviderMessage<C>): void;
  /** The snapshots currently applied, in provider order. */
  snapshots(): readonly ProviderSnapshot<C>[];
  /** Stops: pending trailing applies are dropped and later pushes ignored. */
  close(): void;
}

interface Lane<C> {
  latest: ProviderSnapshot<C> | undefined;
  /** The errors of the last snapshot refused, until an acceptable one arrives. */
  refused: readonly ConfigErrorLike[] | undefined;
  lastApplyAt: number | undefined;
  timer: unknown;
}

const defaultTimers: WatcherTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Creates a {@link ConfigWatcher} (see module comment for the algorithm). */
export function createConfigWatcher<C, M>(options: ConfigWatcherOptions<C, M>): ConfigWatcher<C> {
  const now = options.now ?? Date.now;
  const timers = options.timers ?? defaultTimers;
  const lanes = new Map<string, Lane<C>>();
  const applied = new Map<string, ProviderSnapshot<C>>();
  const order = options.providerOrder ?? [];
  let closed = false;

  const same = (a: ProviderSnapshot<C> | undefined, b: ProviderSnapshot<C>): boolean =>
    a !== undefined && options.equals(a.config, b.config) && JSON.stringify(a.errors) === JSON.stringify(b.errors);

  const ordered = (): ProviderSnapshot<C>[] => {
    const rank = (name: string): number => {
      const index = order.indexOf(name);
      return index === -1 ? order.length : index;
    };
    const names = [...lanes.keys()]; // first-report order, the tie-breaker of the stable sort
    return names
      .sort((a, b) => rank(a) - rank(b))
      .flatMap((name) => {
        const snapshot = applied.get(name);
        return snapshot === undefined ? [] : [snapshot];
      });
  };

  let publishes = 0;
  const publish = (): void => {
    publishes += 1;
    try {
      const providers = ordered();
      const merged = options.merge(providers);
      const errors: WatcherError[] = [
        ...providers.flatMap((s) => s.errors.map((e) => ({ ...e, provider: s.provider }))),
        ...[...lanes].flatMap(([provider, lane]) => (lane.refused ?? []).map((e) => ({ ...e, provider }))),
        ...merged.errors,
      ];
      options.onConfig(merged.config, { errors, providers });
    } catch (error) {
      if (options.onError === undefined) throw error;
      options.onError(error);
    }
  };

  const release = (name: string, lane: Lane<C>): void => {
    lane.timer = undefined;
    const latest = lane.latest;
    if (closed || latest === undefined || same(applied.get(name), latest)) return;
    applied.set(name, latest);
    lane.lastApplyAt = now();
    publish();
  };

  const accept = (message: ProviderMessage<C>, lane: Lane<C>): void => {
    const snapshot: ProviderSnapshot<C> = {
      provider: message.provider,
      config: message.config,
      errors: message.errors,
      receivedAt: now(),
    };
    if (same(lane.latest, snapshot)) return;
    lane.latest = snapshot;
    if (lane.timer !== undefined) return; // a trailing apply is already due; it will take this one
    const wait = lane.lastApplyAt === undefined ? 0 : lane.lastApplyAt + options.throttleMs - now();
    if (wait <= 0) {
      release(message.provider, lane);
      return;
    }
    lane.timer = timers.setTimeout(() => release(message.provider, lane), wait);
  };

  return {
    push(message) {
      if (closed) return;
      let lane = lanes.get(message.provider);
      if (lane === undefined) {
        lane = { latest: undefined, refused: undefined, lastApplyAt: undefined, timer: undefined };
        lanes.set(message.provider, lane);
      }
      if (options.refuses !== undefined && message.errors.some(options.refuses)) {
        if (JSON.stringify(lane.refused) === JSON.stringify(message.errors)) return;
        lane.refused = message.errors;
        options.onRefused?.(
          message.provider,
          message.errors,
          applied.has(message.provider) || lane.latest !== undefined,
        );
        publish();
        return;
      }
      const wasRefused = lane.refused !== undefined;
      lane.refused = undefined;
      const before = publishes;
      accept(message, lane);
      // The refusal's errors must go even when the good snapshot changes nothing or waits for the throttle.
      if (wasRefused && publishes === before) publish();
    },
    snapshots: ordered,
    close() {
      closed = true;
      for (const lane of lanes.values()) {
        if (lane.timer !== undefined) timers.clearTimeout(lane.timer);
        lane.timer = undefined;
      }
    },
  };
}
