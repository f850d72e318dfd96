/**
 * The `lb-server` process: parse the command line (Traefik's flags, environment or `--configFile`;
 * exit 2 on a bad option), make the logger, and take this process's role. A single process and
 * each worker of a cluster serve (`serve.ts`, loaded only then); with `--workers N` (N > 1) this
 * process is the cluster's primary (`cluster/primary.ts`), which forks the workers and serves
 * nothing, so it never loads Fastify, undici or the dashboard.
 */
import { createRequire } from 'node:module';
import { clusterRole } from './cluster/role';
import { createLogger } from './log';
import { resolveCli } from './options';

const VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

/** Test and packaging seams of {@link main}. */
export interface MainDeps {
  /** Folder of the built dashboard (default: `dist/dashboard/` beside the bundle or the package). */
  readonly dashboardAssetsDir?: string;
}

/** Runs Junction; resolves with the process exit code once it has stopped. */
export async function main(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  deps: MainDeps = {},
): Promise<number> {
  const cli = resolveCli(
    argv,
    env,
    { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) },
    VERSION,
  );
  if ('exitCode' in cli) return cli.exitCode;
  const { options } = cli;
  const processLogger = createLogger(options.log);
  // `--workers N`: this process supervises N workers (and serves nothing), or is one of them.
  const role = await clusterRole(options, processLogger);
  const member = role.kind === 'worker' ? role.member : undefined;
  const logger = member === undefined ? processLogger : processLogger.child({ worker: member.index });
  // Said once: by the primary, not again by each worker.
  if (member === undefined) for (const warning of options.meta.warnings) logger.warn(warning);
  if (role.kind === 'primary') return role.run();
  const { serve } = await import('./serve');
  return serve({ options, env, deps, logger, member, version: VERSION });
}

/** Runs {@link main} as the process: exit with its code, or 1 with the stack on a crash. */
export function run(argv: readonly string[] = process.argv.slice(2)): void {
  main(argv, process.env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`junction: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}

// Run when executed directly (`node dist/main.js`, `tsx src/main.ts`); the bin shim calls `run()`.
if (process.argv[1] !== undefined && /(?:^|[\\/])main\.(?:[cm]?js|ts)$/.test(process.argv[1])) run();
