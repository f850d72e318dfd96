/**
 * The service and middleware lists of a runtime, as the API shows them: which routers use each
 * element (`usedBy`, following composite services' children and chain members), and every
 * configured element, a disabled one included with the errors that disabled it.
 */
import type { DynamicConfig } from '@junction/lb-core';
import type { Middleware } from '../middlewares/middleware';
import type { BuiltService } from './build-services';
import { providerOf, type ErrorBook } from './error-book';
import type { DisabledService, RuntimeMiddleware, RuntimeRouter, RuntimeService } from './runtime';

/** The routers using each service and each middleware, sorted by name. */
export interface ElementUsers {
  readonly services: (name: string) => string[];
  readonly middlewares: (name: string) => string[];
}

/** Finds which routers use which services (children included) and middlewares (chain members included). */
export function collectUsers(
  routers: Iterable<RuntimeRouter>,
  services: ReadonlyMap<string, BuiltService>,
): ElementUsers {
  const serviceUsers = new Map<string, Set<string>>();
  const middlewareUsers = new Map<string, Set<string>>();
  const use = (map: Map<string, Set<string>>, name: string, router: string): void => {
    let set = map.get(name);
    if (set === undefined) map.set(name, (set = new Set()));
    set.add(router);
  };
  const useService = (name: string, router: string, seen: Set<string>): void => {
    if (seen.has(name)) return;
    seen.add(name);
    use(serviceUsers, name, router);
    for (const child of services.get(name)?.children ?? []) useService(child, router, seen);
  };
  const useMiddleware = (mw: Middleware, router: string): void => {
    use(middlewareUsers, mw.name, router);
    for (const member of (mw as { members?: readonly Middleware[] }).members ?? []) useMiddleware(member, router);
  };
  for (const router of routers) {
    if (router.serviceName !== '') useService(router.serviceName, router.name, new Set());
    for (const name of router.middlewareNames) use(middlewareUsers, name, router.name);
    for (const mw of router.middlewares) useMiddleware(mw, router.name);
  }
  const usersOf = (map: Map<string, Set<string>>, name: string): string[] => [...(map.get(name) ?? [])].sort();
  return {
    services: (name) => usersOf(serviceUsers, name),
    middlewares: (name) => usersOf(middlewareUsers, name),
  };
}

/** Every service: the live ones (their `usedBy` filled in here), then disabled ones with their errors. */
export function listServices(
  config: DynamicConfig,
  live: ReadonlyMap<string, BuiltService>,
  book: ErrorBook,
  usersOf: (name: string) => string[],
): Map<string, RuntimeService | DisabledService> {
  const out = new Map<string, RuntimeService | DisabledService>();
  for (const [name, built] of live) {
    built.usedBy.push(...usersOf(name));
    out.set(name, built.service);
  }
  for (const name of new Set([...Object.keys(config.http.services ?? {}), ...book.names('service')])) {
    if (out.has(name)) continue;
    out.set(
      name,
      Object.freeze({
        kind: 'disabled',
        name,
        provider: providerOf(name),
        status: 'disabled',
        errors: book.of('service', name),
        usedBy: usersOf(name),
      }),
    );
  }
  return out;
}

/** Every middleware, configured or reported, with its status, errors and users. */
export function listMiddlewares(
  config: DynamicConfig,
  live: ReadonlyMap<string, Middleware>,
  book: ErrorBook,
  usersOf: (name: string) => string[],
): Map<string, RuntimeMiddleware> {
  const out = new Map<string, RuntimeMiddleware>();
  const configs = config.http.middlewares ?? {};
  for (const name of new Set([...Object.keys(configs), ...live.keys(), ...book.names('middleware')])) {
    const middleware = live.get(name);
    const configured = configs[name];
    out.set(
      name,
      Object.freeze({
        name,
        provider: providerOf(name),
        status: book.status('middleware', name, middleware !== undefined),
        errors: book.of('middleware', name),
        type: middleware?.type ?? (configured === undefined ? '' : (Object.keys(configured)[0] ?? '')),
        middleware,
        usedBy: usersOf(name),
      }),
    );
  }
  return out;
}
