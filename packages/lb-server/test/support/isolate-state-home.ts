/**
 * Vitest setup (every test file): a fresh `XDG_STATE_HOME` per test file, so a Junction started
 * by a test (in process or as a child inheriting the environment) keeps its overrides state file
 * (`--api.stateFile` defaults under it) in a temporary folder, never in the user's home, and two
 * test files running at once never share one. Removed after the file's tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const previous = process.env.XDG_STATE_HOME;
const dir = mkdtempSync(join(tmpdir(), 'junction-test-state-'));
process.env.XDG_STATE_HOME = dir;

afterAll(() => {
  if (previous === undefined) delete process.env.XDG_STATE_HOME;
  else process.env.XDG_STATE_HOME = previous;
  rmSync(dir, { recursive: true, force: true });
});
