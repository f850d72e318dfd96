/**
 * Reads Traefik v2/v3 labels (`traefik.http.routers.<r>.rule`,
 * `traefik.http.services.<s>.loadbalancer.server.port`, `traefik.http.middlewares.<m>.<type>.<option>`)
 * into a {@link ContainerDraft}. Labels become a tree (Traefik's `label.DecodeConfiguration`), the
 * `loadbalancer.server.*` keys become the container's server, and everything else is left for
 * lb-core's validator, which matches keys case-insensitively and reports unknown ones with a
 * suggestion. TCP, UDP and TLS sections are refused: Junction routes HTTP only.
 */
import { addOrigin, type ContainerDraft, type DraftResult, type ServerDraft } from './draft';
import { dockerError, type DockerConfigError } from './errors';
import { readBool, readInt, readScheme } from './label-values';
import { V2_SECTIONS, V2_SERVER_KEYS } from './labels';
import { closestKey } from './suggest';

type Tree = Map<string, { key: string; label: string; value?: string; children?: Tree }>;

/** Reads the `traefik.http.*` labels of one container (`labels` are the container's `traefik.*` labels). */
export function readV2Labels(
  container: string,
  labels: readonly (readonly [key: string, value: string])[],
): DraftResult {
  const errors: DockerConfigError[] = [];
  const origins = new Map<string, string>();
  const root: Tree = new Map();
  for (const [label, value] of labels) {
    const lower = label.toLowerCase();
    if (!lower.startsWith(V2_SECTIONS.http)) {
      const section = Object.entries(V2_SECTIONS).find(([, prefix]) => lower.startsWith(prefix))?.[0];
      errors.push(
        section === undefined
          ? dockerError(
              'LB_DOCKER_LABEL',
              'Traefik v1 label mixed with v2/v3 labels (traefik.http.*); write it in v2 form',
              { container, label },
            )
          : dockerError(
              'LB_DOCKER_LABEL_UNSUPPORTED',
              `Junction routes HTTP only; traefik.${section}.* labels are not supported`,
              { container, label },
            ),
      );
      continue;
    }
    const path = label.slice(V2_SECTIONS.http.length).split('.');
    if (path.some((part) => part === '')) {
      errors.push(dockerError('LB_DOCKER_LABEL', 'empty segment in the label key', { container, label }));
      continue;
    }
    const conflict = insert(root, path, value, label);
    if (conflict !== undefined)
      errors.push(dockerError('LB_DOCKER_LABEL', `conflicts with the label ${conflict}`, { container, label }));
    else {
      addOrigin(origins, `http.${path.join('.')}`, label);
      // Intermediate keys too (`http.routers.a.tls`), so an error about one names a label under it.
      for (let end = path.length - 1; end > 1; end--) {
        const prefix = `http.${path.slice(0, end).join('.')}`.toLowerCase();
        if (!origins.has(prefix)) origins.set(prefix, label);
      }
    }
  }
  if (errors.length > 0) return { errors };
  const http = toObject(root);
  const section = (name: string): Record<string, Record<string, unknown>> => {
    const out: Record<string, Record<string, unknown>> = {};
    const kind = get(http, name);
    if (kind !== undefined && !isRecord(kind)) {
      // `traefik.http.routers=5`: a value where element names belong (Traefik refuses it too).
      const label = origins.get(`http.${name}`) ?? `traefik.http.${name}`;
      errors.push(
        dockerError(
          'LB_DOCKER_LABEL',
          `traefik.http.${name} takes no value; name the element: traefik.http.${name}.<name>.<option>=…`,
          { container, label },
        ),
      );
    }
    for (const [element, value] of Object.entries(asRecord(kind))) {
      const label = origins.get(`http.${name}.${element}`.toLowerCase()) ?? `traefik.http.${name}.${element}`;
      // Every later step keys objects by element name, where `__proto__` would set a prototype.
      if (element === '__proto__')
        errors.push(
          dockerError('LB_DOCKER_LABEL', `'__proto__' cannot name an element of ${name}; choose another name`, {
            container,
            label,
          }),
        );
      else if (isRecord(value)) out[element] = value;
      else
        errors.push(
          dockerError(
            'LB_DOCKER_LABEL',
            `${name}.${element} needs options, e.g. traefik.http.${name}.${element}.<option>=…`,
            { container, label },
          ),
        );
    }
    return out;
  };
  const draft: ContainerDraft = {
    routers: section('routers'),
    services: {},
    middlewares: section('middlewares'),
    origins,
    defaultPortLabel: 'traefik.http.services.<service>.loadbalancer.server.port',
  };
  for (const key of Object.keys(http)) {
    if (['routers', 'services', 'middlewares'].includes(key.toLowerCase())) continue;
    const hint = closestKey(key, ['routers', 'services', 'middlewares']);
    const label = origins.get(`http.${key}`.toLowerCase()) ?? `traefik.http.${key}`;
    errors.push(
      dockerError(
        'LB_DOCKER_LABEL',
        `unknown section '${key}'${hint === undefined ? '' : ` (did you mean '${hint}'?)`}; expected routers, services or middlewares`,
        { container, label },
      ),
    );
  }
  for (const [name, service] of Object.entries(section('services'))) {
    const lbKey = Object.keys(service).find((k) => k.toLowerCase() === 'loadbalancer');
    const settings = { ...asRecord(lbKey === undefined ? undefined : service[lbKey]) };
    for (const other of Object.keys(service).filter((k) => k !== lbKey)) {
      const label =
        origins.get(`http.services.${name}.${other}`.toLowerCase()) ?? `traefik.http.services.${name}.${other}`;
      errors.push(
        dockerError(
          'LB_DOCKER_LABEL_UNSUPPORTED',
          `services from labels are load balancers only (…loadbalancer.*); '${other}' is not supported here`,
          { container, label },
        ),
      );
    }
    const server = readServer(container, settings, `traefik.http.services.${name}.loadbalancer`, origins, name, errors);
    if (server !== undefined) draft.services[name] = { settings, server };
  }
  return errors.length > 0 ? { errors } : { draft };
}

