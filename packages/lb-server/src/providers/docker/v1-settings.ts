/**
 * The settings Traefik 1.7 labels carry besides routing: a backend's load-balancer settings
 * (`traefik.backend.loadbalancer.*` method and stickiness, `traefik.backend.healthcheck.*`) and a
 * frontend's middlewares (`whiteList`, `auth.basic`, `headers`), each noted with the label that
 * set it so errors can name it. Used by `readV1Labels`.
 */
import { addOrigin, type ContainerDraft } from './draft';
import { dockerError } from './errors';
import { readBool, readList, readV1Map, type ValueContext } from './label-values';
import { V1_HEADER_LABELS, V1_HEADERS_PREFIX, V1_LABELS as L } from './labels';

/** Labels found for one container or segment, by suffix (lower-case, after `traefik.`). */
export type Found = Map<string, { readonly label: string; readonly value: string }>;

/** Load-balancer settings from `traefik.backend.*` (method, stickiness, health check). */
export function backendSettings(
  ctx: ValueContext,
  top: Found,
  origins: Map<string, string>,
  service: string,
): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  const path = `http.services.${service}.loadbalancer`;
  const method = top.get(L.lbMethod);
  if (method !== undefined) {
    const strategy = { wrr: 'wrr', drr: 'least-connections' }[method.value.trim().toLowerCase()];
    if (strategy === undefined)
      ctx.errors.push(
        dockerError('LB_DOCKER_LABEL', `method must be wrr or drr, got '${method.value}'`, {
          container: ctx.container,
          label: method.label,
        }),
      );
    else settings.strategy = strategy;
    addOrigin(origins, `${path}.strategy`, method.label);
  }
  const flag = (suffix: string) => {
    const f = top.get(suffix);
    return f === undefined ? undefined : readBool(ctx, f.label, f.value);
  };
  const cookieOptions: [string, string][] = [
    ['name', L.lbStickinessCookieName],
    ['secure', L.lbStickinessSecure],
    ['httpOnly', L.lbStickinessHttpOnly],
    ['sameSite', L.lbStickinessSameSite],
  ];
  const cookie: Record<string, unknown> = {};
  for (const [key, suffix] of cookieOptions) {
    const f = top.get(suffix);
    if (f === undefined) continue;
    cookie[key] = key === 'sameSite' ? f.value.trim().toLowerCase() : f.value;
    addOrigin(origins, `${path}.sticky.cookie.${key}`, f.label);
  }
  const enabled = flag(L.lbStickiness) ?? flag(L.lbSticky) ?? (Object.keys(cookie).length > 0 ? true : undefined);
  const stickyLabel = top.get(L.lbStickiness)?.label ?? top.get(L.lbSticky)?.label;
  if (enabled === true) settings.sticky = { cookie };
  if (stickyLabel !== undefined) addOrigin(origins, `${path}.sticky`, stickyLabel);

  const healthCheck: Record<string, unknown> = {};
  const hcFields: [string, string][] = [
    ['path', L.hcPath],
    ['interval', L.hcInterval],
    ['timeout', L.hcTimeout],
    ['port', L.hcPort],
    ['scheme', L.hcScheme],
    ['hostname', L.hcHostname],
    ['headers', L.hcHeaders],
  ];
  for (const [key, suffix] of hcFields) {
    const f = top.get(suffix);
    if (f === undefined) continue;
    healthCheck[key] = key === 'headers' ? readV1Map(ctx, f.label, f.value) : f.value;
    addOrigin(origins, `${path}.healthCheck.${key}`, f.label);
  }
  if (Object.keys(healthCheck).length > 0) settings.healthCheck = healthCheck;
  return settings;
}

/** The frontend's ipAllowList, basicAuth and headers middlewares (in Traefik 1.7's order). */
export function v1Middlewares(
  ctx: ValueContext,
  router: string,
  get: (suffix: string) => { label: string; value: string } | undefined,
  draft: ContainerDraft,
): string[] {
  const names: string[] = [];
  /** Adds a middleware; `labels` maps each option to the label that set it (for errors). */
  const add = (kind: string, config: Record<string, unknown>, labels: Readonly<Record<string, string | undefined>>) => {
    const name = `${router}-${kind.toLowerCase()}`;
    draft.middlewares[name] = { [kind]: config };
    names.push(name);
    for (const [option, label] of Object.entries(labels))
      if (label !== undefined) addOrigin(draft.origins, `http.middlewares.${name}.${kind}.${option}`, label);
  };
  const range = get(L.whiteListSourceRange) ?? get(L.whitelistSourceRangeOld);
  if (range !== undefined) add('ipAllowList', { sourceRange: readList(range.value) }, { sourceRange: range.label });

  const users = get(L.authBasicUsers) ?? get(L.authBasic);
  const usersFile = get(L.authBasicUsersFile);
  if (users !== undefined || usersFile !== undefined) {
    const removeHeader = get(L.authBasicRemoveHeader);
    const headerField = get(L.authHeaderField);
    add(
      'basicAuth',
      {
        ...(users === undefined ? {} : { users: readList(users.value) }),
        ...(usersFile === undefined ? {} : { usersFile: usersFile.value }),
        ...(removeHeader === undefined ? {} : { removeHeader: removeHeader.value }),
        ...(headerField === undefined ? {} : { headerField: headerField.value }),
      },
      {
        users: users?.label,
        usersFile: usersFile?.label,
        removeHeader: removeHeader?.label,
        headerField: headerField?.label,
      },
    );
  }

  const headers: Record<string, unknown> = {};
  const headerLabels: Record<string, string> = {};
  for (const [name, { option, kind }] of Object.entries(V1_HEADER_LABELS)) {
    const f = get(V1_HEADERS_PREFIX + name);
    if (f === undefined) continue;
    headers[option] = kind === 'map' ? readV1Map(ctx, f.label, f.value) : kind === 'list' ? readList(f.value) : f.value;
    headerLabels[option] = f.label;
  }
  if (Object.keys(headerLabels).length > 0) add('headers', headers, headerLabels);
  return names;
}
