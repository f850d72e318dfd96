/**
 * Reads Junction's static configuration the way Traefik does: from exactly one source, tried in
 * Traefik's loader order — the file named by `--configFile`, else command-line flags, else
 * `TRAEFIK_*` / `JUNCTION_*` environment variables, else defaults. Sources are never mixed (Traefik:
 * "mutually exclusive"); what a losing source held is listed in `meta.warnings` so the lead can log
 * it instead of silently dropping it, which is Traefik's most common surprise. Flags are always
 * validated, even when a file wins, so a typo never passes unnoticed.
 */
import { readFileSync } from 'node:fs';
import { buildStaticOptions } from './build';
import { IssueList, OptionsError } from './options-error';
import { OptionValues } from './option-values';
import { readConfigFile, readEnv, readFlags } from './sources';
import type { OptionsMeta, StaticOptions } from './types';

/** Reads a file as UTF-8 text (injected so tests need no disk). */
export type ReadTextFile = (path: string) => string;

const defaultReadFile: ReadTextFile = (path) => readFileSync(path, 'utf8');
const META_FLAGS = new Set(['configFile', 'help', 'version']);

/**
 * Parses static options from `argv` (without the node and script names), the environment and,
 * when `--configFile` is given, that file. Returns a frozen, fully defaulted {@link StaticOptions};
 * `meta.command` is `help` or `version` when those flags were given.
 *
 * @throws {OptionsError} listing every unknown option and malformed value, each named as written.
 */
export function parseStaticOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  readFile: ReadTextFile = defaultReadFile,
): StaticOptions {
  const issues = new IssueList();
  const flags = OptionValues.from(readFlags(argv, issues), issues, true);
  const command =
    flags.isSet('help') && flags.bool('help')
      ? 'help'
      : flags.isSet('version') && flags.bool('version')
        ? 'version'
        : 'run';
  if (command !== 'run') return build(new OptionValues(), meta(command, 'defaults', undefined, []), new IssueList());
  issues.throwIfAny();

  const envEntries = readEnv(env);
  const flagLabels = flags.labels().filter((label) => !META_FLAGS.has(canonicalFlag(label)));
  const configFile = flags.isSet('configFile') ? flags.optStr('configFile') : undefined;

  if (configFile !== undefined) {
    const warnings = [
      ...ignored(flagLabels, `flags ignored because --configFile is given (one source only, as in Traefik)`),
      ...ignored(
        envEntries.map((e) => e.label),
        'environment variables ignored because --configFile is given',
      ),
    ];
    let text: string;
    try {
      text = readFile(configFile);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new OptionsError([{ option: `--configFile=${configFile}`, message: `cannot read the file (${reason})` }]);
    }
    const values = OptionValues.from(readConfigFile(configFile, text, issues), issues, false);
    return build(values, meta('run', 'file', configFile, warnings), issues);
  }
  if (flagLabels.length > 0) {
    const warnings = ignored(
      envEntries.map((e) => e.label),
      'environment variables ignored because flags are given (one source only, as in Traefik)',
    );
    return build(flags, meta('run', 'flags', undefined, warnings), issues);
  }
  if (envEntries.length > 0) {
    return build(OptionValues.from(envEntries, issues, false), meta('run', 'env', undefined, []), issues);
  }
  return build(flags, meta('run', 'defaults', undefined, []), issues);
}

function build(values: OptionValues, info: OptionsMeta, issues: IssueList): StaticOptions {
  issues.throwIfAny();
  const options = buildStaticOptions(values, info, issues);
  issues.throwIfAny();
  return options;
}

function meta(
  command: OptionsMeta['command'],
  source: OptionsMeta['source'],
  configFile: string | undefined,
  warnings: string[],
): OptionsMeta {
  return { command, source, configFile, warnings };
}

function ignored(labels: readonly string[], why: string): string[] {
  return labels.length === 0 ? [] : [`${why}: ${labels.join(', ')}`];
}

function canonicalFlag(label: string): string {
  const key = label.replace(/^--/, '').toLowerCase();
  return [...META_FLAGS].find((flag) => flag.toLowerCase() === key) ?? key;
}
