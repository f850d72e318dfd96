/**
 * The Swarm provider's own labels, read from a service's labels (compose `deploy.labels`) before
 * the rest go through the Docker provider's label translation (traefik v3
 * `pkg/provider/docker/shared_labels.go`, v1.7 `provider/label/names.go`):
 * - network to reach the tasks on: v3 `traefik.swarm.network`, v1/v2 `traefik.docker.network`
 *   (when both are set, the v3 label wins);
 * - use the service's virtual IP instead of its tasks: v3 `traefik.swarm.lbswarm`, v2
 *   `traefik.docker.lbswarm`, v1 `traefik.backend.loadbalancer.swarm`.
 * Any other `traefik.swarm.*` label is an error with a suggestion, as unknown Docker labels are.
 */
import { dockerError, type DockerConfigError } from '../docker/errors';
import { readBool } from '../docker/label-values';
import { PROVIDER_LABELS } from '../docker/labels';
import { closestKey } from '../docker/suggest';

/** Swarm label names (lower case; keys after `traefik.` are case-insensitive). */
export const SWARM_LABELS = {
  network: 'traefik.swarm.network',
  lbswarm: 'traefik.swarm.lbswarm',
  dockerLbswarm: 'traefik.docker.lbswarm',
  v1Lbswarm: 'traefik.backend.loadbalancer.swarm',
} as const;

const SWARM_PREFIX = 'traefik.swarm.';
const LBSWARM_KEYS: readonly string[] = [SWARM_LABELS.lbswarm, SWARM_LABELS.dockerLbswarm, SWARM_LABELS.v1Lbswarm];

/** What a service's labels say to the Swarm provider, and the labels left for the translation. */
export interface SwarmLabels {
  /** The labels for the Docker translation: Swarm keys removed, the chosen network as `traefik.docker.network`. */
  readonly labels: Readonly<Record<string, string>>;
  /** The label key, as written, that chose the network (errors about the network name it). */
  readonly networkLabel: string | undefined;
  /** Route to the service's virtual IP rather than to each task. */
  readonly lbswarm: boolean;
  readonly errors: readonly DockerConfigError[];
}

/** Splits a service's labels (see module comment); `service` names the service in errors. */
export function readSwarmLabels(service: string, labels: Readonly<Record<string, string>>): SwarmLabels {
  const ctx = { container: service, errors: [] as DockerConfigError[] };
  const rest: Record<string, string> = {};
  let swarmNetwork: [string, string] | undefined;
  let dockerNetwork: [string, string] | undefined;
  let lbswarm = false;
  for (const [key, value] of Object.entries(labels)) {
    const lower = key.toLowerCase();
    if (lower === SWARM_LABELS.network) swarmNetwork = [key, value];
    else if (lower === PROVIDER_LABELS.network) dockerNetwork = [key, value];
    else if (LBSWARM_KEYS.includes(lower)) lbswarm = readBool(ctx, key, value) === true || lbswarm;
    else if (lower.startsWith(SWARM_PREFIX)) {
      const hint = closestKey(lower, [SWARM_LABELS.network, SWARM_LABELS.lbswarm]);
      ctx.errors.push(
        dockerError(
          'LB_DOCKER_LABEL',
          `unknown provider label${hint === undefined ? '' : ` (did you mean '${hint}'?)`}`,
          { container: service, label: key },
        ),
      );
    } else rest[key] = value;
  }
  const network = swarmNetwork ?? dockerNetwork;
  if (network !== undefined) rest[PROVIDER_LABELS.network] = network[1];
  return { labels: rest, networkLabel: network?.[0], lbswarm, errors: ctx.errors };
}
