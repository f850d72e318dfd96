/**
 * The Docker provider's pure translation: container records + provider options →
 * `{ config, errors }` (STYLE §3; traefik `pkg/provider/docker/config.go`). Per container: keep it
 * only if running, enabled (`traefik.enable`, else `exposedByDefault`) and matching `constraints`;
 * read its v1 or v2/v3 labels; link defaults and addresses; validate. Then merge the containers
 * (replicas of a compose service pool into one service) and check references. A container with a
 * label error contributes nothing and is named in `errors`; every other container keeps working.
 *
 * Health: a container whose HEALTHCHECK is `starting` or `unhealthy` stays in its service with
 * `available: false`, so its routers stay and a service with no available server answers 503
 * rather than 404 (Traefik drops such containers unless `allowEmptyServices`; Junction always
 * behaves as with `allowEmptyServices`, and also shows the server). Paused containers are left out.
 */
import { validateDynamicConfig, type DynamicConfig, type LbErrorCode } from '@junction/lb-core';
import { buildContainerConfig, type ContainerConfig } from './build-container';
import { parseConstraints, type LabelConstraint } from './constraints';
import { composeIdentity } from '../../containers/compose';
import type { DockerContainer } from './container';
import { dockerError, type DockerConfigError } from './errors';
import { readBool } from './label-values';
import { DOCKER_LABEL_PREFIX, IGNORED_PROVIDER_LABELS, PROVIDER_LABELS, TRAEFIK_PREFIX, V2_SECTIONS } from './labels';
import { closestKey } from './suggest';
import { mergeContainers } from './merge-containers';
import { compileRuleTemplate, normalizeName, type RuleTemplate } from './template';
import { readV1Labels } from './v1-labels';
import { readV2Labels } from './v2-labels';

/** The provider options the translation reads (a subset of `DockerProviderOptions`). */
export interface DockerTranslateOptions {
  readonly exposedByDefault: boolean;
  readonly network?: string | undefined;
  readonly useBindPortIP: boolean;
  /** Go template of the rule of routers without one, e.g. ``Host(`{{ normalize .Name }}`)``. */
  readonly defaultRule: string;
  readonly constraints?: string | undefined;
  /** Accepted for Traefik compatibility; Junction always keeps services of unhealthy containers. */
  readonly allowEmptyServices?: boolean;
  /** The provider name that qualifies local references (`auth@docker`). Default `docker`. */
  readonly provider?: string;
}

/** A translation error: the provider's own codes, or lb-core's for broken references. */
export type DockerTranslateError =
  DockerConfigError | (Omit<DockerConfigError, 'code'> & { readonly code: LbErrorCode });

/** The result: a raw Traefik-shaped configuration (validated by lb-core) and the errors. */
export interface DockerTranslation {
  readonly config: DynamicConfig;
  readonly errors: readonly DockerTranslateError[];
}

/** Translates running containers into one dynamic configuration (see module comment). */
export function containersToConfig(
  containers: readonly DockerContainer[],
  options: DockerTranslateOptions,
): DockerTranslation {
  const errors: DockerTranslateError[] = [];
  const constraint = compiledConstraints(options.constraints);
  if (constraint instanceof Error) {
    return {
      config: { http: { routers: {}, services: {}, middlewares: {} } },
      errors: [dockerError('LB_DOCKER_CONSTRAINTS', `--providers.docker.constraints ${constraint.message}`)],
    };
  }
  const defaultRule = compiledTemplate(options.defaultRule);
  const running = containers.filter((c) => c.state === 'running');
  const built: ContainerConfig[] = [];
  for (const container of running) {
    const result = translateContainer(container, running, options, constraint, defaultRule);
    if (result === undefined) continue;
    if ('errors' in result) errors.push(...result.errors);
    else built.push(result);
  }
  const merged = mergeContainers(built);
  errors.push(...merged.errors);
  const checked = validateDynamicConfig(merged.config, { provider: options.provider ?? 'docker' });
  for (const e of checked.errors) {
    const owners = e.element === undefined ? [] : (merged.definers.get(`${e.element.kind}:${e.element.name}`) ?? []);
    const container = owners.map((o) => o.container.name).join(', ');
    const base = dockerError('LB_DOCKER_LABEL', `${e.path}: ${e.message}`, {
      ...(container === '' ? {} : { container }),
      path: e.path,
    });
    errors.push({ ...base, code: e.code, message: base.message.replace(/^LB_DOCKER_LABEL/, e.code) });
  }
  return { config: checked.config, errors };
}

