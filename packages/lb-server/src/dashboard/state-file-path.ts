/**
 * Where the overrides state file is (`--api.stateFile`). Unset, it follows the XDG Base
 * Directory specification, whose "state" directory is meant for exactly this (data that should
 * outlive a restart but is not configuration): `$XDG_STATE_HOME/junction/overrides.json`, else
 * `~/.local/state/junction/overrides.json`. Caddy keeps its API-made configuration the same way
 * (`autosave.json` under an XDG directory, on by default), and its image points the XDG variables
 * at a volume, as Junction's does (`XDG_STATE_HOME=/data`). Empty: no file, memory only.
 */
import { isAbsolute, join, resolve } from 'node:path';

/** File name inside the state directory. */
export const STATE_FILE_NAME = join('junction', 'overrides.json');

/** Where the file is, or why there is none. */
export interface StateFileLocation {
  /** Absolute path; `undefined`: overrides are kept in memory only. */
  readonly path: string | undefined;
  readonly reason?: string;
}

/** The state file for the option's value (`undefined` when unset), the environment and the working directory. */
export function resolveStateFile(
  option: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): StateFileLocation {
  if (option !== undefined) {
    return option.trim() === ''
      ? { path: undefined, reason: '--api.stateFile is empty: overrides are kept in memory only' }
      : { path: resolve(cwd, option) };
  }
  const xdg = env.XDG_STATE_HOME;
  // The specification says a relative XDG path is invalid and must be ignored.
  if (xdg !== undefined && isAbsolute(xdg)) return { path: join(xdg, STATE_FILE_NAME) };
  const home = env.HOME;
  if (home !== undefined && isAbsolute(home)) return { path: join(home, '.local', 'state', STATE_FILE_NAME) };
  return {
    path: undefined,
    reason: 'no --api.stateFile, and neither XDG_STATE_HOME nor HOME is set: overrides are kept in memory only',
  };
}
