/**
 * The dashboard's static settings and where its credentials come from. Viewing (pages, the
 * state stream, the container list) is open only when `insecure` says so (Traefik's
 * `--api.insecure`); every action needs credentials: htpasswd users (`--api.users`,
 * `--api.usersFile`) and/or a bearer token (`--api.token`, `--api.tokenFile`; as environment
 * variables `JUNCTION_API_TOKEN`, `JUNCTION_API_TOKENFILE`). With no credentials configured,
 * actions are disabled — never open.
 *
 * The options live under `api.` so that `JUNCTION_API_TOKEN` is an ordinary option variable (the
 * options parser reads every `JUNCTION_API_*` variable as an `api.*` option and refuses unknown
 * ones). The token is also read from the environment here, so it works with `--configFile`
 * (which makes the parser ignore the environment, as Traefik does).
 */
import type { DashboardCredentials } from './auth';

/** Environment variable holding the bearer token. */
export const TOKEN_ENV = 'JUNCTION_API_TOKEN';

/** What `--api.insecure`, `--api.users`, `--api.usersFile`, `--api.token`, `--api.tokenFile` configure. */
export interface DashboardSettings {
  /** Viewing needs no credentials (`--api.insecure`). Actions always do. */
  readonly insecure: boolean;
  /** htpasswd lines `user:hash` (`--api.users`). */
  readonly users?: readonly string[];
  /** htpasswd file (`--api.usersFile`). */
  readonly usersFile?: string;
  /** Bearer token (`--api.token`); prefer the file or the environment. */
  readonly token?: string;
  /** File holding the bearer token (`--api.tokenFile`). */
  readonly tokenFile?: string;
}

/** Reads a file's text (injected: `readFileSync(path, 'utf8')` in `main.ts`). */
export type ReadText = (path: string) => string;

/**
 * The credentials of `settings`: inline users plus those of `usersFile` (the file wins on a name
 * in both, as Traefik's basicAuth); the token from `token`, else `tokenFile`, else
 * `JUNCTION_API_TOKEN`. Throws when a named file cannot be read.
 */
export function resolveCredentials(
  settings: DashboardSettings,
  env: Readonly<Record<string, string | undefined>>,
  readText: ReadText,
): DashboardCredentials {
  const users = [...(settings.users ?? [])];
  if (settings.usersFile !== undefined && settings.usersFile !== '')
    users.push(...readText(settings.usersFile).split('\n'));
  const token =
    settings.token ??
    (settings.tokenFile !== undefined && settings.tokenFile !== '' ? readText(settings.tokenFile).trim() : undefined) ??
    env[TOKEN_ENV];
  return { users, ...(token === undefined || token === '' ? {} : { token }) };
}
