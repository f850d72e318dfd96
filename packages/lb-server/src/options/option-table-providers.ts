/**
 * Option table section: providers (`providers.*`): the reload throttle, Docker, Swarm and file.
 */

import { DEFAULT_DOCKER_RULE, type OptionSpec } from './option-spec';

/** Options of `providers`, in `--help` order. */
export const PROVIDER_OPTIONS: readonly OptionSpec[] = [
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
];
