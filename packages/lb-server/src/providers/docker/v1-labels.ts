/**
 * Reads Traefik 1.7 labels (`traefik.backend`, `traefik.frontend.rule`, `traefik.port`, …, and
 * segment labels `traefik.<segment>.port`) into a {@link ContainerDraft}. Each frontend becomes a
 * router named after its backend, with its rule kept in v1 syntax (`ruleSyntax: v1`, so
 * `Host:demo.res.ch;PathPrefixStrip:/api/jokes/` keeps its meaning); frontend auth, headers and
 * whitelist become `basicAuth`, `headers` and `ipAllowList` middlewares on that router; backend
 * settings (method, stickiness, health check) apply to every service of the container.
 */
import { addOrigin, type ContainerDraft, type DraftResult, type ServerDraft } from './draft';
import { dockerError } from './errors';
import { readInt, readScheme, type ValueContext } from './label-values';
import {
  knownV1Suffixes,
  TRAEFIK_PREFIX,
  V1_HEADER_LABELS,
  V1_HEADERS_PREFIX,
  V1_LABELS as L,
  V1_SEGMENT_SUFFIXES,
  V1_UNSUPPORTED_PREFIXES,
} from './labels';
import { closestKey } from './suggest';
import { normalizeName } from './template';
import { backendSettings, v1Middlewares, type Found } from './v1-settings';

const TOP_WORDS = new Set([
  'backend',
  'frontend',
  'port',
  'protocol',
  'weight',
  'domain',
  'tags',
  'portname',
  'portindex',
  'enable',
  'docker',
]);
const CONTAINER_SUFFIXES = new Set<string>(Object.values(L));

/** Reads the v1 labels of one container (`labels`: its `traefik.*` labels except provider ones). */
export function readV1Labels(
  container: string,
  labels: readonly (readonly [key: string, value: string])[],
  defaultService: string,
): DraftResult {
  const ctx: ValueContext = { container, errors: [] };
  const top: Found = new Map();
  const segments = new Map<string, Found>();
  for (const [label, value] of labels) classify(ctx, label, value, top, segments);
  if (ctx.errors.length > 0) return { errors: ctx.errors };

  const origins = new Map<string, string>();
  const draft: ContainerDraft = {
    routers: {},
    services: {},
    middlewares: {},
    origins,
    defaultPortLabel: 'traefik.port',
  };
  const base = normalizeName(top.get(L.backend)?.value ?? defaultService) || defaultService;
  const frontends = segments.size === 0 ? [undefined] : [...segments.keys()].sort();
  for (const segment of frontends) {
    const own = segment === undefined ? undefined : segments.get(segment);
    const get = (suffix: string) => own?.get(suffix) ?? top.get(suffix);
    // A blank or symbol-only backend name normalises to '' and falls back, as `traefik.backend` does.
    const named = normalizeName(own?.get(L.backend)?.value ?? '');
    const name = named !== '' ? named : segment === undefined ? base : `${base}-${normalizeName(segment)}`;
    const router: Record<string, unknown> = { service: name };
    const set = (
      target: Record<string, unknown>,
      path: string,
      key: string,
      suffix: string,
      value: unknown = get(suffix)?.value,
    ) => {
      const found = get(suffix);
      if (found === undefined || value === undefined) return;
      target[key] = value;
      addOrigin(origins, `${path}.${key}`, found.label);
    };
    const routerPath = `http.routers.${name}`;
    set(router, routerPath, 'rule', L.frontendRule);
    if (router.rule !== undefined) router.ruleSyntax = 'v1';
    set(router, routerPath, 'priority', L.frontendPriority);
    set(router, routerPath, 'entryPoints', L.frontendEntryPoints);
    const middlewares = v1Middlewares(ctx, name, get, draft);
    if (middlewares.length > 0) router.middlewares = middlewares;
    draft.routers[name] = router;

    const settings = backendSettings(ctx, top, origins, name);
    set(settings, `http.services.${name}.loadbalancer`, 'passHostHeader', L.frontendPassHostHeader);
    const port = get(L.port);
    const protocol = get(L.protocol);
    const weight = get(L.weight);
    const server: ServerDraft = {
      portLabel: port?.label ?? (segment === undefined ? 'traefik.port' : `traefik.${segment}.port`),
      ...(port === undefined ? {} : { port: readInt(ctx, port.label, port.value, 1, 65_535) }),
      ...(protocol === undefined ? {} : { scheme: readScheme(ctx, protocol.label, protocol.value) }),
      ...(weight === undefined ? {} : { weight: readInt(ctx, weight.label, weight.value, 0, 1_000_000) }),
    };
    addOrigin(origins, `http.services.${name}.loadbalancer.servers`, server.portLabel);
    draft.services[name] = { settings, server };
  }
  return ctx.errors.length > 0 ? { errors: ctx.errors } : { draft };
}

/** Sorts one label into container-level or segment settings, or reports it. */
function classify(ctx: ValueContext, label: string, value: string, top: Found, segments: Map<string, Found>): void {
  const suffix = label.slice(TRAEFIK_PREFIX.length).toLowerCase();
  const unsupported = (s: string) => V1_UNSUPPORTED_PREFIXES.some((p) => s === p || s.startsWith(`${p}.`));
  const isHeader = (s: string) =>
    s.startsWith(V1_HEADERS_PREFIX) && Object.hasOwn(V1_HEADER_LABELS, s.slice(V1_HEADERS_PREFIX.length));
  if (CONTAINER_SUFFIXES.has(suffix) || isHeader(suffix)) {
    top.set(suffix, { label, value });
    return;
  }
  if (unsupported(suffix)) {
    ctx.errors.push(
      dockerError(
        'LB_DOCKER_LABEL_UNSUPPORTED',
        'Traefik v1 label not supported by Junction; refused so the route is not published without it',
        { container: ctx.container, label },
      ),
    );
    return;
  }
  const dot = suffix.indexOf('.');
  const segment = dot < 0 ? '' : suffix.slice(0, dot);
  const rest = suffix.slice(dot + 1);
  if (segment !== '' && !TOP_WORDS.has(segment) && (V1_SEGMENT_SUFFIXES.includes(rest) || isHeader(rest))) {
    const found = segments.get(segment) ?? new Map();
    found.set(rest, { label, value });
    segments.set(segment, found);
    return;
  }
  if (segment !== '' && !TOP_WORDS.has(segment) && unsupported(rest)) {
    ctx.errors.push(
      dockerError('LB_DOCKER_LABEL_UNSUPPORTED', 'Traefik v1 segment label not supported by Junction', {
        container: ctx.container,
        label,
      }),
    );
    return;
  }
  const hint = closestKey(
    label,
    knownV1Suffixes().map((s) => TRAEFIK_PREFIX + s),
  );
  ctx.errors.push(
    dockerError('LB_DOCKER_LABEL', `unknown Traefik label${hint === undefined ? '' : ` (did you mean '${hint}'?)`}`, {
      container: ctx.container,
      label,
    }),
  );
}