/** Takes `server.*` (and refuses `servers`) out of the load-balancer settings. */
function readServer(
  container: string,
  settings: Record<string, unknown>,
  prefix: string,
  origins: Map<string, string>,
  service: string,
  errors: DockerConfigError[],
): ServerDraft | undefined {
  // The label as the container spells it (keys are case-insensitive), for errors.
  const labelAt = (rest: string) =>
    origins.get(`http.services.${service}.loadbalancer.${rest}`.toLowerCase()) ?? `${prefix}.${rest}`;
  const serversKey = Object.keys(settings).find((k) => k.toLowerCase() === 'servers');
  if (serversKey !== undefined) {
    errors.push(
      dockerError(
        'LB_DOCKER_LABEL',
        "labels describe the container's own server: use …loadbalancer.server.port (singular)",
        { container, label: labelAt(`${serversKey}`) },
      ),
    );
    return undefined;
  }
  const serverKey = Object.keys(settings).find((k) => k.toLowerCase() === 'server');
  const fields = asRecord(serverKey === undefined ? undefined : settings[serverKey]);
  if (serverKey !== undefined) delete settings[serverKey];
  const portLabel = `${prefix}.server.port`;
  let server: { -readonly [K in keyof ServerDraft]: ServerDraft[K] } = { portLabel };
  const ctx = { container, errors };
  for (const [key, raw] of Object.entries(fields)) {
    const label = labelAt(`${serverKey ?? 'server'}.${key}`);
    const value = typeof raw === 'string' ? raw : '';
    const lower = key.toLowerCase();
    if (lower === 'port') server = { ...server, port: readInt(ctx, label, value, 1, 65_535), portLabel: label };
    else if (lower === 'weight') server = { ...server, weight: readInt(ctx, label, value, 0, 1_000_000) };
    else if (lower === 'scheme') server = { ...server, scheme: readScheme(ctx, label, value) };
    else if (lower === 'url') server = { ...server, url: value.trim() };
    else if (lower === 'preservepath') server = { ...server, preservePath: readBool(ctx, label, value) };
    else {
      const hint = closestKey(key, V2_SERVER_KEYS);
      errors.push(
        dockerError(
          'LB_DOCKER_LABEL',
          `unknown key '${key}'${hint === undefined ? '' : ` (did you mean '${hint}'?)`}; a server takes ${V2_SERVER_KEYS.join(', ')}`,
          { container, label },
        ),
      );
    }
  }
  addOrigin(origins, `http.services.${service}.loadbalancer.servers`, server.portLabel);
  return server;
}

/** Inserts one label; returns the label it conflicts with (a leaf where a node is needed, or vice versa). */
function insert(tree: Tree, path: readonly string[], value: string, label: string): string | undefined {
  let level = tree;
  for (const [i, part] of path.entries()) {
    const lower = part.toLowerCase();
    let node = level.get(lower);
    if (node === undefined) {
      node = { key: part, label };
      level.set(lower, node);
    }
    if (i === path.length - 1) {
      if (node.children !== undefined && value.trim().toLowerCase() !== 'true') return node.label;
      if (node.value !== undefined) return node.label;
      node.value = value;
      return undefined;
    }
    // `sticky.cookie=true` beside `sticky.cookie.name=x`: the options imply the flag.
    if (node.value !== undefined && node.value.trim().toLowerCase() !== 'true') return node.label;
    node.children ??= new Map();
    level = node.children;
  }
  return undefined;
}

const INDEXED_KEY = /^(.+)\[(\d+)\]$/;

/**
 * The tree as plain objects with own properties only (`fromEntries`: a `__proto__` key stays a key,
 * reported as unknown). Indexed keys (`domains[0]`, `domains[1]`) become a list under their base
 * name, in index order, as Traefik's label decoder builds slices (`tls.domains[0].main`).
 */
function toObject(tree: Tree): Record<string, unknown> {
  const entries: [string, unknown][] = [];
  const lists = new Map<string, [number, unknown][]>();
  for (const node of tree.values()) {
    const value = node.children === undefined ? node.value : toObject(node.children);
    const indexed = INDEXED_KEY.exec(node.key);
    const base = indexed?.[1];
    if (base === undefined || base === '__proto__' || tree.has(base.toLowerCase())) entries.push([node.key, value]);
    else {
      const list = lists.get(base.toLowerCase()) ?? [];
      if (list.length === 0) lists.set(base.toLowerCase(), list);
      list.push([Number(indexed?.[2]), value]);
      if (list.length === 1) entries.push([base, list]);
    }
  }
  return Object.fromEntries(
    entries.map(([key, value]) => [
      key,
      Array.isArray(value) ? [...(value as [number, unknown][])].sort(([a], [b]) => a - b).map(([, v]) => v) : value,
    ]),
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/** A field of `object` by case-insensitive name. */
function get(object: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(object).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : object[key];
}
