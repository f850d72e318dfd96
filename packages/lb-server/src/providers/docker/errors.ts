/**
 * Coded errors of the Docker provider. Label problems are data, returned beside the
 * configuration: each names the container and the label, and disables only that container's
 * routers, services and middlewares (STYLE §6). Engine problems go to `status()`.
 */
import type { ConfigErrorLike } from '../provider';

/** The Docker provider's error codes. */
export const DOCKER_ERROR_CODES = {
  /** A label is unknown (with a suggestion), has a wrong type or value, or a rule does not parse. */
  LB_DOCKER_LABEL: 'LB_DOCKER_LABEL',
  /** A Traefik label Junction does not implement; refused rather than silently ignored. */
  LB_DOCKER_LABEL_UNSUPPORTED: 'LB_DOCKER_LABEL_UNSUPPORTED',
  /** Two containers define the same router, service or middleware differently. */
  LB_DOCKER_CONFLICT: 'LB_DOCKER_CONFLICT',
  /** No port: no port label and not exactly one exposed TCP port. */
  LB_DOCKER_PORT: 'LB_DOCKER_PORT',
  /** The chosen network is not one of the container's, or none can be chosen, or it has no address. */
  LB_DOCKER_NETWORK: 'LB_DOCKER_NETWORK',
  /** `--providers.docker.constraints` does not parse. */
  LB_DOCKER_CONSTRAINTS: 'LB_DOCKER_CONSTRAINTS',
  /** `--providers.docker.defaultRule` does not parse or does not render. */
  LB_DOCKER_TEMPLATE: 'LB_DOCKER_TEMPLATE',
  /** The Docker engine cannot be reached or answered with an error (status only). */
  LB_DOCKER_ENGINE: 'LB_DOCKER_ENGINE',
} as const;

/** A Docker provider error code. */
export type DockerErrorCode = keyof typeof DOCKER_ERROR_CODES;

/** A configuration error found while translating containers. */
export interface DockerConfigError extends ConfigErrorLike {
  readonly code: DockerErrorCode;
  /** The container name (without `/`), when one container is at fault. */
  readonly container?: string;
  /** The offending label key, as written on the container. */
  readonly label?: string;
  /** The other container, for conflicts. */
  readonly otherContainer?: string;
}

/** Builds a {@link DockerConfigError}; the message names the container and the label. */
export function dockerError(
  code: DockerErrorCode,
  message: string,
  where: {
    readonly container?: string;
    readonly label?: string;
    readonly path?: string;
    readonly otherContainer?: string;
  } = {},
): DockerConfigError {
  const prefix = [
    where.container === undefined ? '' : `container ${where.container}`,
    where.label === undefined ? '' : `label ${where.label}`,
  ]
    .filter((part) => part !== '')
    .join(', ');
  const error: DockerConfigError = { code, message: `${code}: ${prefix === '' ? '' : `${prefix}: `}${message}` };
  return Object.assign(
    error,
    where.container === undefined ? {} : { container: where.container },
    where.label === undefined ? {} : { label: where.label },
    where.path === undefined ? {} : { path: where.path },
    where.otherContainer === undefined ? {} : { otherContainer: where.otherContainer },
  );
}
