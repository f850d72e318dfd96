/**
 * A robust change signal for a directory. It watches the directory rather than a file, so editors
 * that save by writing a temporary file and renaming it over the original (vim, sed -i, Kubernetes
 * ConfigMap symlink swaps) keep being seen: a file watch would follow the old, unlinked inode. When
 * the directory itself is replaced or the watch fails, it re-arms (retrying while the directory is
 * missing) and signals a change, since events may have been missed meanwhile. The signal carries no
 * detail: consumers re-read everything (level-triggered).
 */
import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';

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
  let inode: number | undefined;
  let retry: NodeJS.Timeout | undefined;

  const disarm = (): void => {
    watcher?.close();
    watcher = undefined;
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