function translateContainer(
  container: DockerContainer,
  running: readonly DockerContainer[],
  options: DockerTranslateOptions,
  constraint: LabelConstraint,
  defaultRule: RuleTemplate | Error,
): ContainerConfig | { readonly errors: readonly DockerConfigError[] } | undefined {
  const ctx = { container: container.name, errors: [] as DockerConfigError[] };
  const enableText = container.labels[PROVIDER_LABELS.enable];
  const enabled =
    enableText === undefined ? options.exposedByDefault : readBool(ctx, PROVIDER_LABELS.enable, enableText);
  if (ctx.errors.length > 0) return { errors: ctx.errors };
  if (enabled !== true || !constraint(container.labels)) return undefined;

  const traefik: [string, string][] = [];
  let networkLabel: [string, string] | undefined;
  for (const [key, value] of Object.entries(container.labels)) {
    const lower = key.toLowerCase();
    if (
      !lower.startsWith(TRAEFIK_PREFIX) ||
      lower === PROVIDER_LABELS.enable ||
      IGNORED_PROVIDER_LABELS.includes(lower)
    )
      continue;
    if (lower === PROVIDER_LABELS.network) networkLabel = [key, value];
    else if (lower.startsWith(DOCKER_LABEL_PREFIX)) {
      const hint = closestKey(lower, [PROVIDER_LABELS.network, ...IGNORED_PROVIDER_LABELS]);
      ctx.errors.push(
        dockerError(
          'LB_DOCKER_LABEL',
          `unknown provider label${hint === undefined ? '' : ` (did you mean '${hint}'?)`}`,
          { container: container.name, label: key },
        ),
      );
    } else traefik.push([key, value]);
  }
  if (ctx.errors.length > 0) return { errors: ctx.errors };
  const compose = composeIdentity(container);
  const serviceName =
    normalizeName(compose === undefined ? container.name : `${compose.service}_${compose.project}`) ||
    container.id.slice(0, 12);
  const v2 = traefik.some(([key]) => Object.values(V2_SECTIONS).some((prefix) => key.toLowerCase().startsWith(prefix)));
  const result =
    v2 || traefik.length === 0
      ? readV2Labels(container.name, traefik)
      : readV1Labels(container.name, traefik, serviceName);
  if ('errors' in result) return result;
  const network =
    networkLabel !== undefined
      ? { name: networkLabel[1].trim(), label: networkLabel[0] }
      : options.network !== undefined && options.network !== ''
        ? { name: options.network }
        : undefined;
  return buildContainerConfig(
    {
      container,
      all: running,
      serviceName,
      serverId:
        container.serverId ??
        (compose?.number === undefined ? container.name : `${compose.project}/${compose.service}/${compose.number}`),
      network,
      useBindPortIP: options.useBindPortIP,
      defaultRule,
    },
    result.draft,
  );
}

let lastConstraints: { readonly source: string | undefined; readonly compiled: LabelConstraint | Error } | undefined;
let lastTemplate: { readonly source: string; readonly compiled: RuleTemplate | Error } | undefined;

/** Compiles constraints once per distinct expression (snapshots repeat the same options). */
function compiledConstraints(source: string | undefined): LabelConstraint | Error {
  if (lastConstraints?.source !== source || lastConstraints === undefined) {
    lastConstraints = { source, compiled: attempt(() => parseConstraints(source)) };
  }
  return lastConstraints.compiled;
}

function compiledTemplate(source: string): RuleTemplate | Error {
  if (lastTemplate?.source !== source || lastTemplate === undefined)
    lastTemplate = { source, compiled: attempt(() => compileRuleTemplate(source)) };
  return lastTemplate.compiled;
}

function attempt<T>(fn: () => T): T | Error {
  try {
    return fn();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
