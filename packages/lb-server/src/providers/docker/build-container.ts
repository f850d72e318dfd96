/**
 * Turns one container's {@link ContainerDraft} into its validated piece of configuration:
 * Traefik's automatic linking (no service label → one service named after the container or
 * compose service; no router → one router with the default rule, when the container has at most
 * one service; a router without `service` → the container's only service), the container's
 * server in each of its services (address, stable id, health, draining), then lb-core's validator
 * and rule parser. Any error disables the whole container and names the label behind it.
 * (traefik `pkg/provider/docker/config.go` `build`, `pkg/provider/configuration.go` `BuildRouterConfiguration`)
 */
import { parseRule, validateDynamicConfig, type DynamicConfig } from '@junction/lb-core';
import { resolveAddress, type AddressRequest } from './address';
import type { DockerContainer } from './container';
import { labelForPath, type ContainerDraft, type ServiceDraft } from './draft';
import { dockerError, type DockerConfigError } from './errors';
import type { RuleTemplate } from './template';

/** What the builder needs besides the draft. */
export interface BuildContext {
  readonly container: DockerContainer;
  /** Every running container (for `container:<id>` network mode). */
  readonly all: readonly DockerContainer[];
  /** Default service and router name (Traefik's `getServiceName`). */
  readonly serviceName: string;
  /** Stable server id (compose project/service/number, else the container name). */
  readonly serverId: string;
  readonly network: AddressRequest['network'];
  readonly useBindPortIP: boolean;
  /** The compiled `defaultRule`, or the reason it does not compile. */
  readonly defaultRule: RuleTemplate | Error;
}

/** One container's validated configuration, with the label behind each path. */
export interface ContainerConfig {
  readonly container: DockerContainer;
  readonly config: DynamicConfig;
  readonly origins: ReadonlyMap<string, string>;
}

/** Builds one container's configuration, or the errors that disable it. */
export function buildContainerConfig(
  ctx: BuildContext,
  draft: ContainerDraft,
): ContainerConfig | { readonly errors: readonly DockerConfigError[] } {
  const container = ctx.container.name;
  const errors: DockerConfigError[] = [];
  const services: Record<string, ServiceDraft> = { ...draft.services };
  if (Object.keys(services).length === 0) {
    services[ctx.serviceName] = {
      settings: {},
      server: { portLabel: draft.defaultPortLabel.replace('<service>', ctx.serviceName) },
    };
  }
  const serviceNames = Object.keys(services);
  const routers: Record<string, Record<string, unknown>> = { ...draft.routers };
  if (Object.keys(routers).length === 0 && serviceNames.length === 1) routers[ctx.serviceName] = {};
  const defaultRuleRouters = new Set<string>();
  for (const [name, router] of Object.entries(routers)) {
    const filled = { ...router };
    if (!hasValue(filled, 'rule')) {
      const rule = renderDefaultRule(ctx);
      if (typeof rule !== 'string')
        errors.push(
          dockerError('LB_DOCKER_TEMPLATE', `router ${name} has no rule and the default rule fails: ${rule.message}`, {
            container,
          }),
        );
      else setField(filled, 'rule', rule);
      defaultRuleRouters.add(name);
    }
    if (!hasValue(filled, 'service')) {
      if (serviceNames.length === 1) setField(filled, 'service', serviceNames[0]);
      else
        errors.push(
          dockerError(
            'LB_DOCKER_LABEL',
            `router ${name} names no service and the container defines several (${serviceNames.join(', ')})`,
            { container, label: `traefik.http.routers.${name}.service` },
          ),
        );
    }
    routers[name] = filled;
  }
  const rawServices: Record<string, unknown> = {};
  for (const [name, service] of Object.entries(services)) {
    const built = ctx.container.serverless === true ? { server: undefined } : buildServer(ctx, service);
    if ('error' in built) errors.push(built.error);
    else if (built.server === undefined) rawServices[name] = { loadBalancer: { ...service.settings, servers: [] } };
    else rawServices[name] = { loadBalancer: { ...service.settings, servers: [built.server] } };
  }
  if (errors.length > 0) return { errors };

  const raw = { http: { routers, services: rawServices, middlewares: draft.middlewares } };
  const validated = validateDynamicConfig(raw, { provider: 'docker', checkReferences: false });
  for (const e of validated.errors) {
    errors.push(
      dockerError('LB_DOCKER_LABEL', `${e.path}: ${e.message}`, {
        container,
        label: labelForPath(draft.origins, e.path) ?? e.path,
        path: e.path,
      }),
    );
  }
  for (const [name, router] of Object.entries(validated.config.http.routers ?? {})) {
    try {
      parseRule(router.rule, { syntax: router.ruleSyntax ?? 'auto' });
    } catch (error) {
      const label = defaultRuleRouters.has(name)
        ? 'providers.docker.defaultRule'
        : (labelForPath(draft.origins, `http.routers.${name}.rule`) ?? `traefik.http.routers.${name}.rule`);
      errors.push(
        dockerError(
          'LB_DOCKER_LABEL',
          `rule '${router.rule}': ${error instanceof Error ? error.message : String(error)}`,
          { container, label, path: `http.routers.${name}.rule` },
        ),
      );
    }
  }
  return errors.length > 0
    ? { errors }
    : { container: ctx.container, config: validated.config, origins: draft.origins };
}

/** The container's server in one service: URL, stable id, weight, provider-reported state. */
function buildServer(
  ctx: BuildContext,
  service: ServiceDraft,
): { readonly server: Record<string, unknown> } | { readonly error: DockerConfigError } {
  const draft = service.server;
  let url = draft.url;
  if (url === undefined || url === '') {
    const address = resolveAddress(
      ctx.container,
      { port: draft.port, portLabel: draft.portLabel, network: ctx.network, useBindPortIP: ctx.useBindPortIP },
      ctx.all,
    );
    if ('code' in address) return { error: address };
    url = `${draft.scheme ?? 'http'}://${address.host}:${address.port}`;
  }
  const { health, draining } = ctx.container;
  const server = {
    id: ctx.serverId,
    url,
    ...(draft.weight === undefined ? {} : { weight: draft.weight }),
    ...(draft.preservePath === undefined ? {} : { preservePath: draft.preservePath }),
    ...(health === 'starting' || health === 'unhealthy' ? { available: false } : {}),
    ...(draining === true ? { draining: true } : {}),
  };
  return { server };
}

function renderDefaultRule(ctx: BuildContext): string | Error {
  if (ctx.defaultRule instanceof Error) return ctx.defaultRule;
  try {
    const rule = ctx.defaultRule({
      Name: ctx.serviceName,
      ContainerName: ctx.container.name,
      Labels: ctx.container.labels,
    });
    return rule.trim() === '' ? new Error('it renders an empty rule') : rule;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function hasValue(object: Record<string, unknown>, field: string): boolean {
  const key = Object.keys(object).find((k) => k.toLowerCase() === field);
  return key !== undefined && typeof object[key] === 'string' && (object[key] as string).trim() !== '';
}

/** Sets `field`, replacing any spelling of it in another case (labels are case-insensitive). */
function setField(object: Record<string, unknown>, field: string, value: unknown): void {
  for (const key of Object.keys(object)) if (key.toLowerCase() === field) delete object[key];
  object[field] = value;
}
