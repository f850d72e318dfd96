/**
 * Cross-reference checks: routers → services and middlewares, composite services → services,
 * chains → middlewares. An element whose reference does not resolve is disabled, and so is every
 * element that depends on it, until nothing changes; reference cycles (a chain containing itself,
 * weighted services pointing at each other) disable every element on the cycle. The result holds
 * only elements whose references all resolve, so checking it again reports nothing.
 * (traefik `pkg/server/router/router.go` "the service does not exist", `middleware/middlewares.go`
 * "recursion detected in")
 */
import type { LbErrorCode } from '../errors';
import { ErrorSink } from './error-sink';
import type { MiddlewareConfig } from './middleware-types';
import type { ConfigError, DynamicConfig, RouterConfig, ServiceConfig } from './types';

/** The element a reference designates, or `undefined` when it is resolved elsewhere (another provider). */
export type ReferenceResolver = (reference: string) => string | undefined;

/** Names that existed in the input but were rejected for their own errors. */
export interface RejectedNames {
  readonly services: ReadonlySet<string>;
  readonly middlewares: ReadonlySet<string>;
}

interface Ref {
  readonly kind: 'service' | 'middleware';
  readonly path: string;
  readonly target: string;
}

const NONE: RejectedNames = { services: new Set(), middlewares: new Set() };

/** Checks every reference and drops the elements that cannot work; see the module comment. */
export function resolveReferences(
  config: DynamicConfig,
  resolve: ReferenceResolver,
  errors: ConfigError[],
  rejected: RejectedNames = NONE,
): DynamicConfig {
  const sink = new ErrorSink(errors);
  const routers = sortedEntries(config.http.routers);
  const services = sortedEntries(config.http.services);
  const middlewares = sortedEntries(config.http.middlewares);
  const serviceRefs = new Map(services.map(([name, service]) => [name, refsOfService(name, service)]));
  const middlewareRefs = new Map(middlewares.map(([name, middleware]) => [name, refsOfMiddleware(name, middleware)]));
  const badServices = disable('service', serviceRefs, resolve, sink, rejected, new Set());
  const badMiddlewares = disable('middleware', middlewareRefs, resolve, sink, rejected, new Set());
  const known = { service: new Set(serviceRefs.keys()), middleware: new Set(middlewareRefs.keys()) };
  const bad = { service: badServices, middleware: badMiddlewares };
  const goodRouters = routers.filter(([name, router]) => {
    const problems = refsOfRouter(name, router).map((ref) => refProblem(ref, resolve, known, bad, rejected));
    const element = sink.forElement('router', name);
    problems.forEach((problem) => problem && element.add(problem.path, problem.message, problem.code));
    return problems.every((problem) => problem === undefined);
  });
  return {
    http: {
      routers: Object.fromEntries(goodRouters),
      services: Object.fromEntries(services.filter(([name]) => !badServices.has(name))),
      middlewares: Object.fromEntries(middlewares.filter(([name]) => !badMiddlewares.has(name))),
    },
    ...(config.tls === undefined ? {} : { tls: config.tls }),
  };
}

/** Disables the elements of one kind on a cycle or with a reference that does not resolve, to a fixpoint. */
function disable(
  kind: 'service' | 'middleware',
  graph: ReadonlyMap<string, readonly Ref[]>,
  resolve: ReferenceResolver,
  sink: ErrorSink,
  rejected: RejectedNames,
  bad: Set<string>,
): Set<string> {
  const sameKind = (ref: Ref): string | undefined => (ref.kind === kind ? resolve(ref.target) : undefined);
  for (const [name] of graph) {
    const cycle = findCycle(name, graph, sameKind);
    if (cycle === undefined) continue;
    bad.add(name);
    sink.forElement(kind, name).add(`http.${kind}s.${name}`, `recursion detected: ${cycle.join(' → ')}`);
  }
  const known = { service: new Set<string>(), middleware: new Set<string>() };
  known[kind] = new Set(graph.keys());
  const badByKind = { service: new Set<string>(), middleware: new Set<string>() };
  badByKind[kind] = bad;
  for (let changed = true; changed;) {
    changed = false;
    for (const [name, refs] of graph) {
      if (bad.has(name)) continue;
      const problems = refs
        .filter((ref) => ref.kind === kind)
        .map((ref) => refProblem(ref, resolve, known, badByKind, rejected));
      const element = sink.forElement(kind, name);
      problems.forEach((problem) => problem && element.add(problem.path, problem.message, problem.code));
      if (problems.some((problem) => problem !== undefined)) {
        bad.add(name);
        changed = true;
      }
    }
  }
  return bad;
}

