/**
 * Static configuration of Junction (Traefik-compatible flags, environment variables and file):
 * parse once at startup into a frozen {@link StaticOptions}, print `--help` from the option table.
 */
export { parseStaticOptions, type ReadTextFile } from './parse-static-options';
export { resolveCli, type CliIo, type CliOutcome } from './cli';
export { helpText } from './help';
export { OptionsError, isOptionsError, type OptionsIssue } from './options-error';
export {
  OPTION_TABLE,
  OPTION_ALIASES,
  DEFAULT_ENTRYPOINT_NAME,
  DEFAULT_ENTRYPOINT_ADDRESS,
  INTERNAL_ENTRYPOINT_NAME,
  INTERNAL_ENTRYPOINT_ADDRESS,
  DEFAULT_DOCKER_RULE,
  type OptionSpec,
  type OptionKind,
} from './option-table';
export { parseDuration, parseAddress, formatAddress, type ListenAddress } from './values';
export type {
  StaticOptions,
  EntryPointOptions,
  DockerProviderOptions,
  FileProviderOptions,
  ApiOptions,
  PingOptions,
  LogOptions,
  AccessLogOptions,
  PrometheusOptions,
  OptionsMeta,
  Millis,
  TraefikLogLevel,
  RuleSyntax,
} from './types';
