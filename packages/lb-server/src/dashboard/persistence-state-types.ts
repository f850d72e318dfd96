/**
 * The parts of the dashboard's streamed state (`DashboardState`, `state-types.ts`) about keeping
 * operator overrides across restarts: where the state file is and how saving goes, and the saved
 * overrides whose service or server does not exist now. Plain JSON types with no imports, shared
 * by the server and the browser code.
 */

/** A problem with the overrides state file. */
export interface PersistenceProblem {
  readonly code: string;
  readonly message: string;
  /** When it happened (ISO 8601). */
  readonly at: string;
  /** Where an unusable file was moved (`<file>.corrupt-<time>`). */
  readonly setAside?: string;
}

/** Where the operator's overrides are kept across restarts (`--api.stateFile`). */
export interface PersistenceState {
  /** Overrides are saved to a file. */
  readonly enabled: boolean;
  /** Absolute path of the file. */
  readonly path?: string;
  /** `ok`, `error` (the last write failed: overrides apply in memory only) or `off` (not saved). */
  readonly state: 'ok' | 'error' | 'off';
  /** A change is waiting to be written. */
  readonly pending: boolean;
  readonly lastSavedAt?: string;
  /** How many overrides were restored from the file at start. */
  readonly restored?: number;
  readonly lastError?: PersistenceProblem;
  /** The file found at start could not be used (unreadable or corrupt). */
  readonly loadError?: PersistenceProblem;
  /** Why saving is off, when it is. */
  readonly reason?: string;
}

/** An override whose service or server does not exist in the running configuration. */
export interface OrphanOverrideState {
  readonly service: string;
  /** The server id; absent for a strategy override. */
  readonly server?: string;
  readonly draining?: boolean;
  readonly weight?: number;
  readonly strategy?: string;
  readonly by: string;
  /** When it was set (epoch ms). */
  readonly at: number;
  /** What is missing: the service, or the server in it. */
  readonly missing: 'service' | 'server';
}
