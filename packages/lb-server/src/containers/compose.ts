/**
 * Docker Compose's labels on the containers it creates, and the compose identity they give a
 * container. Shared by the Docker provider (server ids `project/service/number`) and the
 * dashboard (container list, scaling), so neither imports the other.
 */

/** The labels Docker Compose sets on its containers. */
export const COMPOSE_LABELS = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  containerNumber: 'com.docker.compose.container-number',
} as const;

/** The compose identity of a container (from its `com.docker.compose.*` labels). */
export interface ComposeIdentity {
  readonly project: string;
  readonly service: string;
  /** `com.docker.compose.container-number`, when set. */
  readonly number?: string;
}

/** The compose identity of a container, if both project and service labels are set. */
export function composeIdentity(container: {
  readonly labels: Readonly<Record<string, string>>;
}): ComposeIdentity | undefined {
  const project = container.labels[COMPOSE_LABELS.project];
  const service = container.labels[COMPOSE_LABELS.service];
  if (project === undefined || project === '' || service === undefined || service === '') return undefined;
  const number = container.labels[COMPOSE_LABELS.containerNumber];
  return number === undefined || number === '' ? { project, service } : { project, service, number };
}
