import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchDirectory } from './watch-directory';
import { waitFor } from '../../../test/helpers/poll';
import { closeScratch, openScratch } from '../../../test/helpers/scratch';

let root: string;
let controller: AbortController;

beforeEach(async () => {
  ({ dir: root, controller } = await openScratch('junction-watch-'));
});

afterEach(() => closeScratch(root, controller));

/**
 * Watches `directory` retrying every 20 ms, every name relevant; counts errors and changes, and
 * notes the change count when the first error came (a re-arm 20 ms later can signal before a
 * test polling every 25 ms reads the count itself).
 */
async function watchCounting(
  directory: string,
  recursive: boolean,
): Promise<{ errors: Error[]; changes: () => number; changesAtFirstError: () => number | undefined }> {
  const errors: Error[] = [];
  let changes = 0;
  let atFirstError: number | undefined;
  await watchDirectory({
    directory,
    recursive,
    signal: controller.signal,
    retryMs: 20,
    relevant: () => true,
    onError: (e) => {
      atFirstError ??= changes;
      errors.push(e);
    },
    onChange: () => {
      changes += 1;
    },
  });
  return { errors, changes: () => changes, changesAtFirstError: () => atFirstError };
}

describe('watchDirectory', () => {
  it('signals only relevant names', async () => {
    const seen: (string | null)[] = [];
    let changes = 0;
    await watchDirectory({
      directory: root,
      recursive: false,
      signal: controller.signal,
      onError: () => {},
      relevant: (name) => {
        seen.push(name);
        return name === 'wanted.yml';
      },
      onChange: () => {
        changes += 1;
      },
    });
    await writeFile(join(root, 'other.txt'), 'x');
    await waitFor(() => seen.includes('other.txt'), 'the unrelated event');
    expect(changes).toBe(0);
    await writeFile(join(root, 'wanted.yml'), 'x');
    await waitFor(() => changes > 0, 'the relevant event');
  });

  it('re-arms when the directory is replaced, and signals a change', async () => {
    const dir = join(root, 'conf');
    await mkdir(dir);
    const { errors, changes, changesAtFirstError } = await watchCounting(dir, true);
    // Node sets a recursive watch up asynchronously on Linux: a busy machine can rename the
    // directory before its watch is in place, and nothing would report that. An event first.
    await writeFile(join(dir, 'probe.yml'), 'x');
    await waitFor(() => changes() > 0, 'the watch to be live');
    await rename(dir, join(root, 'conf-old'));
    await mkdir(dir);
    await waitFor(() => errors.length > 0, 'the lost watch');
    const before = changesAtFirstError() ?? 0;
    await waitFor(() => changes() > before, 'the re-armed signal');
    const afterRearm = changes();
    await writeFile(join(dir, 'new.yml'), 'x');
    await waitFor(() => changes() > afterRearm, 'an event in the new directory');
  });

  it('keeps retrying while the directory is missing', async () => {
    const dir = join(root, 'later');
    const { errors, changes } = await watchCounting(dir, false);
    expect(errors.length).toBeGreaterThan(0);
    await mkdir(dir);
    await waitFor(() => changes() > 0, 'the directory to appear');
  });
});
