/**
 * The shape of Junction's static configuration after parsing: fully defaulted, frozen, with
 * Traefik's names. Durations are milliseconds ({@link Millis}); a disabled section is `undefined`.
 */
import type { ListenAddress } from './values';

export type { ListenAddress } from './values';

/** A duration in milliseconds. */
export type Millis = number;

/** Traefik's log levels (`TRACE` is v3's addition), canonical upper case. */
export type TraefikLogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL' | 'PANIC';

/** Rule syntax versions (`v1` is Junction's addition: Traefik 1.7 frontend rules). */
export type RuleSyntax = 'v1' | 'v2' | 'v3';

/** One entry point: where Junction listens, and how it treats connections there. */
export interface EntryPointOptions {
  readonly name: string;
  readonly address: ListenAddress;
  readonly asDefault: boolean;
  /** Listen with SO_REUSEPORT (Traefik's `reusePort`); absent means false. */
  readonly reusePort?: boolean;
  readonly forwardedHeaders: { readonly trustedIPs: readonly string[]; readonly insecure: boolean };
  /** Request path and query handling (Traefik's `http.sanitizePath`, `http.encodeQuerySemicolons`); absent means the defaults (true, false). */
  readonly http?: {
    readonly sanitizePath: boolean;
    readonly encodeQuerySemicolons: boolean;
    /** Traefik `http.tls`: every router on this entry point is a TLS router, with these defaults. */
    readonly tls?: EntryPointTlsOptions;
    /** Traefik `http.redirections.entryPoint`: every request is redirected to another entry point. */
    readonly redirections?: { readonly entryPoint: EntryPointRedirection };
  };
  /** Traefik `http2.maxConcurrentStreams`; absent means 250. */
  readonly http2?: { readonly maxConcurrentStreams: number };
  readonly transport: {
    readonly lifeCycle: { readonly graceTimeOut: Millis; readonly requestAcceptGraceTimeout: Millis };
    readonly respondingTimeouts: {
      readonly readTimeout: Millis;
      readonly writeTimeout: Millis;
      readonly idleTimeout: Millis;
    };
    /** (Junction) Most client connections open at once; 0 = unlimited. */
    readonly maxConnections: number;
    /** (Junction) Most connections open at once from one peer address; 0 = unlimited. */
    readonly maxConnectionsPerIP: number;
  };
}

/** An entry point's `http.tls`: defaults for the routers on it (their own `tls` block wins). */
export interface EntryPointTlsOptions {
  readonly certResolver?: string;
  readonly options?: string;
  readonly domains?: readonly { main?: string; sans?: readonly string[] }[];
}

/** Traefik `http.redirections.entryPoint` (defaults: scheme `https`, permanent `true`, priority MaxInt-1). */
export interface EntryPointRedirection {
  /** The target entry point's name (Traefik also accepts a port, `:443`). */
  readonly to: string;
  readonly scheme: string;
  readonly permanent: boolean;
  readonly priority: number;
}

/** One ACME certificate resolver (`certificatesResolvers.<name>.acme`). */
export interface AcmeResolverOptions {
  readonly name: string;
  readonly email: string;
  /** Traefik's `acme.json` storage file; default `acme.json`. */
  readonly storage: string;
  /** ACME directory; default Let's Encrypt production, as Traefik. */
  readonly caServer: string;
  /** `EC256` (default) | `EC384` | `RSA2048` | `RSA4096` | `RSA8192`. */
  readonly keyType: string;
  readonly httpChallenge?: { readonly entryPoint: string };
  readonly tlsChallenge: boolean;
  /** Hours; default 2160 (Traefik). */
  readonly certificatesDuration: number;
  /** (Junction) Renew this long before expiry; default 30 days. */
  readonly renewBefore: Millis;
  readonly eab?: { readonly kid: string; readonly hmacEncoded: string };
}

/** The Docker provider's settings (the provider itself lives in `providers/docker`). */
export interface DockerProviderOptions {
  readonly endpoint: string;
  readonly exposedByDefault: boolean;
  readonly network: string | undefined;
  readonly useBindPortIP: boolean;
  /** Already derived from v1 `--docker.domain` when that was given and `defaultRule` was not. */
  readonly defaultRule: string;
  readonly constraints: string | undefined;
  readonly watch: boolean;
  readonly allowEmptyServices: boolean;
  readonly httpClientTimeout: Millis;
  readonly tls:
    | {
        readonly ca: string | undefined;
        readonly cert: string | undefined;
        readonly key: string | undefined;
        readonly insecureSkipVerify: boolean;
      }
    | undefined;
}

