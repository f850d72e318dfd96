/**
 * How overrides reach the traffic, as pure steps of the override store: a strategy override is
 * written into the configuration (a new balancer is needed), a weight override is pushed into the
 * live balancer, and a server the provider itself drains stays drained when an operator undrains.
 */
import type { DynamicConfig, ServerConfig, ServiceConfig } from '@junction/lb-core';
import type { LoadBalancedService } from '../runtime/runtime';
import type { StrategyOverride } from './override-types';

/** `config` with `strategies` written into its load-balanced services. */
export function withStrategies(config: DynamicConfig, strategies: Iterable<StrategyOverride>): DynamicConfig {
  const services: Record<string, ServiceConfig> = { ...config.http.services };
  for (const { service, strategy } of strategies) {
    const current = services[service];
    if (current !== undefined && 'loadBalancer' in current)
      services[service] = { loadBalancer: { ...current.loadBalancer, strategy } };
  }
  return { ...config, http: { ...config.http, services } };
}

/** Updates a balancer with the provider's weights, overridden where `override` gives one. */
export function applyWeights(service: LoadBalancedService, override: (id: string) => number | undefined): void {
  const specs = service.servers.map(({ id, url, weight }) => ({ id, url, weight: override(id) ?? weight }));
  const live = new Map(service.balancer.servers().map((s) => [s.id, s.weight]));
  if (specs.some((s) => live.get(s.id) !== s.weight)) service.balancer.update(specs);
}

/** Whether the provider itself marks the server draining (`draining: true` in the configuration). */
export function providerDraining(config: DynamicConfig, service: string, server: string): boolean {
  const s = config.http.services?.[service];
  if (s === undefined || !('loadBalancer' in s)) return false;
  return s.loadBalancer.servers.some((x: ServerConfig) => x.id === server && x.draining === true);
}
