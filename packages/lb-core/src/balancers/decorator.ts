/**
 * The base of balancer decorators (slow start, sticky sessions): every {@link Balancer} method
 * passes straight to the wrapped strategy, so a decorator overrides only what it changes and the
 * pass-through lines exist once. Decorators stack (`withSticky(withSlowStart(strategy))`).
 */
import type { Balancer, PickContext, Server, ServerSpec, ServerStatus } from './balancer';

/** A balancer that forwards to `inner` unless a subclass overrides the method. */
export abstract class BalancerDecorator implements Balancer {
  protected readonly inner: Balancer;

  protected constructor(inner: Balancer) {
    this.inner = inner;
  }

  get strategy(): Balancer['strategy'] {
    return this.inner.strategy;
  }

  pick(ctx?: PickContext): Server | undefined {
    return this.inner.pick(ctx);
  }

  update(servers: readonly ServerSpec[]): void {
    this.inner.update(servers);
  }

  setHealthy(id: string, up: boolean): void {
    this.inner.setHealthy(id, up);
  }

  setDraining(id: string, draining: boolean): void {
    this.inner.setDraining(id, draining);
  }

  begin(id: string): void {
    this.inner.begin(id);
  }

  end(id: string): void {
    this.inner.end(id);
  }

  servers(): readonly ServerStatus[] {
    return this.inner.servers();
  }
}
