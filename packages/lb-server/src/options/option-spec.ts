/**
 * The shape of a static option row (kind, default, description) and the named defaults that rows
 * and the option builders share. The rows themselves are in `option-table.ts` and its sections.
 */

/** How an option's value is read. `section` is a boolean that also turns on when any sub-option is set. */
export type OptionKind =
  | 'section'
  | 'boolean'
  | 'string'
  | 'duration'
  | 'integer'
  | 'enum'
  | 'address'
  | 'stringList'
  | 'numberList'
  | 'domainList';

/** One static option. */
export interface OptionSpec {
  /** Canonical dotted name as Traefik spells it in YAML (`providers.docker.exposedByDefault`). */
  readonly key: string;
  readonly kind: OptionKind;
  readonly description: string;
  /** Default in text form (`2s`, `true`), parsed by the same code as user input; absent = unset. */
  readonly default?: string;
  /** Allowed values of an `enum`, canonical case. */
  readonly values?: readonly string[];
  /** Only meaningful on the command line (`--configFile`, `--help`, `--version`). */
  readonly flagOnly?: boolean;
  /** What `--help` shows after `=` when the kind's generic placeholder says too little. */
  readonly placeholder?: string;
}

/** Name of the entry point Junction creates when none is configured. Traefik v3 calls it `http`. */
export const DEFAULT_ENTRYPOINT_NAME = 'web';
/** Address of {@link DEFAULT_ENTRYPOINT_NAME}. */
export const DEFAULT_ENTRYPOINT_ADDRESS = ':80';
/** Name of the internal entry point for the API, ping and metrics, as in Traefik. */
export const INTERNAL_ENTRYPOINT_NAME = 'traefik';
/** Address of {@link INTERNAL_ENTRYPOINT_NAME}. */
export const INTERNAL_ENTRYPOINT_ADDRESS = ':8080';
/** Let's Encrypt's production directory, Traefik's default `caServer`. */
export const LETS_ENCRYPT_PRODUCTION = 'https://acme-v02.api.letsencrypt.org/directory';
/** ACME key types (Traefik's names). */
export const ACME_KEY_TYPES = ['EC256', 'EC384', 'RSA2048', 'RSA4096', 'RSA8192'] as const;
/** Traefik's default redirection priority is MaxInt-1, past JavaScript's exact integers: the largest safe one less 1. */
export const REDIRECTION_PRIORITY = Number.MAX_SAFE_INTEGER - 1;
/** Traefik's default rule for Docker containers without a rule. */
export const DEFAULT_DOCKER_RULE = 'Host(`{{ normalize .Name }}`)';
