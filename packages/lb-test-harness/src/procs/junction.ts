/**
 * Starts Junction (lb-server) as a child process with Traefik's command line, a file provider
 * watching `dynamicFile`, the API, ping and Prometheus metrics on the `traefik` entry point, and
 * waits for `/ping`. Dist first, then sources (see {@link entryArgs}).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HarnessError } from '../errors';
import { startChild, type Child } from './child';
import { waitForHttp } from './http-wait';
import { entryArgs, JUNCTION_ENTRY, type EntryPreference } from './node-entry';

/** Options of {@link startJunction}. */
export interface JunctionOptions {
  readonly root: string;
  /** The dynamic configuration YAML to watch. */
  readonly dynamicFile: string;
  readonly webPort: number;
  readonly adminPort: number;
  readonly prefer?: EntryPreference;
  readonly logLevel?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Node flags before the entry (e.g. `--expose-gc`). */
  readonly nodeArgs?: readonly string[];
  /** Flags appended to the command line (e.g. `--workers=2`). */
  readonly extraFlags?: readonly string[];
  /** Wraps the command, e.g. to pin it to a CPU with taskset (which execs: the pid stays Junction's). */
  readonly wrap?: (command: string, args: readonly string[]) => { command: string; args: string[] };
  /** How long to wait for `/ping` (default 30 s). */
  readonly readyTimeoutMs?: number;
}

/** A running Junction. */
export interface Junction {
  readonly child: Child;
  /** Which form runs: built dist or sources through tsx. */
  readonly from: 'dist' | 'source';
  /** `http://127.0.0.1:<webPort>` */
  readonly webUrl: string;
  /** `http://127.0.0.1:<adminPort>` (API, ping, metrics). */
  readonly adminUrl: string;
}

/** Junction's command-line flags (Traefik's static configuration). */
export function junctionFlags(
  o: Pick<JunctionOptions, 'dynamicFile' | 'webPort' | 'adminPort' | 'logLevel'>,
): string[] {
  return [
    `--entrypoints.web.address=127.0.0.1:${o.webPort}`,
    `--entrypoints.traefik.address=127.0.0.1:${o.adminPort}`,
    '--api.insecure',
    '--ping',
    '--metrics.prometheus',
    `--providers.file.filename=${o.dynamicFile}`,
    '--providers.file.watch=true',
    `--log.level=${o.logLevel ?? 'ERROR'}`,
  ];
}

/** What Junction ships to run with (see {@link shippedRun}). */
interface ShippedRun {
  readonly nodeFlags: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

/**
 * The Node flags and environment Junction ships with (`packages/lb-server/bin/node-flags.mjs`,
 * what its launcher and image run it with), so the harness measures Junction as users run it;
 * none when absent. A variable this process sets wins, as `docker run -e` over the image's ENV.
 */
async function shippedRun(root: string): Promise<ShippedRun> {
  const file = join(root, 'packages/lb-server/bin/node-flags.mjs');
  if (!existsSync(file)) return { nodeFlags: [], env: {} };
  const mod = (await import(pathToFileURL(file).href)) as {
    NODE_FLAGS?: readonly string[];
    PROCESS_ENV?: Readonly<Record<string, string>>;
  };
  return { nodeFlags: mod.NODE_FLAGS ?? [], env: mod.PROCESS_ENV ?? {} };
}

/** The variables of `env` this process does not set itself. */
function unlessSet(env: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([name]) => process.env[name] === undefined));
}

/** Starts Junction and waits until `/ping` answers. */
export async function startJunction(o: JunctionOptions): Promise<Junction> {
  const entry = entryArgs(o.root, JUNCTION_ENTRY, o.prefer ?? 'auto');
  if (entry === undefined) {
    const entries = `${JUNCTION_ENTRY.dist} nor ${JUNCTION_ENTRY.source}`;
    throw new HarnessError(
      'HARNESS_MISSING',
      `lb-server has no ${entries} under ${o.root}; build or finish lb-server first`,
    );
  }
  const shipped = await shippedRun(o.root);
  const args = [
    ...shipped.nodeFlags,
    ...(o.nodeArgs ?? []),
    ...entry.args,
    ...junctionFlags(o),
    ...(o.extraFlags ?? []),
  ];
  const run = o.wrap === undefined ? { command: process.execPath, args } : o.wrap(process.execPath, args);
  const child = startChild({
    name: 'junction',
    command: run.command,
    args: run.args,
    cwd: o.root,
    env: { ...unlessSet(shipped.env), ...o.env },
  });
  const adminUrl = `http://127.0.0.1:${o.adminPort}`;
  try {
    await waitForHttp(`${adminUrl}/ping`, { child, timeoutMs: o.readyTimeoutMs ?? 30_000 });
  } catch (err) {
    await child.stop('SIGKILL');
    throw err;
  }
  return { child, from: entry.from, webUrl: `http://127.0.0.1:${o.webPort}`, adminUrl };
}
