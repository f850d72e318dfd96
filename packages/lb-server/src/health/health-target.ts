/**
 * The one narrow seam between health checks and balancing (STYLE §25, Traefik's
 * `StatusSetter` in `pkg/healthcheck/healthcheck.go`): checkers only ever call
 * `setHealthy(id, up)`. lb-core's `Balancer` satisfies it structurally, so a balancer can be
 * passed as is, or wrapped to also feed metrics.
 */
export interface HealthTarget {
  /** Marks a server up or down. Must be idempotent: checkers may repeat the same verdict. */
  setHealthy(serverId: string, up: boolean): void;
}

/**
 * Active and passive health joined into one verdict per server, so the two checkers never
 * fight over the same balancer flag: the real target sees `active AND passive`.
 */
export interface CombinedHealth {
  /** Give this to the active checker. */
  readonly active: HealthTarget;
  /** Give this to the passive health tracker. */
  readonly passive: HealthTarget;
  /** The combined verdict for a server; a side that never spoke counts as up. */
  isUp(serverId: string): boolean;
  /** Writes the combined verdict of every known server again (e.g. after a balancer was rebuilt). */
  resync(): void;
  /** Drops what both sides said about a server that left the configuration. */
  forget(serverId: string): void;
}

/**
 * Builds a {@link CombinedHealth} writing `active AND passive` to `target`. Every write from
 * either side re-writes the combined value (idempotent by contract), which also heals a target
 * that was replaced or reset in between.
 */
export function combineHealth(target: HealthTarget): CombinedHealth {
  const active = new Map<string, boolean>();
  const passive = new Map<string, boolean>();
  const isUp = (id: string): boolean => (active.get(id) ?? true) && (passive.get(id) ?? true);
  const side = (verdicts: Map<string, boolean>): HealthTarget => ({
    setHealthy(id, up) {
      verdicts.set(id, up);
      target.setHealthy(id, isUp(id));
    },
  });
  return {
    active: side(active),
    passive: side(passive),
    isUp,
    resync() {
      for (const id of new Set([...active.keys(), ...passive.keys()])) target.setHealthy(id, isUp(id));
    },
    forget(id) {
      active.delete(id);
      passive.delete(id);
    },
  };
}
