/**
 * Option table section: everything else Junction runs with: the API and dashboard, ping, the
 * servers transport, the default rule syntax, logs, access logs, Prometheus metrics, workers and
 * Traefik's `global` settings.
 */

import { INTERNAL_ENTRYPOINT_NAME, type OptionSpec } from './option-spec';

const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL', 'PANIC'] as const;

/**
 * Options of `api`, `ping`, `serversTransport`, `core`, `log`, `accessLog`, `metrics`, `workers` and
 * `global`, in `--help` order.
 */
export const GENERAL_OPTIONS: readonly OptionSpec[] = [
  { key: 'api', kind: 'section', default: 'false', description: 'Enable the API and dashboard.' },
  {
    key: 'api.insecure',
    kind: 'boolean',
    default: 'true',
    description:
      'Serve the API and dashboard on the entry point "traefik" without credentials (Junction default true, as Traefik v1 --api; v3 defaults false). With false, they are served only when api.users, api.usersFile, api.token or api.tokenFile is set, and viewing needs them too.',
  },
  { key: 'api.dashboard', kind: 'boolean', default: 'true', description: 'Serve the dashboard.' },
  { key: 'api.debug', kind: 'boolean', default: 'false', description: 'Enable additional debug endpoints.' },
  {
    key: 'api.users',
    kind: 'stringList',
    description:
      '(Junction) Users allowed to act on the dashboard and API: htpasswd "user:hash" entries (bcrypt, apr1, SHA1), comma-separated.',
  },
  {
    key: 'api.usersFile',
    kind: 'string',
    description: '(Junction) htpasswd file of users allowed to act on the dashboard and API.',
  },
  {
    key: 'api.token',
    kind: 'string',
    description:
      '(Junction) Bearer token for dashboard and API actions, at least 16 characters (e.g. JUNCTION_API_TOKEN).',
  },
  {
    key: 'api.tokenFile',
    kind: 'string',
    description: '(Junction) File holding the bearer token for dashboard and API actions.',
  },
  {
    key: 'api.stateFile',
    kind: 'string',
    description:
      '(Junction) File keeping the overrides set from the dashboard and API (drains, weights, strategies) across restarts, written atomically with mode 0600. Default $XDG_STATE_HOME/junction/overrides.json, else ~/.local/state/junction/overrides.json; empty: keep them in memory only.',
  },
  { key: 'ping', kind: 'section', default: 'false', description: 'Enable /ping.' },
  {
    key: 'ping.entryPoint',
    kind: 'string',
    default: INTERNAL_ENTRYPOINT_NAME,
    description: 'Entry point serving /ping.',
  },
  { key: 'ping.manualRouting', kind: 'boolean', default: 'false', description: 'Do not route /ping automatically.' },
  {
    key: 'ping.terminatingStatusCode',
    kind: 'integer',
    default: '503',
    description: 'Status /ping answers while shutting down.',
  },

  {
    key: 'serversTransport.forwardingTimeouts.dialTimeout',
    kind: 'duration',
    default: '30s',
    description: 'Time to connect to a server; a server that cannot be reached is retried on another one, else 502.',
  },
  {
    key: 'serversTransport.forwardingTimeouts.responseHeaderTimeout',
    kind: 'duration',
    default: '0s',
    description:
      "Time to wait for a server's response headers after sending the request; 0 waits forever (Traefik's default). Past it: 504.",
  },
  {
    key: 'serversTransport.forwardingTimeouts.idleConnTimeout',
    kind: 'duration',
    default: '90s',
    description:
      "Time an idle keep-alive connection to a server stays open, however long the server's Keep-Alive hint (0 = no limit).",
  },
  {
    key: 'serversTransport.insecureSkipVerify',
    kind: 'boolean',
    default: 'false',
    description:
      'Do not check the certificates of https:// servers (self-signed backends): requests, health checks and WebSockets.',
  },
  {
    key: 'serversTransport.rootCAs',
    kind: 'stringList',
    description:
      "CA certificates that https:// servers' certificates are checked against instead of the system's: PEM files or PEM text, comma-separated.",
  },
  {
    key: 'core.defaultRuleSyntax',
    kind: 'enum',
    values: ['v1', 'v2', 'v3'],
    default: 'v3',
    description: 'Rule syntax of routers that do not set ruleSyntax (v1 is a Junction extension).',
  },
  {
    key: 'log.level',
    kind: 'enum',
    values: LOG_LEVELS,
    default: 'ERROR',
    description: 'Log level: TRACE, DEBUG, INFO, WARN, ERROR, FATAL, PANIC.',
  },
  {
    key: 'log.format',
    kind: 'enum',
    values: ['json', 'common'],
    default: 'json',
    description: 'Log format: json, or common for human-readable lines (Junction default json).',
  },
  { key: 'log.filePath', kind: 'string', description: 'Log file (stdout when unset).' },
  { key: 'log.noColor', kind: 'boolean', default: 'false', description: 'No colours in the common format.' },
  { key: 'accessLog', kind: 'section', default: 'false', description: 'Enable access logs.' },
  {
    key: 'accessLog.format',
    kind: 'enum',
    values: ['common', 'json'],
    default: 'common',
    description: 'Access log format: common or json.',
  },
  { key: 'accessLog.filePath', kind: 'string', description: 'Access log file (stdout when unset).' },
  {
    key: 'metrics.prometheus',
    kind: 'section',
    default: 'false',
    description: 'Enable Prometheus metrics on /metrics.',
  },
  {
    key: 'metrics.prometheus.buckets',
    kind: 'numberList',
    default: '0.1,0.3,1.2,5',
    description: 'Latency histogram buckets, in seconds.',
  },
  {
    key: 'metrics.prometheus.addEntryPointsLabels',
    kind: 'boolean',
    default: 'true',
    description: 'Add entry point metrics.',
  },
  {
    key: 'metrics.prometheus.addServicesLabels',
    kind: 'boolean',
    default: 'true',
    description: 'Add service metrics.',
  },
  { key: 'metrics.prometheus.addRoutersLabels', kind: 'boolean', default: 'false', description: 'Add router metrics.' },
  {
    key: 'metrics.prometheus.entryPoint',
    kind: 'string',
    default: INTERNAL_ENTRYPOINT_NAME,
    description: 'Entry point serving /metrics.',
  },
  {
    key: 'metrics.prometheus.manualRouting',
    kind: 'boolean',
    default: 'false',
    description: 'Do not route /metrics automatically.',
  },
  {
    key: 'workers',
    kind: 'string',
    default: '1',
    placeholder: '<N>|auto',
    description:
      '(Junction) Processes serving every entry point: a positive integer, or "auto" for one per CPU available (os.availableParallelism). With more than 1, a primary process supervises the workers (a worker that dies is replaced), and they act as one Junction: shared sticky cookies, one active health checker, overrides and /metrics across all workers.',
  },
  {
    key: 'global.checkNewVersion',
    kind: 'boolean',
    default: 'false',
    description: 'Accepted for Traefik compatibility; Junction never checks.',
  },
  {
    key: 'global.sendAnonymousUsage',
    kind: 'boolean',
    default: 'false',
    description: 'Accepted for Traefik compatibility; Junction sends nothing.',
  },
];
