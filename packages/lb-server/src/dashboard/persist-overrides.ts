/**
 * Keeps an {@link OverrideStore} in the state file (`--api.stateFile`): at start, loads the file
 * and restores its overrides (kept even for elements that do not exist yet); after every change,
 * schedules a coalesced atomic write. A missing file is a first start; an unreadable or corrupt
 * one is reported and set aside (see `state-file.ts`), and Junction starts without its overrides.
 */
import { parseOverrideFile, serializeOverrides } from './override-file';
import type { OverrideStore } from './override-store';
import { StateFile, type StateFileLogger } from './state-file';
import type { PersistenceState } from './state-types';

/** What {@link persistOverrides} returns. */
export interface OverridePersistence {
  /** The file's state, for the dashboard. */
  status(): PersistenceState;
  /** Writes pending changes now and waits (graceful shutdown). Never throws. */
  flush(): Promise<void>;
  /** Stops listening to changes (call {@link flush} first). */
  close(): void;
}

/** Options of {@link persistOverrides}. */
export interface PersistOptions {
  /** Absolute path of the file; `undefined`: overrides are kept in memory only. */
  readonly path: string | undefined;
  /** Why there is no file (shown in the dashboard), when `path` is `undefined`. */
  readonly reason?: string;
  readonly logger: StateFileLogger;
  /** Coalescing delay of writes, ms (default 250). */
  readonly delayMs?: number;
  readonly retryMs?: number;
  /** Load the file but never write it (cluster workers other than the one that writes). */
  readonly readOnly?: boolean;
}

/** Loads `overrides` from the file and keeps the file up to date (see module comment). */
export function persistOverrides(overrides: OverrideStore, options: PersistOptions): OverridePersistence {
  if (options.path === undefined) {
    options.logger.info(
      { stateFile: null },
      `overrides are not saved: ${options.reason ?? 'no state file is configured'}`,
    );
    const status: PersistenceState = {
      enabled: false,
      state: 'off',
      pending: false,
      reason: options.reason ?? 'no state file is configured',
    };
    return { status: () => status, flush: async () => undefined, close: () => undefined };
  }
  const file = new StateFile({
    path: options.path,
    logger: options.logger,
    ...(options.delayMs === undefined ? {} : { delayMs: options.delayMs }),
    ...(options.retryMs === undefined ? {} : { retryMs: options.retryMs }),
  });
  const found = file.load();
  const parsed = found?.kind === 'text' ? parseOverrideFile(found.text) : undefined;
  if (parsed?.ok === true) {
    overrides.restore(parsed.snapshot);
    const counts = { servers: parsed.snapshot.servers.length, services: parsed.snapshot.services.length };
    options.logger.info({ path: file.path, ...counts }, `overrides restored from ${file.path}`);
  } else if (parsed?.ok === false && options.readOnly === true) {
    options.logger.warn({ path: file.path }, `corrupt state file: ${parsed.message}`);
  } else if (parsed?.ok === false) {
    file.reject(parsed.code, `corrupt state file: ${parsed.message}`);
  } else if (found !== undefined) {
    options.logger.info({ path: file.path }, `overrides are saved to ${file.path}`);
  }
  const unsubscribe =
    options.readOnly === true
      ? () => undefined
      : overrides.onChange(() => file.schedule(() => serializeOverrides(overrides.list(), new Date())));
  const restored = parsed?.ok === true ? parsed.snapshot.servers.length + parsed.snapshot.services.length : undefined;
  return {
    status: () => (restored === undefined ? file.status() : { ...file.status(), restored }),
    flush: () => file.flush(),
    close: unsubscribe,
  };
}
