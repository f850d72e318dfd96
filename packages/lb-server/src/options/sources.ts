/**
 * The three sources of static configuration, each read into flat `{ segments, value }` entries:
 * command-line flags (yargs-parser), `TRAEFIK_*` / `JUNCTION_*` environment variables, and a YAML
 * or TOML file. Entries keep the spelling the user wrote so messages can quote it back.
 */
import parser from 'yargs-parser';
import { parseTomlText, parseYamlText } from '../text-formats';
import type { IssueList } from './options-error';
import { isKnownRoot, isOptionGroup, resolveOptionKey } from './resolve-key';

/** One option as read from a source, not yet resolved or validated. */
export interface RawEntry {
  readonly segments: readonly string[];
  readonly value: unknown;
  /** The option as the user wrote it: `--api`, `TRAEFIK_API`, `traefik.yml: api`. */
  readonly label: string;
  /** True when a flag was given several times (scalars then keep the last value). */
  readonly repeated: boolean;
  /** Renders canonical segments in this source's style, for "did you mean". */
  readonly render: (segments: readonly string[]) => string;
}

/** Environment variable prefixes, lowest precedence first (a `JUNCTION_` variable wins). */
export const ENV_PREFIXES = ['TRAEFIK_', 'JUNCTION_'] as const;

const YARGS_CONFIGURATION = {
  'dot-notation': false,
  'camel-case-expansion': false,
  'parse-numbers': false,
  'parse-positional-numbers': false,
  'boolean-negation': false,
  'short-option-groups': false,
  'duplicate-arguments-array': true,
  'greedy-arrays': false,
} as const;

const renderFlag = (segments: readonly string[]): string => `--${segments.join('.')}`;

/**
 * Reads flags. Dot-notation is off on purpose: `--providers.docker --providers.docker.watch=false`
 * would otherwise collide (a boolean, then an object at the same key). Positional arguments are
 * reported as issues, since Junction takes none.
 */
export function readFlags(argv: readonly string[], issues: IssueList): RawEntry[] {
  const parsed = parser(
    argv.map((arg) => (arg === '-h' ? '--help' : arg)),
    { configuration: YARGS_CONFIGURATION },
  );
  for (const positional of parsed._) issues.add('', `unexpected argument ${JSON.stringify(String(positional))}`);
  return Object.entries(parsed)
    .filter(([key]) => key !== '_' && key !== '--')
    .map(([key, value]) => ({
      segments: key.split('.'),
      value,
      label: renderFlag(key.split('.')),
      repeated: Array.isArray(value),
      render: renderFlag,
    }));
}

/**
 * Reads `TRAEFIK_*` then `JUNCTION_*` variables whose first segment is a known option root
 * (`TRAEFIK_ENTRYPOINTS_WEB_ADDRESS` → `entrypoints.web.address`); other variables with those
 * prefixes are not configuration and are skipped, as Traefik does. Names are lowercased.
 */
export function readEnv(env: Readonly<Record<string, string | undefined>>): RawEntry[] {
  const entries: RawEntry[] = [];
  for (const prefix of ENV_PREFIXES) {
    const render = (segments: readonly string[]): string => `${prefix}${segments.join('_').toUpperCase()}`;
    for (const [name, value] of Object.entries(env)) {
      if (value === undefined || !name.startsWith(prefix)) continue;
      const segments = name.slice(prefix.length).toLowerCase().split('_');
      if (!isKnownRoot(segments[0] ?? '')) continue;
      entries.push({ segments, value, label: name, repeated: false, render });
    }
  }
  return entries;
}

/**
 * Parses a static configuration file (TOML when the name ends in `.toml`, YAML otherwise) and
 * flattens it. Syntax errors are reported with `file:line:column`.
 */
export function readConfigFile(path: string, text: string, issues: IssueList): RawEntry[] {
  const tree = parseTree(path, text, issues);
  if (tree === undefined) return [];
  const label = (segments: readonly string[]): string => `${path}: ${segments.join('.')}`;
  const render = (segments: readonly string[]): string => segments.join('.');
  const entries: RawEntry[] = [];
  const walk = (segments: string[], value: unknown): void => {
    const isEmpty = value === null || (isPlainObject(value) && Object.keys(value).length === 0);
    if (isPlainObject(value) && !isEmpty) {
      for (const [key, child] of Object.entries(value)) walk([...segments, key], child);
      return;
    }
    if (isEmpty && resolveOptionKey(segments) === undefined && isOptionGroup(segments)) return;
    entries.push({ segments, value: isEmpty ? true : value, label: label(segments), repeated: false, render });
  };
  walk([], tree);
  return entries;
}

function parseTree(path: string, text: string, issues: IssueList): Record<string, unknown> | undefined {
  const parsed = path.toLowerCase().endsWith('.toml') ? parseTomlText(text) : parseYamlText(text);
  if (!parsed.ok) {
    const where = parsed.line === undefined ? path : `${path}:${parsed.line}:${parsed.column}`;
    issues.add(where, firstLine(parsed.error));
    return undefined;
  }
  const tree: unknown = 'tree' in parsed ? parsed.tree : (parsed.doc.toJS() ?? {});
  if (!isPlainObject(tree)) {
    issues.add(path, 'the static configuration must be a mapping of options');
    return undefined;
  }
  return tree;
}

/** The first line of an error message, without the code frame parsers append. */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