/** The Swarm provider's settings (`--providers.swarm.*`, or v1 `--docker.swarmMode`); the provider lives in `providers/swarm`. */
export interface SwarmProviderOptions extends Omit<DockerProviderOptions, 'useBindPortIP'> {
  /** Polling interval (`refreshSeconds`, v1 `swarmModeRefreshSeconds`). */
  readonly refreshSeconds: Millis;
}

/** The file provider's settings: exactly one of `filename` and `directory` is set. */
export interface FileProviderOptions {
  readonly filename: string | undefined;
  readonly directory: string | undefined;
  readonly watch: boolean;
}

/**
 * API and dashboard. They are served on the `traefik` entry point when `insecure` is set (open
 * viewing) or when credentials are configured (viewing then needs them too); actions on the
 * dashboard always need credentials.
 */
export interface ApiOptions {
  /** Viewing the API and dashboard needs no credentials. */
  readonly insecure: boolean;
  readonly dashboard: boolean;
  readonly debug: boolean;
  /** (Junction) htpasswd `user:hash` lines allowed to act (`--api.users`); `undefined` when unset. */
  readonly users: readonly string[] | undefined;
  /** (Junction) htpasswd file (`--api.usersFile`). */
  readonly usersFile: string | undefined;
  /** (Junction) Bearer token, at least 16 characters (`--api.token`, `JUNCTION_API_TOKEN`). */
  readonly token: string | undefined;
  /** (Junction) File holding the bearer token (`--api.tokenFile`). */
  readonly tokenFile: string | undefined;
  /** (Junction) Overrides state file (`--api.stateFile`): unset = the default path, `''` = none. */
  readonly stateFile: string | undefined;
}

/** The `/ping` health endpoint. */
export interface PingOptions {
  readonly entryPoint: string;
  readonly manualRouting: boolean;
  readonly terminatingStatusCode: number;
}

/** Junction's own log. */
export interface LogOptions {
  readonly level: TraefikLogLevel;
  /** `json` (default), or `common` for human-readable lines. */
  readonly format: 'json' | 'common';
  readonly filePath: string | undefined;
  readonly noColor: boolean;
}

/** Access log. */
export interface AccessLogOptions {
  readonly format: 'common' | 'json';
  readonly filePath: string | undefined;
}

/** Prometheus metrics. */
export interface PrometheusOptions {
  /** Histogram buckets in seconds. */
  readonly buckets: readonly number[];
  readonly addEntryPointsLabels: boolean;
  readonly addServicesLabels: boolean;
  readonly addRoutersLabels: boolean;
  readonly entryPoint: string;
  readonly manualRouting: boolean;
}

/** Where the options came from and what the CLI should do. */
export interface OptionsMeta {
  /** `help` / `version`: print and exit; the other fields then hold defaults. */
  readonly command: 'run' | 'help' | 'version';
  /** The one source used (Traefik: file, else flags, else environment). */
  readonly source: 'file' | 'flags' | 'env' | 'defaults';
  readonly configFile: string | undefined;
  /** Things worth logging at startup, e.g. flags ignored because `--configFile` was given. */
  readonly warnings: readonly string[];
}

/** The whole static configuration. */
export interface StaticOptions {
  /** At least one; `web` on `:80` when none is configured, plus `traefik` on `:8080` when needed. */
  readonly entryPoints: Readonly<Record<string, EntryPointOptions>>;
  readonly providers: {
    readonly providersThrottleDuration: Millis;
    readonly docker: DockerProviderOptions | undefined;
    readonly swarm: SwarmProviderOptions | undefined;
    readonly file: FileProviderOptions | undefined;
  };
  readonly api: ApiOptions | undefined;
  readonly ping: PingOptions | undefined;
  readonly core: { readonly defaultRuleSyntax: RuleSyntax };
  /** How Junction talks to servers (Traefik's default `serversTransport`); durations in ms. */
  readonly serversTransport: {
    readonly dialTimeout: Millis;
    /** 0 waits forever. */
    readonly responseHeaderTimeout: Millis;
    readonly idleConnTimeout: Millis;
    /** Servers' certificates are not checked. */
    readonly insecureSkipVerify: boolean;
    /** PEM files or PEM text; when any, the only CAs servers' certificates are checked against. */
    readonly rootCAs: readonly string[];
  };
  readonly log: LogOptions;
  readonly accessLog: AccessLogOptions | undefined;
  readonly metrics: { readonly prometheus: PrometheusOptions | undefined };
  /** ACME resolvers by name (Traefik `certificatesResolvers`); empty when none. */
  readonly certificatesResolvers: Readonly<Record<string, AcmeResolverOptions>>;
  /** (Junction) Worker processes (`--workers`, `auto` resolved to the CPUs available); 1 = one process, no cluster. */
  readonly workers: number;
  readonly meta: OptionsMeta;
}
