/**
 * The messages a `--workers N` cluster sends over Node's IPC channel between the primary and its
 * workers. Every message carries `junction: 1`, so Node's and prom-client's own cluster messages
 * are never mistaken for ours. Workers never talk to each other directly: a worker sends to the
 * primary, and the primary relays (`broadcast`) or answers (`collect`).
 */

/** Environment variable carrying a worker's index (0 … N-1; a replacement keeps the index). */
export const WORKER_INDEX_ENV = 'JUNCTION_WORKER_INDEX';

/** Topics relayed to every other worker (and remembered by the primary for replacements). */
export type Topic = 'health' | 'overrides' | 'stats' | 'acme';

/** What can be collected from every worker and merged by the primary. */
export type Collectable = 'metrics';

/** Worker → primary → every other worker. */
export interface BroadcastMessage {
  readonly junction: 1;
  readonly kind: 'broadcast';
  readonly topic: Topic;
  /** Key under which the primary keeps the latest value for workers started later. */
  readonly key: string;
  /** The value; `null` withdraws the key's value (the primary forgets it). */
  readonly data: unknown;
}

/** Worker → primary: gather `what` from every worker; answered by a {@link CollectedMessage}. */
export interface CollectRequest {
  readonly junction: 1;
  readonly kind: 'collect';
  readonly id: number;
  readonly what: Collectable;
}

/** Primary → worker: your share of a collection. */
export interface ShareRequest {
  readonly junction: 1;
  readonly kind: 'share';
  readonly id: number;
  readonly what: Collectable;
}

/** Worker → primary: the answer to a {@link ShareRequest}. */
export interface ShareResponse {
  readonly junction: 1;
  readonly kind: 'shared';
  readonly id: number;
  readonly data: unknown;
}

/** Primary → worker: the merged answer to a {@link CollectRequest}. */
export interface CollectedMessage {
  readonly junction: 1;
  readonly kind: 'collected';
  readonly id: number;
  readonly data?: unknown;
  readonly error?: string;
}

/** Primary → worker: stop accepting and drain, as on SIGTERM. */
export interface ShutdownMessage {
  readonly junction: 1;
  readonly kind: 'shutdown';
}

/**
 * Primary → a new worker, in answer to its `hello`: the latest value of each broadcast key so
 * far. (No sticky secret: cookie values derive from the server id alone, so every worker and
 * every replica agrees without one.)
 */
export interface ReplayMessage {
  readonly junction: 1;
  readonly kind: 'replay';
  readonly items: readonly { readonly topic: Topic; readonly key: string; readonly data: unknown }[];
}

/** Worker → primary: `hello` once it listens for messages (the primary answers with a replay), `ready` once every entry point listens. */
export interface StateMessage {
  readonly junction: 1;
  readonly kind: 'hello' | 'ready';
}

/** Any message of the protocol. */
export type ClusterMessage =
  | BroadcastMessage
  | CollectRequest
  | ShareRequest
  | ShareResponse
  | CollectedMessage
  | ShutdownMessage
  | ReplayMessage
  | StateMessage;

/** True for a message of this protocol. */
export function isClusterMessage(message: unknown): message is ClusterMessage {
  return typeof message === 'object' && message !== null && (message as { junction?: unknown }).junction === 1;
}
