/**
 * Per-test scratch space for tests of code that watches files (the file provider, the directory
 * watcher): a fresh temporary folder and an abort controller before each test, aborted and
 * removed after it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary folder named `<prefix>…` and a fresh abort controller. */
export async function openScratch(prefix: string): Promise<{ dir: string; controller: AbortController }> {
  return { dir: await mkdtemp(join(tmpdir(), prefix)), controller: new AbortController() };
}

/** Aborts `controller` and removes `dir` (either may be missing when `beforeEach` failed). */
export async function closeScratch(dir: string | undefined, controller: AbortController | undefined): Promise<void> {
  controller?.abort();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
}
