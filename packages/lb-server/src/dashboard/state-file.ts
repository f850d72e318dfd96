/**
 * The overrides state file on disk (`--api.stateFile`): read once at start, written atomically
 * after changes.
 *
 * - **Atomic write**: a temporary file in the same directory (`<name>.tmp-<pid>-<n>`, mode 0600),
 *   written, fsynced, renamed over the file, then the directory fsynced, so a crash leaves the old
 *   file or the new one, never half of one. The directory is created (0700) when missing.
 * - **Coalesced**: a change schedules one write `delayMs` later (default 250 ms); changes
 *   meanwhile join it, and a change during a write schedules one more. {@link StateFile.flush}
 *   writes what is pending at once (graceful shutdown).
 * - **Failures are reported, not fatal**: a write that fails (read-only disk, full disk) is logged
 *   with the path, kept in {@link StateFile.status} for the dashboard, and retried every
 *   `retryMs`; the overrides still apply in memory.
 * - **A bad file is set aside, never overwritten**: an unreadable or corrupt file is renamed to
 *   `<name>.corrupt-<time>` and reported; if it cannot be renamed, nothing is written over it.
 */
import { constants, readFileSync, renameSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { PersistenceState } from './state-types';

/** Where the file's messages go (the process's pino logger; errors go to `warn` without `error`). */
export interface StateFileLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error?(obj: object, msg: string): void;
}

/** Options of {@link StateFile}. */
export interface StateFileOptions {
  /** Absolute path of the file. */
  readonly path: string;
  readonly logger: StateFileLogger;
  /** Coalescing delay of writes, ms. Default 250. */
  readonly delayMs?: number;
  /** Delay before retrying a failed write, ms. Default 10 000. */
  readonly retryMs?: number;
  readonly now?: () => number;
}

/** What {@link StateFile.load} found. */
export type StateFileLoad = { readonly kind: 'missing' } | { readonly kind: 'text'; readonly text: string };

let tmpCounter = 0;

/** The state file (see module comment). */
export class StateFile {
  readonly path: string;
  readonly #logger: StateFileLogger;
  readonly #delayMs: number;
  readonly #retryMs: number;
  readonly #now: () => number;
  #render: (() => string) | undefined;
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> | undefined;
  #dirty = false;
  /** Writing is refused: the bad file could not be set aside. */
  #blocked = false;
  #status: { -readonly [K in keyof PersistenceState]: PersistenceState[K] };

  constructor(options: StateFileOptions) {
    this.path = options.path;
    this.#logger = options.logger;
    this.#delayMs = options.delayMs ?? 250;
    this.#retryMs = options.retryMs ?? 10_000;
    this.#now = options.now ?? Date.now;
    this.#status = { enabled: true, path: this.path, state: 'ok', pending: false };
  }

  /** The file's text, or `missing`; `undefined` when it could not be read (reported, set aside). */
  load(): StateFileLoad | undefined {
    try {
      return { kind: 'text', text: readFileSync(this.path, 'utf8') };
    } catch (error) {
      const err = error as NodeJS.ErrnoException;
      // ENOTDIR: a parent is a file, so there is no file either (writing will say why it fails).
      if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return { kind: 'missing' };
      this.reject('DASH_STATE_FILE_UNREADABLE', `cannot read the state file: ${err.message}`);
      return undefined;
    }
  }

