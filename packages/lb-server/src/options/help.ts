/**
 * `--help` text, generated from {@link OPTION_TABLE} so every option the parser accepts is listed
 * with its description and default, and nothing else is.
 */
import { OPTION_ALIASES, OPTION_TABLE, type OptionSpec } from './option-table';
import { ENV_PREFIXES } from './sources';

const INTRO = `Junction: a dynamic reverse proxy and load balancer, Traefik-compatible.

Usage: lb-server [--option[=value] ...]

Static configuration comes from ONE source, as in Traefik: the file given by --configFile
(YAML or TOML), else the flags below, else environment variables ${ENV_PREFIXES.map((p) => `${p}<OPTION>`).join(' or ')}
(dots become underscores: TRAEFIK_ENTRYPOINTS_WEB_ADDRESS=:80, TRAEFIK_PROVIDERS_DOCKER=true).
Option names are case-insensitive. Booleans and sections accept --ping, --ping=true, --ping=false;
setting any sub-option (--providers.docker.watch=false) also enables its section.
Durations: 500ms, 2s, 1m30s, or a number of seconds. Lists: comma-separated.
When no entry point is defined, "web" listens on :80; "traefik" (:8080) is added when the API
(insecure, or with credentials), ping or metrics need it.`;

/** The full `--help` text, ending with a newline. */
export function helpText(): string {
  const lines = [INTRO, '', 'Options:'];
  for (const spec of OPTION_TABLE) {
    lines.push(`  --${spec.key}${spec.kind === 'section' || spec.kind === 'boolean' ? '' : `=${placeholder(spec)}`}`);
    lines.push(`      ${spec.description}${defaultText(spec)}`);
  }
  lines.push('', 'Traefik v1 spellings:');
  for (const alias of OPTION_ALIASES) lines.push(`  --${alias.from}[.<option>]  =  --${alias.to}[.<option>]`);
  lines.push(
    "  --entryPoints='Name:<n> Address:<addr> [TLS] [Redirect.EntryPoint:<ep>] [Redirect.Permanent:true] [ForwardedHeaders.TrustedIPs:<a,b>]'  (repeatable)",
    '      = --entryPoints.<n>.address, .http.tls, .http.redirections.entryPoint.to/.permanent (a v1 redirect is temporary unless Permanent), .forwardedHeaders.trustedIPs',
    '  --defaultEntryPoints=<a,b>  =  --entryPoints.<a>.asDefault=true …',
    '  File keys entryPoints.<n>.tls and entryPoints.<n>.redirect.entryPoint/.permanent  =  .http.tls and .http.redirections.entryPoint',
  );
  return `${lines.join('\n')}\n`;
}

function placeholder(spec: OptionSpec): string {
  if (spec.placeholder !== undefined) return spec.placeholder;
  switch (spec.kind) {
    case 'duration':
      return '<duration>';
    case 'integer':
      return '<int>';
    case 'address':
      return '[host]:port';
    case 'stringList':
      return '<a,b,...>';
    case 'numberList':
      return '<n,n,...>';
    case 'enum':
      return (spec.values ?? []).join('|');
    default:
      return '<value>';
  }
}

function defaultText(spec: OptionSpec): string {
  if (spec.default === undefined) return '';
  return spec.default === '' ? ' (default: none)' : ` (default: ${spec.default})`;
}
