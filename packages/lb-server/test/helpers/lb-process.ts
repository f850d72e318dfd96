/**
 * Test support: the real `lb-server` process (`src/main.ts` through tsx, as `npx nx serve` runs
 * it) as a child, with its entry points on free loopback ports read from its log. Stopped with
 * SIGTERM (graceful: waits for exit) or SIGKILL; only the process it started is signalled.
 * Optionally with the dashboard served from a built assets folder (a seam of `main()` the CLI
 * does not expose), and without waiting, for a process expected to exit. `spawnLbServer` is the
 * bare child (exactly the given flags, nothing awaited) that every launcher of the tests builds on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { until } from './poll';

const PACKAGE = fileURLToPath(new URL('../..', import.meta.url));
const NODE_ARGS = ['--conditions=junction-source', '--import', 'tsx'];
/** Runs `main()` with the dashboard's assets folder; argv and folder come in the environment. */
const LAUNCH_WITH_ASSETS = [
  "import { main } from './src/main.ts';",
  'const deps = { dashboardAssetsDir: process.env.LB_TEST_ASSETS };',
  'process.exit(await main(JSON.parse(process.env.LB_TEST_ARGV), process.env, deps));',
].join('\n');

/** A spawned `lb-server` child and what it printed so far. */
export interface LbChild {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** stdout and stderr together, in the order they arrived. */
  readonly output: () => string;
  /** Resolves with the exit code once the process has exited. */
  readonly exit: Promise<number | null>;
}

/**
 * Spawns `lb-server` with exactly `args` and collects its output; waits for nothing. `env`
 * replaces the inherited environment; with `dashboardAssetsDir`, `main()` serves the dashboard from it.
 */
export function spawnLbServer(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; dashboardAssetsDir?: string } = {},
): LbChild {
  const assets = options.dashboardAssetsDir;
  const env = options.env ?? process.env;
  const child =
    assets === undefined
      ? spawn(process.execPath, [...NODE_ARGS, 'src/main.ts', ...args], {
          cwd: PACKAGE,
          stdio: ['ignore', 'pipe', 'pipe'],
          env,
        })
      : spawn(process.execPath, [...NODE_ARGS, '--input-type=module', '-e', LAUNCH_WITH_ASSETS], {
          cwd: PACKAGE,
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...env, LB_TEST_ARGV: JSON.stringify(args), LB_TEST_ASSETS: assets },
        });
  let out = '';
  let err = '';
  let both = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    both += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    both += chunk.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, output: () => both, exit };
}

/** A running `lb-server`. */
export interface LbProcess {
  readonly child: ChildProcess;
  /** `http://127.0.0.1:<port>` of `web` and `traefik`. */
  readonly web: string;
  readonly traefik: string;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Resolves with the exit code once the process has exited. */
  readonly exit: Promise<number | null>;
  /** Parsed JSON log lines so far. */
  readonly logs: () => Record<string, unknown>[];
  /** SIGTERM, then resolves with the exit code. */
  stop(): Promise<number | null>;
  kill(): void;
}

/** How to start it, besides its flags and environment. */
export interface LbProcessOptions {
  /** Serve the dashboard from this built assets folder (see module comment). */
  readonly dashboardAssetsDir?: string;
  /** `false`: resolve at once, with `web` and `traefik` empty (for a process expected to exit). */
  readonly wait?: boolean;
}

/**
 * Starts `lb-server` with `args` (plus loopback `web` and `traefik` entry points on port 0 and
 * `--log.level=INFO`); `TRAEFIK_*`/`JUNCTION_*` variables of the test's environment are left out.
 */
export async function startLbProcess(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  options: LbProcessOptions = {},
): Promise<LbProcess> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(TRAEFIK|JUNCTION)_/.test(k)));
  const argv = [
    '--entrypoints.web.address=127.0.0.1:0',
    '--entrypoints.traefik.address=127.0.0.1:0',
    '--log.level=INFO',
    ...args,
  ];
  const { child, stdout, stderr, exit } = spawnLbServer(argv, {
    env: { ...base, ...env },
    ...(options.dashboardAssetsDir === undefined ? {} : { dashboardAssetsDir: options.dashboardAssetsDir }),
  });
  const logs = (): Record<string, unknown>[] =>
    stdout()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  const portOf = (ep: string): string | undefined => {
    const line = logs().find((l) => l.msg === 'entry point listening' && l.entryPoint === ep);
    return line === undefined ? undefined : `http://127.0.0.1:${String(line.port)}`;
  };
  const stop = async (): Promise<number | null> => {
    child.kill('SIGTERM');
    return exit;
  };
  const kill = (): void => void child.kill('SIGKILL');
  if (options.wait === false) return { child, web: '', traefik: '', logs, stdout, stderr, exit, stop, kill };
  try {
    const web = await until(() => portOf('web'), `web to listen (${stderr()})`, 30_000);
    const traefik = await until(() => portOf('traefik'), 'traefik to listen');
    return { child, web, traefik, logs, stdout, stderr, exit, stop, kill };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}
