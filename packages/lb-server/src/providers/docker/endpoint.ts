/**
 * Where the Docker API is: `--providers.docker.endpoint` (`unix:///var/run/docker.sock` by default,
 * `tcp://host:2376` with `tls.ca|cert|key`, or `http(s)://` for a socket proxy), with `DOCKER_HOST`
 * taking over when the endpoint was left at its default, as the docker CLI does. Builds the
 * dockerode client; the provider only ever sees it through {@link DockerClient}.
 */
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import Docker from 'dockerode';

/** Traefik's default endpoint. */
export const DEFAULT_DOCKER_ENDPOINT = 'unix:///var/run/docker.sock';

/** The Docker API calls discovery needs (and all a socket proxy must allow). */
export type DockerClient = Pick<Docker, 'listContainers' | 'getContainer' | 'getEvents' | 'ping'>;

/** TLS material for a `tcp://` endpoint (file paths, as Traefik takes them). */
export interface DockerTlsFiles {
  readonly ca?: string | undefined;
  readonly cert?: string | undefined;
  readonly key?: string | undefined;
  readonly insecureSkipVerify?: boolean;
}

/** Thrown for an endpoint that cannot be used. */
export class DockerEndpointError extends Error {
  readonly code = 'LB_DOCKER_ENGINE';
}

/** The endpoint in effect: the configured one, or `DOCKER_HOST` when the configured one is the default. */
export function effectiveEndpoint(
  configured: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  const fromEnv = env.DOCKER_HOST;
  if (
    (configured === undefined || configured === '' || configured === DEFAULT_DOCKER_ENDPOINT) &&
    fromEnv !== undefined &&
    fromEnv !== ''
  )
    return fromEnv;
  return configured === undefined || configured === '' ? DEFAULT_DOCKER_ENDPOINT : configured;
}

/** dockerode options for an endpoint; reads TLS files with `readFile`. Throws {@link DockerEndpointError}. */
export function dockerOptions(
  endpoint: string,
  tls: DockerTlsFiles | undefined,
  readFile: (path: string) => Buffer = readFileSync,
): Docker.DockerOptions {
  if (endpoint.startsWith('unix://')) {
    const socketPath = endpoint.slice('unix://'.length);
    if (socketPath === '') throw new DockerEndpointError(`endpoint '${endpoint}' names no socket`);
    return { socketPath };
  }
  const match = /^(tcp|http|https):\/\/([^/:]+|\[[^\]]+\]):?(\d*)\/?$/.exec(endpoint);
  if (match === null)
    throw new DockerEndpointError(
      `unsupported endpoint '${endpoint}': use unix:///path, tcp://host:port, http://host:port or https://host:port`,
    );
  const [, scheme, host = '', portText] = match;
  const secure =
    scheme === 'https' ||
    (tls !== undefined &&
      (tls.ca !== undefined || tls.cert !== undefined || tls.key !== undefined || tls.insecureSkipVerify === true));
  const port = portText === undefined || portText === '' ? (secure ? 2376 : 2375) : Number(portText);
  const options: Docker.DockerOptions = {
    host: host.replace(/^\[|\]$/g, ''),
    port,
    protocol: secure ? 'https' : 'http',
  };
  if (!secure) return options;
  const read = (path: string | undefined) => {
    if (path === undefined) return undefined;
    try {
      return readFile(path);
    } catch (error) {
      throw new DockerEndpointError(
        `cannot read TLS file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      );
    }
  };
  const material = { ca: read(tls?.ca), cert: read(tls?.cert), key: read(tls?.key) };
  const defined = Object.fromEntries(Object.entries(material).filter(([, v]) => v !== undefined));
  if (tls?.insecureSkipVerify === true)
    return { ...options, agent: new Agent({ ...defined, rejectUnauthorized: false }) } as Docker.DockerOptions;
  return { ...options, ...defined };
}

/** Creates the dockerode client for an endpoint (see {@link dockerOptions}): the whole client, which the dashboard's container management shares. */
export function createDockerClient(endpoint: string, tls?: DockerTlsFiles): Docker {
  return new Docker(dockerOptions(endpoint, tls));
}
