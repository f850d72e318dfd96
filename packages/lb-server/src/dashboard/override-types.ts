/**
 * The overrides an operator sets from the dashboard or the actions API, as the override store
 * keeps them, the state file saves them and the cluster shares them: on a server (drain,
 * weight), on a service (strategy), and the change its listeners are told about.
 */
import type { StrategyName } from '@junction/lb-core';

/** An override on one server. */
export interface ServerOverride {
  readonly service: string;
  readonly server: string;
  /** Weight set by an operator, when set. */
  readonly weight?: number;
  /** `true` while an operator drains the server. */
  readonly draining?: true;
  /** Who set it last, and when (epoch ms). */
  readonly by: string;
  readonly at: number;
}

/** A strategy override on one service. */
export interface StrategyOverride {
  readonly service: string;
  readonly strategy: StrategyName;
  readonly by: string;
  readonly at: number;
}

/** What changed, for {@link OverrideStore.onChange} listeners (`restore`: saved overrides loaded, service `*`). */
export interface OverrideChange {
  readonly kind: 'drain' | 'weight' | 'strategy' | 'restore';
  readonly service: string;
  readonly server?: string;
}