function refProblem(
  ref: Ref,
  resolve: ReferenceResolver,
  known: Readonly<Record<'service' | 'middleware', ReadonlySet<string>>>,
  bad: Readonly<Record<'service' | 'middleware', ReadonlySet<string>>>,
  rejected: RejectedNames,
): { path: string; message: string; code: LbErrorCode } | undefined {
  const key = resolve(ref.target);
  if (key === undefined) return undefined;
  const code: LbErrorCode = ref.kind === 'service' ? 'LB_CONFIG_UNKNOWN_SERVICE' : 'LB_CONFIG_UNKNOWN_MIDDLEWARE';
  const wasRejected = (ref.kind === 'service' ? rejected.services : rejected.middlewares).has(key);
  if (!known[ref.kind].has(key)) {
    const reason = wasRejected ? 'is invalid (see its errors)' : 'does not exist';
    return { path: ref.path, code, message: `${ref.kind} '${ref.target}' ${reason}` };
  }
  if (bad[ref.kind].has(key))
    return { path: ref.path, code, message: `${ref.kind} '${ref.target}' is disabled (see its errors)` };
  return undefined;
}

/** A path from `start` back to itself, following `next`, or `undefined`. */
function findCycle(
  start: string,
  graph: ReadonlyMap<string, readonly Ref[]>,
  next: (ref: Ref) => string | undefined,
): string[] | undefined {
  const parent = new Map<string, string>();
  const queue = [start];
  for (let node = queue.shift(); node !== undefined; node = queue.shift()) {
    for (const ref of graph.get(node) ?? []) {
      const target = next(ref);
      if (target === undefined || !graph.has(target)) continue;
      if (target === start) {
        const chain: string[] = [];
        for (let at: string | undefined = node; at !== undefined && at !== start; at = parent.get(at))
          chain.unshift(at);
        return [start, ...chain, start];
      }
      if (!parent.has(target)) {
        parent.set(target, node);
        queue.push(target);
      }
    }
  }
  return undefined;
}

function refsOfRouter(name: string, router: RouterConfig): Ref[] {
  const base = `http.routers.${name}`;
  return [
    { kind: 'service', path: `${base}.service`, target: router.service },
    ...(router.middlewares ?? []).map((target, i): Ref => ({
      kind: 'middleware',
      path: `${base}.middlewares[${i}]`,
      target,
    })),
  ];
}

function refsOfService(name: string, service: ServiceConfig): Ref[] {
  const base = `http.services.${name}`;
  const ref = (path: string, target: string): Ref => ({ kind: 'service', path: `${base}.${path}`, target });
  if ('weighted' in service)
    return service.weighted.services.map((s, i) => ref(`weighted.services[${i}].name`, s.name));
  if ('mirroring' in service) {
    const { mirroring } = service;
    return [
      ref('mirroring.service', mirroring.service),
      ...mirroring.mirrors.map((m, i) => ref(`mirroring.mirrors[${i}].name`, m.name)),
    ];
  }
  if ('failover' in service)
    return [ref('failover.service', service.failover.service), ref('failover.fallback', service.failover.fallback)];
  return [];
}

function refsOfMiddleware(name: string, middleware: MiddlewareConfig): Ref[] {
  if (!('chain' in middleware)) return [];
  return middleware.chain.middlewares.map((target, i) => ({
    kind: 'middleware',
    path: `http.middlewares.${name}.chain.middlewares[${i}]`,
    target,
  }));
}

function sortedEntries<T>(record: Readonly<Record<string, T>> | undefined): [string, T][] {
  return Object.entries(record ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
