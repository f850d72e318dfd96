/**
 * Option table section: entry points (`entryPoints.<name>.*`): address, forwarded headers, path and
 * query handling, TLS, redirections, HTTP/2, life cycle, timeouts and connection limits.
 */

import { type OptionSpec, REDIRECTION_PRIORITY } from './option-spec';

/** Options of `entryPoints.<name>`, in `--help` order. */
export const ENTRY_POINT_OPTIONS: readonly OptionSpec[] = [
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
];