  /**
   * Reports the file as unusable (unreadable, or `parseOverrideFile` refused it): logs the error
   * with the path and renames the file to `<name>.corrupt-<time>` so the next write does not
   * destroy it. When it cannot be renamed, writing stays off (reported).
   */
  reject(code: string, message: string): void {
    const setAside = `${this.path}.corrupt-${new Date(this.#now()).toISOString().replace(/[:.]/g, '-')}`;
    let moved: string | undefined;
    try {
      renameSync(this.path, setAside);
      moved = setAside;
    } catch (error) {
      this.#blocked = true;
      message += `; it could not be set aside (${(error as Error).message}), so it is not overwritten and changes are kept in memory only`;
      this.#status.state = 'error';
      this.#status.lastError = {
        code: 'DASH_STATE_FILE_BLOCKED',
        message: 'not saving: the unusable state file could not be set aside',
        at: new Date(this.#now()).toISOString(),
      };
    }
    this.#status.loadError = {
      code,
      message,
      at: new Date(this.#now()).toISOString(),
      ...(moved === undefined ? {} : { setAside: moved }),
    };
    this.#error(
      { path: this.path, code, setAside: moved },
      `state file ${this.path}: ${message}${moved === undefined ? '' : `; set aside as ${moved}, starting without its overrides`}`,
    );
  }

  /** Schedules a write of `render()`'s text (coalesced; see module comment). */
  schedule(render: () => string): void {
    this.#render = render;
    this.#dirty = true;
    this.#status.pending = true;
    if (this.#timer === undefined && this.#writing === undefined) this.#arm(this.#delayMs);
  }

  /**
   * Writes what is pending now and waits for it (graceful shutdown), at most `timeoutMs` (a disk
   * that hangs must not hold the stop forever; logged). Never throws; after a failed write the
   * retry stays armed (unreferenced, so it never holds the process).
   */
  async flush(timeoutMs = 5000): Promise<void> {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    const work = (async () => {
      while (this.#writing !== undefined) await this.#writing;
      if (this.#dirty) await this.#write();
    })();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), timeoutMs)));
    const outcome = await Promise.race([work.then(() => 'done' as const), late]);
    clearTimeout(timer);
    if (outcome === 'late')
      this.#logger.warn(
        { path: this.path, timeoutMs },
        `state file ${this.path}: still writing after ${timeoutMs} ms; not waiting longer`,
      );
  }

  /** The file's state for the dashboard. */
  status(): PersistenceState {
    return { ...this.#status };
  }

  #error(obj: object, msg: string): void {
    if (this.#logger.error !== undefined) this.#logger.error(obj, msg);
    else this.#logger.warn(obj, msg);
  }

  #arm(ms: number): void {
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#write();
    }, ms);
    this.#timer.unref();
  }

  async #write(): Promise<void> {
    if (this.#blocked || this.#render === undefined) return;
    this.#dirty = false;
    const text = this.#render();
    const run = this.#atomicWrite(text).then(
      () => {
        if (this.#status.state === 'error')
          this.#logger.info({ path: this.path }, `state file ${this.path} written again`);
        this.#status.state = 'ok';
        this.#status.lastSavedAt = new Date(this.#now()).toISOString();
        delete this.#status.lastError;
      },
      (error: NodeJS.ErrnoException) => {
        this.#dirty = true;
        const first = this.#status.state !== 'error';
        this.#status.state = 'error';
        this.#status.lastError = {
          code: 'DASH_STATE_FILE_WRITE',
          message: `cannot write the state file: ${error.message}`,
          at: new Date(this.#now()).toISOString(),
        };
        const line = { path: this.path, code: 'DASH_STATE_FILE_WRITE', err: error.message, retryInMs: this.#retryMs };
        const msg = `state file ${this.path}: cannot write it (${error.code ?? error.message}); overrides apply in memory only until it can be written`;
        if (first) this.#error(line, msg);
        else this.#logger.warn(line, msg);
      },
    );
    this.#writing = run;
    await run;
    this.#writing = undefined;
    this.#status.pending = this.#dirty;
    if (this.#dirty && this.#timer === undefined)
      this.#arm(this.#status.state === 'error' ? this.#retryMs : this.#delayMs);
  }

  async #atomicWrite(text: string): Promise<void> {
    const dir = dirname(this.path);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const tmp = join(dir, `.${basename(this.path)}.tmp-${process.pid}-${++tmpCounter}`);
    const file = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    try {
      await file.chmod(0o600);
      await file.writeFile(text, 'utf8');
      await file.sync();
    } catch (error) {
      await file.close().catch(() => undefined);
      await rm(tmp, { force: true }).catch(() => undefined);
      throw error;
    }
    await file.close();
    try {
      await rename(tmp, this.path);
    } catch (error) {
      await rm(tmp, { force: true }).catch(() => undefined);
      throw error;
    }
    // The rename itself is durable once the directory is synced (not possible everywhere).
    const d = await open(dir, constants.O_RDONLY).catch(() => undefined);
    await d?.sync().catch(() => undefined);
    await d?.close();
  }
}
