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
import { asRecord, get, insert, isRecord, toObject, type Tree } from './label-tree';
import { closestKey } from './suggest';

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
