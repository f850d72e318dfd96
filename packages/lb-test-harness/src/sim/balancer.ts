/**
 * Builds the lb-core balancer a strategy spec stands for, exactly as Junction does: the named
 * strategy, decorated with `withSticky` when the spec is sticky. One `pick` returns the server
 * and the `Set-Cookie` value to hand to the client, whatever the decoration.
 */
import { createBalancer, withSticky, type Balancer, type PickContext, type ServerSpec } from '@junction/lb-core';
import type { ServerPlan, StrategySpec } from '../model/types';

/** The sticky cookie's name in simulations and generated configurations. */
export const STICKY_COOKIE = 'lb_sticky';

/** A balancer and a pick that reports the cookie to set. */
export interface SimBalancer {
  readonly balancer: Balancer;
  pick(ctx: PickContext): { readonly server: string; readonly setCookie?: string } | undefined;
}

/** The lb-core server spec of a planned server. */
export function toServerSpec(plan: ServerPlan): ServerSpec {
  return { id: plan.name, url: `http://${plan.name}.sim`, weight: plan.weight };
}

/** Builds the balancer of `strategy` over `servers`; `random` feeds P2C. */
export function buildBalancer(
  strategy: StrategySpec,
  servers: readonly ServerPlan[],
  random: () => number,
): SimBalancer {
  const inner = createBalancer(strategy.strategy, servers.map(toServerSpec), { random });
  if (!strategy.sticky) {
    return {
      balancer: inner,
      pick: (ctx) => {
        const server = inner.pick(ctx);
        return server === undefined ? undefined : { server: server.id };
      },
    };
  }
  const sticky = withSticky(inner, { cookieName: STICKY_COOKIE, secret: 'lb-test-harness' });
  return {
    balancer: sticky,
    pick: (ctx) => {
      const picked = sticky.pickSticky(ctx);
      if (picked === undefined) return undefined;
      return picked.setCookie === undefined
        ? { server: picked.server.id }
        : { server: picked.server.id, setCookie: picked.setCookie };
    },
  };
}
