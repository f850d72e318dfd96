/**
 * The command-line front of static options, for `main.ts`: prints help or the version and says
 * to exit 0, prints an {@link OptionsError} to stderr and says to exit 2, or hands back the
 * options to run with. It never calls `process.exit` itself, so it is tested in-process.
 */
import { helpText } from './help';
import { isOptionsError } from './options-error';
import { parseStaticOptions, type ReadTextFile } from './parse-static-options';
import type { StaticOptions } from './types';

/** Where {@link resolveCli} writes, and how it reads the config file. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readFile?: ReadTextFile;
}

/** Either the options to run with, or the exit status to leave with. */
export type CliOutcome = { readonly options: StaticOptions } | { readonly exitCode: 0 | 2 };

/**
 * Parses the command line and environment. `--help` → help on stdout, exit 0; `--version` →
 * `junction <version>` on stdout, exit 0; invalid options → `junction: <issue>` lines and a
 * `--help` hint on stderr, exit 2. Other errors propagate.
 */
export function resolveCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: CliIo,
  version: string,
): CliOutcome {
  let options: StaticOptions;
  try {
    options = parseStaticOptions(argv, env, io.readFile);
  } catch (error) {
    if (!isOptionsError(error)) throw error;
    const lines = error.message.split('\n').map((line) => `junction: ${line}`);
    io.stderr(`${lines.join('\n')}\nRun lb-server --help for the list of options.\n`);
    return { exitCode: 2 };
  }
  if (options.meta.command === 'help') {
    io.stdout(helpText());
    return { exitCode: 0 };
  }
  if (options.meta.command === 'version') {
    io.stdout(`junction ${version}\n`);
    return { exitCode: 0 };
  }
  return { options };
}
