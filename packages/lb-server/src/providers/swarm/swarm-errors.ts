/**
 * Words the Docker translation's errors for swarm services. The translation names "container X",
 * the label `traefik.docker.network` and the option `--providers.docker.network`; on a swarm the
 * thing at fault is service X (one error per service, however many tasks it runs), the network
 * label is the one the user wrote (`traefik.swarm.network` or `traefik.docker.network`) and the
 * option is `--providers.swarm.network`. Codes stay the Docker provider's (`LB_DOCKER_LABEL`,
 * `LB_DOCKER_PORT`, `LB_DOCKER_NETWORK`, `LB_DOCKER_CONFLICT`…): the label language is the same.
 * Each error also carries `service`; `container` is kept (the dashboard groups errors by it).
 */
import type { DockerTranslateError } from '../docker/containers-to-config';
import { PROVIDER_LABELS } from '../docker/labels';

/** A translation error about one swarm service. */
export type SwarmTranslateError = DockerTranslateError & { readonly service?: string };

const PHRASES: readonly (readonly [RegExp, string])[] = [
  [/\bthe container exposes no TCP port\b/, 'swarm does not say which port the tasks listen on'],
  [/\bthe container exposes several TCP ports\b/, 'several ports are possible'],
  [/\bthe container defines several\b/, 'the service defines several'],
  [/\bthis container is disabled\b/, 'this service is disabled'],
  [/\bthe container's networks\b/, "the task's networks"],
  [/--providers\.docker\.(network|constraints|defaultRule)\b/g, '--providers.swarm.$1'],
];

/** Rewords and deduplicates errors; `networkLabels` maps a service to the network label it used. */
export function swarmWording(
  errors: readonly DockerTranslateError[],
  networkLabels: ReadonlyMap<string, string>,
): SwarmTranslateError[] {
  const out: SwarmTranslateError[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const service = error.container;
    let message = error.message;
    if (service !== undefined) message = message.replace(`: container ${service}`, `: service ${service}`);
    if (error.otherContainer !== undefined)
      message = message.replace(`by container ${error.otherContainer}`, `by service ${error.otherContainer}`);
    for (const [pattern, text] of PHRASES) message = message.replace(pattern, text);
    const written = service === undefined ? undefined : networkLabels.get(service);
    let label = error.label;
    if (written !== undefined) {
      message = message.replaceAll(`label ${PROVIDER_LABELS.network}`, `label ${written}`);
      if (label === PROVIDER_LABELS.network) label = written;
    } else message = message.replace(`the label ${PROVIDER_LABELS.network}`, 'the label traefik.swarm.network');
    const key = JSON.stringify([error.code, message, label, error.path]);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      ...error,
      message,
      ...(label === undefined ? {} : { label }),
      ...(service === undefined ? {} : { service }),
    });
  }
  return out;
}
