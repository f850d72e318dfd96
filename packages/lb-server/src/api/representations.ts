/**
 * The parts every API view shares, in Traefik's JSON shapes (`pkg/config/runtime`, `pkg/api`):
 * an element's `status` and its `error` strings, and the context a view is computed in.
 * Junction adds `errorDetails` beside Traefik's `error`: the same errors as structured data
 * (code, dotted path, file, line, column), so a UI can point at the faulty line.
 *
 * Views follow Traefik's `omitempty`: an empty `error`, `usedBy`, `middlewares` or `using` list is
 * left out rather than sent as `[]`.
 */
import type { ElementError, ElementStatus, Runtime } from '../runtime/runtime';

export type { ElementStatus } from '../runtime/runtime';

/** One element error as structured data (Junction's addition). */
export interface ErrorDetail {
  readonly code?: string;
  /** The provider that reported it, when one did. */
  readonly provider?: string;
  readonly message: string;
  readonly path?: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

/** The status block of every element: Traefik's `status` and `error`, plus `errorDetails`. */
export interface StatusView {
  readonly status: ElementStatus;
  readonly error?: readonly string[];
  readonly errorDetails?: readonly ErrorDetail[];
}

/** Where a view is computed: one runtime, and the entry points that exist. */
export interface ViewContext {
  readonly runtime: Runtime;
  /** Names of the entry points routers may use (`runtime.entryPoints.all`); `using` keeps only these. */
  readonly entryPoints: ReadonlySet<string>;
  /**
   * Qualified service name → the routers naming it as their service, sorted: a service's `usedBy`
   * as Traefik fills it (`runtime.go` `PopulateUsedBy`: direct references only, disabled routers
   * included; a service reached only through a weighted or failover service lists none).
   */
  readonly serviceUsers: ReadonlyMap<string, readonly string[]>;
  /** Qualified middleware name → the routers listing it in their `middlewares`, sorted (not through chains). */
  readonly middlewareUsers: ReadonlyMap<string, readonly string[]>;
}

type Users = ReadonlyMap<string, readonly string[]>;
const usersByRuntime = new WeakMap<Runtime, { services: Users; middlewares: Users }>();

function add(map: Map<string, string[]>, key: string, router: string): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [router]);
  else if (!list.includes(router)) list.push(router);
}

/** Traefik's `PopulateUsedBy` over the runtime's routers, computed once per runtime. */
function directUsers(runtime: Runtime): { services: Users; middlewares: Users } {
  let users = usersByRuntime.get(runtime);
  if (users === undefined) {
    const services = new Map<string, string[]>();
    const middlewares = new Map<string, string[]>();
    for (const router of runtime.routers.values()) {
      if (router.serviceName !== '') add(services, router.serviceName, router.name);
      for (const name of router.middlewareNames) add(middlewares, name, router.name);
    }
    for (const list of [...services.values(), ...middlewares.values()]) list.sort();
    users = { services, middlewares };
    usersByRuntime.set(runtime, users);
  }
  return users;
}

/** The view context of `runtime`. */
export function viewContext(runtime: Runtime): ViewContext {
  const { services, middlewares } = directUsers(runtime);
  return {
    runtime,
    entryPoints: new Set(runtime.entryPoints.all),
    serviceUsers: services,
    middlewareUsers: middlewares,
  };
}

/** Formats one error as Traefik's `error[]` shows it: the message, prefixed by its code, then where. */
export function errorText(error: ElementError): string {
  const code = error.code !== '' && !error.message.startsWith(error.code) ? `${error.code}: ` : '';
  const position = [error.line, error.column].filter((n) => n !== undefined).join(':');
  const where = error.file === undefined ? '' : ` (${error.file}${position === '' ? '' : `:${position}`})`;
  return `${code}${error.message}${where}`;
}

/** One error as structured data. */
export function errorDetail(error: ElementError): ErrorDetail {
  const { code, provider, message, path, file, line, column } = error;
  return dropUndefined({ code, provider, message, path, file, line, column });
}

/** The status block of an element with these errors. */
export function statusView(status: ElementStatus, errors: readonly ElementError[]): StatusView {
  if (errors.length === 0) return { status };
  return { status, error: errors.map(errorText), errorDetails: errors.map(errorDetail) };
}

/** `list` unless it is empty (Traefik's `omitempty`). */
export function nonEmpty<T>(list: readonly T[] | undefined): readonly T[] | undefined {
  return list === undefined || list.length === 0 ? undefined : list;
}

/** A copy of `value` without its `undefined` properties, so JSON output matches `omitempty`. */
export function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
