/**
 * The balanced services of {@link buildServices}: a `loadBalancer` service (its balancer carried
 * over through the service's live state, reused while strategy and sticky settings stay the same)
 * and a `weighted` one (a balancer over its child services), each with sticky sessions when
 * configured, plus the element fields every built service shares.
 */
import {
  createBalancer,
  isLbError,
  withSticky,
  type Balancer,
  type LoadBalancerConfig,
  type ServerSpec,
  type StickyBalancer,
  type StickyConfig,
  type WeightedConfig,
} from '@junction/lb-core';
import type { BuiltService, ServiceBuildInput } from './build-services';
import { providerOf, type ErrorBook } from './error-book';
import type { LoadBalancedService, RuntimeServer, RuntimeService, WeightedService } from './runtime';
import { toRuntimeServer } from './runtime-server';

/** The element fields every built service shares. */
export function base(
  name: string,
  input: ServiceBuildInput,
  usedBy: string[],
): {
  name: string;
  provider: string;
  status: 'enabled' | 'warning';
  errors: ReturnType<ErrorBook['of']>;
  usedBy: string[];
} {
  const errors = input.book.of('service', name);
  return { name, provider: providerOf(name), status: errors.length > 0 ? 'warning' : 'enabled', errors, usedBy };
}

/** The key under which a balancer can be reused: same strategy and sticky settings. */
function balancerKey(kind: string, strategy: string | undefined, sticky: StickyConfig | undefined): string {
  return JSON.stringify([kind, strategy ?? '', sticky?.cookie ?? null]);
}

/**
 * Adds sticky sessions when configured. No key is passed: the cookie value derives from the
 * server id alone (lb-core `stickyCookieValue`), so every replica and restart agrees on it.
 */
function decorate(name: string, balancer: Balancer, sticky: StickyConfig | undefined): Balancer | StickyBalancer {
  const cookie = sticky?.cookie;
  if (cookie === undefined) return balancer;
  const { name: cookieName, ...attributes } = cookie;
  return withSticky(balancer, {
    ...attributes,
    serviceName: name,
    ...(cookieName === undefined ? {} : { cookieName }),
  });
}

function stickyOf(balancer: Balancer | StickyBalancer): StickyBalancer | undefined {
  return 'pickSticky' in balancer ? balancer : undefined;
}

/** A `loadBalancer` service: its servers, balancer (carried over), flags and health checks. */
export function buildLoadBalancer(
  name: string,
  lb: LoadBalancerConfig,
  input: ServiceBuildInput,
  usedBy: string[],
): LoadBalancedService | undefined {
  const { book } = input;
  const servers: RuntimeServer[] = [];
  lb.servers.forEach((spec, i) => {
    try {
      servers.push(toRuntimeServer(spec));
    } catch (error) {
      book.add(
        'service',
        name,
        'LB_CONFIG_INVALID',
        `server ${JSON.stringify(spec.url)} is not usable: ${(error as Error).message}`,
        `http.services.${name}.loadBalancer.servers[${i}].url`,
      );
    }
  });
  const specs: ServerSpec[] = servers.map(({ id, url, weight }) => ({ id, url, weight }));
  const state = input.states.acquire(name);
  let balancer: Balancer | StickyBalancer;
  try {
    balancer = state.balancerFor(balancerKey('lb', lb.strategy, lb.sticky), specs, (s) =>
      decorate(name, createBalancer(lb.strategy, s), lb.sticky),
    );
  } catch (error) {
    if (!isLbError(error)) throw error;
    book.add('service', name, error.code, error.message, `http.services.${name}.loadBalancer`);
    return undefined;
  }
  state.applyServerFlags(lb.servers);
  try {
    state.configureHealth(specs, lb.passiveHealthCheck, lb.healthCheck);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    book.add(
      'service',
      name,
      typeof code === 'string' ? code : 'LB_CONFIG_INVALID',
      (error as Error).message,
      `http.services.${name}.loadBalancer.healthCheck`,
    );
  }
  return Object.freeze({
    ...base(name, input, usedBy),
    kind: 'loadBalancer' as const,
    balancer,
    sticky: stickyOf(balancer),
    passHostHeader: lb.passHostHeader,
    servers: Object.freeze(servers),
    serverById: new Map(servers.map((s) => [s.id, s])),
    health: state,
  });
}

/** A `weighted` service: a balancer over its usable children. */
export function buildWeighted(
  name: string,
  weighted: WeightedConfig,
  input: ServiceBuildInput,
  build: (name: string) => BuiltService | undefined,
  usedBy: string[],
): WeightedService | undefined {
  const { book } = input;
  const children = new Map<string, RuntimeService>();
  const specs: ServerSpec[] = [];
  weighted.services.forEach((child, i) => {
    const built = build(child.name);
    if (built === undefined) {
      book.addDisabledRef('service', name, 'service', child.name, `http.services.${name}.weighted.services[${i}]`);
      return;
    }
    if (children.has(child.name)) return;
    children.set(child.name, built.service);
    specs.push({ id: child.name, url: child.name, weight: child.weight });
  });
  if (children.size === 0) {
    book.add(
      'service',
      name,
      'LB_NO_AVAILABLE_SERVER',
      'no usable child service',
      `http.services.${name}.weighted.services`,
    );
    return undefined;
  }
  let balancer: Balancer | StickyBalancer;
  try {
    balancer = input.states
      .acquire(name)
      .balancerFor(balancerKey('weighted', 'weighted', weighted.sticky), specs, (s) =>
        decorate(name, createBalancer('weighted', s), weighted.sticky),
      );
  } catch (error) {
    if (!isLbError(error)) throw error;
    book.add('service', name, error.code, error.message, `http.services.${name}.weighted`);
    return undefined;
  }
  return Object.freeze({
    ...base(name, input, usedBy),
    kind: 'weighted' as const,
    balancer,
    sticky: stickyOf(balancer),
    children,
  });
}
