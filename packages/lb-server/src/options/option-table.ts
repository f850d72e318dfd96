/**
 * The table of static options: one row per option, with its canonical Traefik name (matched
 * case-insensitively), value kind, default and one-line description. Parsing, defaulting and the
 * `--help` text are all driven by this table, so they cannot drift apart. `<name>` stands for a
 * user-chosen name (an entry point, a certificate resolver).
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

const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL', 'PANIC'] as const;

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

  { key: 'entryPoints.<name>', kind: 'section', description: 'Entry point definition (needs .address).' },
  {
    key: 'entryPoints.<name>.address',
    kind: 'address',
    description: 'Entry point address, [host]:port (e.g. ":80", "127.0.0.1:8080", "[::1]:8080").',
  },
  {
    key: 'entryPoints.<name>.asDefault',
    kind: 'boolean',
    default: 'false',
    description: 'Use this entry point for routers that name none.',
  },
  {
    key: 'entryPoints.<name>.reusePort',
    kind: 'boolean',
    default: 'false',
    description:
      'Listen with SO_REUSEPORT: other processes (a new Junction taking over) may listen on the same address and port, and the kernel spreads new connections between them (Linux; see the README for net.ipv4.tcp_migrate_req).',
  },
  {
    key: 'entryPoints.<name>.forwardedHeaders.trustedIPs',
    kind: 'stringList',
    default: '',
    description: 'Trust X-Forwarded-* headers from these IPs/CIDRs (comma-separated).',
  },
  {
    key: 'entryPoints.<name>.forwardedHeaders.insecure',
    kind: 'boolean',
    default: 'false',
    description: 'Trust all X-Forwarded-* headers.',
  },
  {
    key: 'entryPoints.<name>.http.sanitizePath',
    kind: 'boolean',
    default: 'true',
    description:
      'Resolve ".", ".." and empty segments of request paths (encoded dots included) before routing; routers and servers see the cleaned path.',
  },
  {
    key: 'entryPoints.<name>.http.encodeQuerySemicolons',
    kind: 'boolean',
    default: 'false',
    description: 'Forward ";" in request queries as "%3B" instead of "&" (Go\'s AllowQuerySemicolons, the default).',
  },
  {
    key: 'entryPoints.<name>.http.tls',
    kind: 'section',
    default: 'false',
    description:
      'Serve TLS: every router on this entry point is a TLS router (matching only requests that arrived over TLS), with the settings below as its defaults.',
  },
  {
    key: 'entryPoints.<name>.http.tls.certResolver',
    kind: 'string',
    description: 'Certificate resolver of the routers on this entry point that name none.',
  },
  {
    key: 'entryPoints.<name>.http.tls.options',
    kind: 'string',
    description: 'TLS options (dynamic tls.options.<name>) of the routers on this entry point that name none.',
  },
  {
    key: 'entryPoints.<name>.http.tls.domains',
    kind: 'domainList',
    placeholder: '<list of {main, sans}>',
    description:
      "Domains to obtain certificates for, instead of the routers' Host() names: in a file a list of {main, sans}; as flags --entryPoints.<name>.http.tls.domains[0].main=a.example and .domains[0].sans=b.example,c.example (environment: ..._DOMAINS_0_MAIN).",
  },
  {
    key: 'entryPoints.<name>.http2.maxConcurrentStreams',
    kind: 'integer',
    default: '250',
    description:
      "Most concurrent streams one HTTP/2 client connection may open (announced in SETTINGS; Traefik's default).",
  },
  {
    key: 'entryPoints.<name>.http.redirections.entryPoint.to',
    kind: 'string',
    description:
      'Redirect every request on this entry point to this entry point (or port, ":443"), except ACME HTTP challenges.',
  },
  {
    key: 'entryPoints.<name>.http.redirections.entryPoint.scheme',
    kind: 'string',
    default: 'https',
    description: 'Scheme of the redirection.',
  },
  {
    key: 'entryPoints.<name>.http.redirections.entryPoint.permanent',
    kind: 'boolean',
    default: 'true',
    description: 'Permanent redirection (301/308) rather than temporary (302/307).',
  },
  {
    key: 'entryPoints.<name>.http.redirections.entryPoint.priority',
    kind: 'integer',
    default: String(REDIRECTION_PRIORITY),
    description:
      'Priority of the generated redirection router (Traefik: MaxInt-1, here the largest exact integer less 1).',
  },
  {
    key: 'entryPoints.<name>.transport.lifeCycle.graceTimeOut',
    kind: 'duration',
    default: '10s',
    description: 'Time given to active requests to finish before stopping.',
  },
  {
    key: 'entryPoints.<name>.transport.lifeCycle.requestAcceptGraceTimeout',
    kind: 'duration',
    default: '0s',
    description: 'Time to keep accepting requests before graceful shutdown starts.',
  },
  {
    key: 'entryPoints.<name>.transport.respondingTimeouts.readTimeout',
    kind: 'duration',
    default: '60s',
    description:
      'Maximum time to read a whole request, body included, from the accept or the first byte of a later request; then 408 and close (0 = none).',
  },
  {
    key: 'entryPoints.<name>.transport.respondingTimeouts.writeTimeout',
    kind: 'duration',
    default: '0s',
    description:
      'Maximum time from the end of the request head to the end of the response write; then the connection is closed (0 = none).',
  },
  {
    key: 'entryPoints.<name>.transport.respondingTimeouts.idleTimeout',
    kind: 'duration',
    default: '180s',
    description: 'Maximum idle time of a keep-alive connection (0 = readTimeout, as Go; both 0 = none).',
  },
  {
    key: 'entryPoints.<name>.transport.maxConnections',
    kind: 'integer',
    default: '10000',
    description:
      '(Junction) Most client connections open at once. Past it, the connection idle the longest (keep-alive, or silent since accepted) is closed to make room, else the new one is closed; logged at most once per 10 s (0 = unlimited).',
  },
  {
    key: 'entryPoints.<name>.transport.maxConnectionsPerIP',
    kind: 'integer',
    default: '0',
    description:
      '(Junction) Most connections open at once from one client address (the TCP peer: behind a proxy or NAT, that is shared); new ones past it are closed (0 = unlimited).',
  },

  {
    key: 'providers.providersThrottleDuration',
    kind: 'duration',
    default: '2s',
    description: 'Minimum time between two configuration reloads from one provider.',
  },
  {
    key: 'providers.docker',
    kind: 'section',
    default: 'false',
    description: 'Enable the Docker provider with default settings.',
  },
  {
    key: 'providers.docker.endpoint',
    kind: 'string',
    default: 'unix:///var/run/docker.sock',
    description: 'Docker server endpoint (unix:// or tcp://).',
  },
  {
    key: 'providers.docker.exposedByDefault',
    kind: 'boolean',
    default: 'true',
    description: 'Expose containers by default (else only traefik.enable=true).',
  },
  { key: 'providers.docker.network', kind: 'string', description: 'Default Docker network used to reach containers.' },
  {
    key: 'providers.docker.useBindPortIP',
    kind: 'boolean',
    default: 'false',
    description: 'Use the published host IP:port instead of the container address.',
  },
  {
    key: 'providers.docker.defaultRule',
    kind: 'string',
    default: DEFAULT_DOCKER_RULE,
    description: 'Rule of containers that declare none (Go template).',
  },
  {
    key: 'providers.docker.domain',
    kind: 'string',
    description: '(Traefik v1) Default domain: the default rule becomes Host(`{{ normalize .Name }}.<domain>`).',
  },
  {
    key: 'providers.docker.constraints',
    kind: 'string',
    description: 'Constraint expression on container labels, e.g. Label(`a`,`b`).',
  },
  { key: 'providers.docker.watch', kind: 'boolean', default: 'true', description: 'Watch Docker events.' },
  {
    key: 'providers.docker.allowEmptyServices',
    kind: 'boolean',
    default: 'false',
    description: 'Keep services whose containers are all unhealthy or stopped.',
  },
  {
    key: 'providers.docker.httpClientTimeout',
    kind: 'duration',
    default: '0s',
    description: 'Timeout of Docker API calls (0 = none; never applies to the event stream).',
  },
  { key: 'providers.docker.tls.ca', kind: 'string', description: 'CA certificate file for a TLS Docker endpoint.' },
  {
    key: 'providers.docker.tls.cert',
    kind: 'string',
    description: 'Client certificate file for a TLS Docker endpoint.',
  },
  { key: 'providers.docker.tls.key', kind: 'string', description: 'Client key file for a TLS Docker endpoint.' },
  {
    key: 'providers.docker.tls.insecureSkipVerify',
    kind: 'boolean',
    default: 'false',
    description: 'Do not verify the Docker endpoint certificate.',
  },
  {
    key: 'providers.docker.swarmMode',
    kind: 'boolean',
    default: 'false',
    description:
      '(Traefik v1) Read Docker Swarm services instead of containers: the Docker provider becomes the Swarm provider (with the settings above).',
  },
  {
    key: 'providers.docker.swarmModeRefreshSeconds',
    kind: 'duration',
    default: '15s',
    description: '(Traefik v1) Swarm mode polling interval (seconds, or a duration).',
  },
  {
    key: 'providers.swarm',
    kind: 'section',
    default: 'false',
    description: 'Enable the Docker Swarm provider (services and their tasks; run Junction on a manager node).',
  },
  {
    key: 'providers.swarm.endpoint',
    kind: 'string',
    default: 'unix:///var/run/docker.sock',
    description: 'Docker endpoint of a swarm manager (unix://, tcp:// with tls.*, http(s):// for a socket proxy).',
  },
  {
    key: 'providers.swarm.exposedByDefault',
    kind: 'boolean',
    default: 'true',
    description: 'Expose services by default (else only traefik.enable=true).',
  },
  {
    key: 'providers.swarm.network',
    kind: 'string',
    description: 'Default network used to reach tasks (the traefik.swarm.network label wins).',
  },
  {
    key: 'providers.swarm.useBindPortIP',
    kind: 'boolean',
    default: 'false',
    description: 'Accepted for Traefik compatibility; tasks are always reached on their network address.',
  },
  {
    key: 'providers.swarm.defaultRule',
    kind: 'string',
    default: DEFAULT_DOCKER_RULE,
    description: 'Rule of services that declare none (Go template; .Name is the swarm service name).',
  },
  {
    key: 'providers.swarm.constraints',
    kind: 'string',
    description: 'Constraint expression on service labels, e.g. Label(`a`,`b`).',
  },
  {
    key: 'providers.swarm.watch',
    kind: 'boolean',
    default: 'true',
    description: 'Poll every refreshSeconds and follow service and task container events (else list once).',
  },
  {
    key: 'providers.swarm.refreshSeconds',
    kind: 'duration',
    default: '15s',
    description: 'Polling interval (seconds, or a duration); every second while a service updates.',
  },
  {
    key: 'providers.swarm.allowEmptyServices',
    kind: 'boolean',
    default: 'false',
    description: 'Keep services with no running task (their routers answer 503 instead of 404).',
  },
  {
    key: 'providers.swarm.httpClientTimeout',
    kind: 'duration',
    default: '0s',
    description: 'Timeout of Docker API calls (0 = none; never applies to the event stream).',
  },
  { key: 'providers.swarm.tls.ca', kind: 'string', description: 'CA certificate file for a TLS Docker endpoint.' },
  {
    key: 'providers.swarm.tls.cert',
    kind: 'string',
    description: 'Client certificate file for a TLS Docker endpoint.',
  },
  { key: 'providers.swarm.tls.key', kind: 'string', description: 'Client key file for a TLS Docker endpoint.' },
  {
    key: 'providers.swarm.tls.insecureSkipVerify',
    kind: 'boolean',
    default: 'false',
    description: 'Do not verify the Docker endpoint certificate.',
  },
  {
    key: 'providers.file',
    kind: 'section',
    default: 'false',
    description: 'Enable the file provider (needs .filename or .directory).',
  },
  { key: 'providers.file.filename', kind: 'string', description: 'Dynamic configuration file (YAML or TOML).' },
  {
    key: 'providers.file.directory',
    kind: 'string',
    description: 'Directory of dynamic configuration files (*.yml, *.yaml, *.toml), merged.',
  },
  { key: 'providers.file.watch', kind: 'boolean', default: 'true', description: 'Reload when the file(s) change.' },

  {
    key: 'certificatesResolvers.<name>.acme',
    kind: 'section',
    description:
      "ACME certificate resolver <name> (Let's Encrypt or any RFC 8555 CA): routers naming it get certificates for their domains, obtained and renewed automatically.",
  },
  { key: 'certificatesResolvers.<name>.acme.email', kind: 'string', description: 'Email address of the ACME account.' },
  {
    key: 'certificatesResolvers.<name>.acme.storage',
    kind: 'string',
    default: 'acme.json',
    description:
      "File keeping the account and certificates (Traefik's acme.json format, written with mode 0600; an existing one is reused).",
  },
  {
    key: 'certificatesResolvers.<name>.acme.caServer',
    kind: 'string',
    default: LETS_ENCRYPT_PRODUCTION,
    description:
      "ACME directory URL (Let's Encrypt staging: https://acme-staging-v02.api.letsencrypt.org/directory). A private CA is trusted through LEGO_CA_CERTIFICATES or NODE_EXTRA_CA_CERTS.",
  },
  {
    key: 'certificatesResolvers.<name>.acme.keyType',
    kind: 'enum',
    values: ACME_KEY_TYPES,
    default: 'EC256',
    description:
      "Key type of the certificates: EC256, EC384, RSA2048, RSA4096, RSA8192 (Junction default EC256; Traefik's is RSA4096).",
  },
  {
    key: 'certificatesResolvers.<name>.acme.httpChallenge',
    kind: 'section',
    description: 'Use the HTTP-01 challenge (needs .entryPoint, reachable on port 80).',
  },
  {
    key: 'certificatesResolvers.<name>.acme.httpChallenge.entryPoint',
    kind: 'string',
    description: 'Entry point answering HTTP-01 challenges at /.well-known/acme-challenge/.',
  },
  {
    key: 'certificatesResolvers.<name>.acme.tlsChallenge',
    kind: 'section',
    default: 'false',
    description: 'Use the TLS-ALPN-01 challenge (answered on the TLS entry points, port 443).',
  },
  {
    key: 'certificatesResolvers.<name>.acme.certificatesDuration',
    kind: 'integer',
    default: '2160',
    description: 'Lifetime of the certificates the CA issues, in hours (Traefik; 2160 = 90 days).',
  },
  {
    key: 'certificatesResolvers.<name>.acme.renewBefore',
    kind: 'duration',
    default: '720h',
    description: '(Junction) Renew a certificate this long before it expires (default 30 days).',
  },
  {
    key: 'certificatesResolvers.<name>.acme.eab.kid',
    kind: 'string',
    description: 'External account binding key identifier (CAs that require one).',
  },
  {
    key: 'certificatesResolvers.<name>.acme.eab.hmacEncoded',
    kind: 'string',
    description: 'External account binding HMAC key, base64url.',
  },

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

/**
 * Traefik v1 spellings (`--docker`, `--docker.endpoint`, `--logLevel`) rewritten to their v3 names
 * by prefix: a key equal to `from` or starting with `from.` has that prefix replaced by `to`.
 */
export const OPTION_ALIASES: readonly { readonly from: string; readonly to: string }[] = [
  { from: 'docker', to: 'providers.docker' },
  { from: 'file', to: 'providers.file' },
  { from: 'logLevel', to: 'log.level' },
];
