/**
 * `/api/rawdata` in Traefik's shape: `routers`, `middlewares` and `services` maps keyed by
 * qualified name, each element with its `status`, `error`, `using`/`usedBy` and, for services,
 * `serverStatus`. Junction adds what belongs to no element: `providers` (each provider's state
 * and last failure, e.g. a YAML file that does not parse, with file, line and column),
 * `configErrors` (the runtime's errors attached to no listed element, and those of configured
 * certificate files: `certificate-view.ts`), and the runtime's
 * `generation` and `builtAt`. (traefik `pkg/api/handler.go` `RunTimeRepresentation`)
 */
import type { ElementError, Runtime } from '../runtime/runtime';
import type { ApiSources } from './api-sources';
import { certificateConfigErrors, withoutRepeats } from './certificate-view';
import { middlewareInfo, type MiddlewareInfo } from './middleware-view';
import { providerStatusViews, type ProviderStatusView } from './provider-view';
import { dropUndefined, errorDetail, type ErrorDetail, type ViewContext } from './representations';
import { routerInfo, type RouterInfo } from './router-view';
import { serviceInfo, type ServiceInfo } from './service-view';

/** The `/api/rawdata` document. */
export interface RawData {
  readonly routers?: Readonly<Record<string, RouterInfo>>;
  readonly middlewares?: Readonly<Record<string, MiddlewareInfo>>;
  readonly services?: Readonly<Record<string, ServiceInfo>>;
  readonly providers: Readonly<Record<string, ProviderStatusView>>;
  readonly configErrors?: readonly ErrorDetail[];
  /** Which published configuration this is (increments on each reload; 0 before the first). */
  readonly generation?: number;
  /** When that runtime was built (ISO 8601). */
  readonly builtAt?: string;
}

function mapOf<E, V>(elements: ReadonlyMap<string, E>, view: (e: E) => V): Record<string, V> | undefined {
  if (elements.size === 0) return undefined;
  const out: Record<string, V> = {};
  for (const [name, element] of [...elements].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    out[name] = view(element);
  return out;
}

/** The errors of `runtime` that no listed element carries (the build shares the error objects). */
export function unattachedErrors(runtime: Runtime): ElementError[] {
  const attached = new Set<ElementError>();
  for (const map of [runtime.routers, runtime.services, runtime.middlewares]) {
    for (const element of map.values()) for (const error of element.errors) attached.add(error);
  }
  return runtime.errors.filter((error) => !attached.has(error));
}

/** The raw data of the runtime in `ctx` (or of none, before the first configuration). */
export function rawData(ctx: ViewContext | undefined, sources: ApiSources): RawData {
  const providers = providerStatusViews(sources.providers());
  if (ctx === undefined) return { providers };
  const { runtime } = ctx;
  const loose = withoutRepeats(
    unattachedErrors(runtime).map(errorDetail),
    certificateConfigErrors(sources.certificates),
  );
  return dropUndefined({
    routers: mapOf(runtime.routers, (r) => routerInfo(r, ctx)),
    middlewares: mapOf(runtime.middlewares, (m) => middlewareInfo(m, ctx)),
    services: mapOf(runtime.services, (s) => serviceInfo(s, ctx)),
    providers,
    configErrors: loose.length === 0 ? undefined : loose,
    generation: runtime.generation,
    builtAt: new Date(runtime.createdAt).toISOString(),
  });
}
