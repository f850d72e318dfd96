/**
 * The table of static options: one row per option, with its canonical Traefik name (matched
 * case-insensitively), value kind, default and one-line description. Parsing, defaulting and the
 * `--help` text are all driven by this table, so they cannot drift apart. `<name>` stands for a
 * user-chosen name (an entry point, a certificate resolver). The rows live in one module per
 * section (`option-table-*.ts`), combined here in `--help` order.
 */

import type { OptionSpec } from './option-spec';
import { ACME_OPTIONS } from './option-table-acme';
import { ENTRY_POINT_OPTIONS } from './option-table-entry-points';
import { GENERAL_OPTIONS } from './option-table-general';
import { PROVIDER_OPTIONS } from './option-table-providers';

export {
  ACME_KEY_TYPES,
  DEFAULT_DOCKER_RULE,
  DEFAULT_ENTRYPOINT_ADDRESS,
  DEFAULT_ENTRYPOINT_NAME,
  INTERNAL_ENTRYPOINT_ADDRESS,
  INTERNAL_ENTRYPOINT_NAME,
  LETS_ENCRYPT_PRODUCTION,
  type OptionKind,
  type OptionSpec,
  REDIRECTION_PRIORITY,
} from './option-spec';

/** Every static option Junction understands. */
export const OPTION_TABLE: readonly OptionSpec[] = [
  {
    key: 'configFile',
    kind: 'string',
    flagOnly: true,
    description:
      'Static configuration file (YAML or TOML). When given, all other flags and environment variables are ignored (Traefik rule).',
  },
  { key: 'help', kind: 'boolean', flagOnly: true, description: 'Print this help and exit.' },
  { key: 'version', kind: 'boolean', flagOnly: true, description: 'Print the version and exit.' },
  ...ENTRY_POINT_OPTIONS,
  ...PROVIDER_OPTIONS,
  ...ACME_OPTIONS,
  ...GENERAL_OPTIONS,
];

/**
 * Traefik v1 spellings (`--docker`, `--docker.endpoint`, `--logLevel`) rewritten to their v3 names
 * by prefix: a key equal to `from` or starting with `from.` has that prefix replaced by `to`.
 */
export const OPTION_ALIASES: readonly { readonly from: string; readonly to: string }[] = [
  { from: 'docker', to: 'providers.docker' },
  { from: 'file', to: 'providers.file' },
  { from: 'logLevel', to: 'log.level' },
];
