/**
 * The Swarm API shapes the provider reads (the subset of moby's `swarm.Service`, `swarm.Task` and
 * `network.Summary` JSON it needs, structural so tests feed captured engine output without
 * dockerode), the client calls discovery makes, and the task and service states that decide who
 * gets traffic (moby `api/types/swarm/task.go`).
 */
import type Docker from 'dockerode';

/** The Docker API calls the Swarm provider makes (all a socket proxy must allow, with `ping`). */
export type SwarmClient = Pick<
  Docker,
  'listServices' | 'listTasks' | 'listNetworks' | 'listContainers' | 'getContainer' | 'getEvents' | 'ping'
>;

/** `GET /services` entry. */
export interface SwarmServiceEntry {
  readonly ID: string;
  readonly CreatedAt?: string;
  readonly Spec: {
    readonly Name: string;
    /** Service labels: compose `deploy.labels` (not the containers' `labels`). */
    readonly Labels?: Readonly<Record<string, string>> | null;
    readonly Mode?: { readonly Replicated?: { readonly Replicas?: number }; readonly Global?: object } | null;
    readonly EndpointSpec?: { readonly Mode?: string } | null;
  };
  readonly Endpoint?: {
    readonly VirtualIPs?: readonly { readonly NetworkID: string; readonly Addr?: string }[] | null;
  } | null;
  /** Present while (or after) a rolling update runs: `updating`, `paused`, `completed`, `rollback_started`… */
  readonly UpdateStatus?: { readonly State?: string } | null;
}

/** One network attachment of a task. */
export interface TaskNetworkAttachment {
  readonly Network: { readonly ID: string; readonly Spec?: { readonly Name?: string; readonly Ingress?: boolean } };
  /** CIDR form, `10.0.1.5/24`. */
  readonly Addresses?: readonly string[] | null;
}

/** `GET /tasks` entry. */
export interface SwarmTaskEntry {
  readonly ID: string;
  readonly ServiceID: string;
  /** Replicated services: 1…n; global services: 0 (absent). */
  readonly Slot?: number;
  readonly NodeID?: string;
  readonly DesiredState?: string;
  readonly Status?: {
    readonly State?: string;
    readonly ContainerStatus?: { readonly ContainerID?: string } | null;
  };
  readonly NetworksAttachments?: readonly TaskNetworkAttachment[] | null;
}

/** `GET /networks` entry (scope `swarm`). */
export interface SwarmNetworkEntry {
  readonly Id: string;
  readonly Name: string;
  readonly Ingress?: boolean;
}

/** The labels swarm puts on a task's container (seen in container events and listings). */
export const TASK_CONTAINER_LABELS = {
  taskId: 'com.docker.swarm.task.id',
  serviceName: 'com.docker.swarm.service.name',
} as const;

/** The label `docker stack deploy` puts on each service: the stack's name. */
export const STACK_NAMESPACE_LABEL = 'com.docker.stack.namespace';

/** A task gets traffic only in this state; swarm holds a task with a health check in `starting` until it passes. */
export const TASK_RUNNING = 'running';

/** Task states on the way to `running`: while any task is in one, the provider lists every second. */
export const STARTING_STATES: readonly string[] = [
  'new',
  'pending',
  'assigned',
  'accepted',
  'preparing',
  'ready',
  'starting',
];

/** Service events that change routing. */
export const SERVICE_EVENTS = ['create', 'update', 'remove'] as const;

/** Update states during which the provider lists more often (tasks come and go every few seconds). */
export const UPDATING_STATES: readonly string[] = ['updating', 'rollback_started'];

/** The address part of a CIDR (`10.0.1.5/24` → `10.0.1.5`). */
export function withoutMask(cidr: string | undefined): string {
  if (cidr === undefined) return '';
  const slash = cidr.indexOf('/');
  return slash < 0 ? cidr : cidr.slice(0, slash);
}
