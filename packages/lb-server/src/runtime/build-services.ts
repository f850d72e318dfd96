/**
 * Builds the live services of a configuration: a balancer per `loadBalancer` service (carried
 * over through its {@link LiveService}), a balancer over children for `weighted`, and the
 * `failover` and `mirroring` compositions. Composite services are built after their children
 * (references were checked and cycles removed by lb-core's `pruneBrokenReferences`). A service
 * that cannot be built is reported on the element and left out; the others keep serving.
 */
import type { ServiceConfig } from '@junction/lb-core';
import { base, buildLoadBalancer, buildWeighted } from './build-balancers';
import type { ErrorBook } from './error-book';
import type { RuntimeService } from './runtime';
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
