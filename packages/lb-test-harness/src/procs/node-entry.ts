/**
 * How to run a workspace program as one Node process: its built `dist` file when present (or
 * when asked), else its TypeScript source through tsx's loader (`node --import tsx`), which
 * keeps a single process — so the PID the harness holds is the server itself, for kills and
 * for memory readings.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where a program's entry lives, relative to the repository root. */
export interface NodeEntry {
  readonly dist: string;
  readonly source: string;
}

/** Which form to run: `auto` tries dist, then source. */
export type EntryPreference = 'auto' | 'dist' | 'source';

/** lb-server's entry. */
export const JUNCTION_ENTRY: NodeEntry = {
  dist: 'packages/lb-server/dist/main.js',
  source: 'packages/lb-server/src/main.ts',
};
/** jokes-api's entry. */
export const JOKES_ENTRY: NodeEntry = {
  dist: 'packages/jokes-api/dist/server.js',
  source: 'packages/jokes-api/src/server.ts',
};

/** The Node arguments that run `entry` (before the program's own), or `undefined` when absent. */
export function entryArgs(
  root: string,
  entry: NodeEntry,
  prefer: EntryPreference,
  exists: (path: string) => boolean = existsSync,
): { args: string[]; from: 'dist' | 'source' } | undefined {
  const dist = join(root, entry.dist);
  const source = join(root, entry.source);
  if (prefer !== 'source' && exists(dist)) return { args: [dist], from: 'dist' };
  if (prefer !== 'dist' && exists(source))
    return { args: ['--import', 'tsx', '--conditions=junction-source', source], from: 'source' };
  return undefined;
}

/** The repository root: the nearest ancestor of `from` holding `nx.json` and `packages/`. */
export function findRepoRoot(
  from: string = dirname(fileURLToPath(import.meta.url)),
  exists: (path: string) => boolean = existsSync,
): string {
  let dir = resolve(from);
  for (;;) {
    if (exists(join(dir, 'nx.json')) && exists(join(dir, 'packages'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}
