/**
 * Builds the live services of a configuration: a balancer per `loadBalancer` service (carried
 * over through its {@link LiveService}), a balancer over children for `weighted`, and the
 * `failover` and `mirroring` compositions. Composite services are built after their children
 * (references were checked and cycles removed by lb-core's `pruneBrokenReferences`). A service
 * that cannot be built is reported on the element and left out; the others keep serving.
 */
import {
  createBalancer,
  isLbError,
  withSticky,
  type Balancer,
  type LoadBalancerConfig,
  type ServerSpec,
  type ServiceConfig,
  type StickyBalancer,
  type StickyConfig,
  type WeightedConfig,
} from '@junction/lb-core';
import type { ErrorBook } from './error-book';
import { providerOf } from './error-book';
import type { LoadBalancedService, RuntimeServer, RuntimeService, WeightedService } from './runtime';
import { toRuntimeServer } from './runtime-server';
import type { LiveServiceRegistry } from './live-service-registry';

/** What {@link buildServices} needs. */
export interface ServiceBuildInput {
  /** Services whose references resolve (qualified names). */
  readonly configs: Readonly<Record<string, ServiceConfig>>;
  readonly book: ErrorBook;
  readonly states: LiveServiceRegistry;
}

/** A live service plus the mutable `usedBy` list the runtime builder fills in. */
export interface BuiltService {
  readonly service: RuntimeService;
  readonly usedBy: string[];
  /** Qualified names of the services it forwards to (composites), for `usedBy`. */
  readonly children: readonly string[];
}

/** Builds every service it can; returns the live ones by name. */
export function buildServices(input: ServiceBuildInput): Map<string, BuiltService> {
  const built = new Map<string, BuiltService>();
  const failed = new Set<string>();

  const build = (name: string): BuiltService | undefined => {
    const done = built.get(name);
    if (done !== undefined || failed.has(name)) return done;
    const config = input.configs[name];
    if (config === undefined) return undefined;
    failed.add(name); // guards against cycles lb-core would have removed
    const result = buildOne(name, config, input, build);
    if (result !== undefined) {
      failed.delete(name);
      built.set(name, result);
    }
    return result;
  };

  for (const name of Object.keys(input.configs)) build(name);
  return built;
}

function base(
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

function buildOne(
  name: string,
  config: ServiceConfig,
  input: ServiceBuildInput,
  build: (name: string) => BuiltService | undefined,
): BuiltService | undefined {
  const { book } = input;
  const usedBy: string[] = [];
  if ('loadBalancer' in config) {
    const service = buildLoadBalancer(name, config.loadBalancer, input, usedBy);
    return service === undefined ? undefined : { service, usedBy, children: [] };
  }
  if ('weighted' in config) {
    const service = buildWeighted(name, config.weighted, input, build, usedBy);
    return service === undefined ? undefined : { service, usedBy, children: [...service.children.keys()] };
  }
  if ('failover' in config) {
    const main = build(config.failover.service);
    const fallback = build(config.failover.fallback);
    if (main === undefined || fallback === undefined) {
      book.add(
        'service',
        name,
        'LB_CONFIG_UNKNOWN_SERVICE',
        'the main or fallback service is disabled',
        `http.services.${name}.failover`,
      );
      return undefined;
    }
    const service = Object.freeze({
      ...base(name, input, usedBy),
      kind: 'failover' as const,
      main: main.service,
      fallback: fallback.service,
    });
    return { service, usedBy, children: [config.failover.service, config.failover.fallback] };
  }
  const main = build(config.mirroring.service);
  if (main === undefined) {
    book.add(
      'service',
      name,
      'LB_CONFIG_UNKNOWN_SERVICE',
      'the main service is disabled',
      `http.services.${name}.mirroring.service`,
    );
    return undefined;
  }
  book.add(
    'service',
    name,
    'LB_CONFIG_UNSUPPORTED',
    'mirroring is not supported: requests go to the main service only',
    `http.services.${name}.mirroring`,
  );
  const service = Object.freeze({ ...base(name, input, usedBy), kind: 'mirroring' as const, main: main.service });
  return { service, usedBy, children: [config.mirroring.service] };
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

function buildLoadBalancer(
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

function buildWeighted(
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
      book.add(
        'service',
        name,
        'LB_CONFIG_UNKNOWN_SERVICE',
        `service '${child.name}' is disabled (see its errors)`,
        `http.services.${name}.weighted.services[${i}]`,
      );
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
