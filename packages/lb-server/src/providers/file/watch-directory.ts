/**
 * A robust change signal for a directory. It watches the directory rather than a file, so editors
 * that save by writing a temporary file and renaming it over the original (vim, sed -i, Kubernetes
 * ConfigMap symlink swaps) keep being seen: a file watch would follow the old, unlinked inode. When
 * the directory itself is replaced or the watch fails, it re-arms (retrying while the directory is
 * missing) and signals a change, since events may have been missed meanwhile. The signal carries no
 * detail: consumers re-read everything (level-triggered).
 *
 * The directory's replacement is seen from its parent: a watch reports nothing when the directory
 * it follows is renamed away (Node 24's recursive watch on Linux: no event at all), so the parent
 * is watched too, for events naming the directory.
 */
import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';

/** Options of {@link watchDirectory}. */
export interface WatchDirectoryOptions {
  readonly directory: string;
  /** Also watch subdirectories. */
  readonly recursive: boolean;
  /** Whether an event about this entry name (relative, or `null` when the OS gives none) matters. */
  readonly relevant: (name: string | null) => boolean;
  /** Something relevant may have changed. */
  readonly onChange: () => void;
  /** The watch failed (it is being re-armed). */
  readonly onError: (error: Error) => void;
  readonly signal: AbortSignal;
  /** Delay between re-arm attempts. Default 1000 ms. */
  readonly retryMs?: number;
  /** Also signal a change every so often, for file systems without events (some bind mounts). 0 = off. */
  readonly pollIntervalMs?: number;
}

/** Starts watching; resolves once the first watch is armed or has failed (it keeps retrying). */
export async function watchDirectory(options: WatchDirectoryOptions): Promise<void> {
  const { directory, signal } = options;
  const retryMs = options.retryMs ?? 1000;
  let watcher: FSWatcher | undefined;
  /** The parent directory's watch, for the directory's own replacement. */
  let parent: FSWatcher | undefined;
  let inode: number | undefined;
  let retry: NodeJS.Timeout | undefined;

  const disarm = (): void => {
    watcher?.close();
    watcher = undefined;
    parent?.close();
    parent = undefined;
  };

  /** Watches the parent for events naming the directory (a parent that cannot be watched: none). */
  const watchParent = (): void => {
    const name = basename(directory);
    try {
      const p = watch(dirname(directory), { persistent: false });
      p.on('change', (_event, entry) => {
        if (entry === null || String(entry) === name) void checkReplaced();
      });
      p.on('error', () => {
        p.close();
        if (parent === p) parent = undefined;
      });
      parent = p;
    } catch {
      // the directory's own events and the retries still apply
    }
  };

  const arm = async (): Promise<boolean> => {
    disarm();
    try {
      inode = (await stat(directory)).ino;
      if (signal.aborted) return false;
      const w = watch(directory, { recursive: options.recursive, persistent: false });
      w.on('change', (event, name) => {
        const entry = name === null ? null : String(name);
        if (event === 'rename' && (entry === null || !entry.includes('/'))) void checkReplaced();
        if (options.relevant(entry)) options.onChange();
      });
      w.on('error', (error) => {
        if (watcher === w) failed(error);
      });
      watcher = w;
      watchParent();
      return true;
    } catch (error) {
      failed(error instanceof Error ? error : new Error(String(error)));
      return false;
    }
  };

  const failed = (error: Error): void => {
    disarm();
    options.onError(error);
    scheduleRearm();
  };

  const scheduleRearm = (): void => {
    if (signal.aborted || retry !== undefined) return;
    retry = setTimeout(() => {
      retry = undefined;
      void arm().then((armed) => {
        if (armed) options.onChange();
      });
    }, retryMs);
    retry.unref();
  };

  /** The directory was renamed away or replaced: the watch follows a dead inode, so re-arm. */
  const checkReplaced = async (): Promise<void> => {
    const current = await stat(directory).then(
      (s) => s.ino,
      () => undefined,
    );
    if (current !== inode && watcher !== undefined) failed(new Error(`${directory} was replaced or removed`));
  };

  const poll =
    (options.pollIntervalMs ?? 0) > 0
      ? setInterval(() => {
          void checkReplaced();
          options.onChange();
        }, options.pollIntervalMs)
      : undefined;
  poll?.unref();

  signal.addEventListener(
    'abort',
    () => {
      disarm();
      clearTimeout(retry);
      clearInterval(poll);
    },
    { once: true },
  );

  await arm();
}
