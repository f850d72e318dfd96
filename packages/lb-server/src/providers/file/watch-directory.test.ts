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

/** Watches `directory` retrying every 20 ms, every name relevant; counts errors and changes. */
async function watchCounting(
  directory: string,
  recursive: boolean,
): Promise<{ errors: Error[]; changes: () => number }> {
  const errors: Error[] = [];
  let changes = 0;
  await watchDirectory({
    directory,
    recursive,
    signal: controller.signal,
    retryMs: 20,
    relevant: () => true,
    onError: (e) => errors.push(e),
    onChange: () => {
      changes += 1;
    },
  });
  return { errors, changes: () => changes };
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
    const { errors, changes } = await watchCounting(dir, true);
    await rename(dir, join(root, 'conf-old'));
    await mkdir(dir);
    await waitFor(() => errors.length > 0, 'the lost watch');
    const before = changes();
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
