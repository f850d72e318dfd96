/**
 * What the API reads, as one object the application passes in: the live runtime, the providers'
 * health, the static entry points, the enabled features, the version, and the TLS certificates
 * (the certificate store, when TLS is wired). The API never reaches
 * into the runtime store, the providers or the options itself, so it is built and tested with
 * plain values, and `app.ts` wires it with one object.
 */
import { effectiveRenewBefore } from '../acme/domains';
import type { EntryPointOptions, StaticOptions } from '../options/types';
import type { ProviderStatus } from '../providers/provider';
import type { Runtime } from '../runtime/runtime';
import type { CertificateStore } from '../tls/types';

/** What the API and the dashboard read of the certificate store (`CertificateStore` is one). */
export type CertificateSource = Pick<CertificateStore, 'list' | 'onChange'>;

/** Traefik's `features` block of `/api/overview`: the tracing and metrics backend names, access log on/off. */
export interface ApiFeatures {
  /** Tracing backend (`''` when off; Junction has none yet). */
  readonly tracing: string;
  /** Metrics backend, Traefik's field name: `Prometheus`, or `''` when off. */
  readonly metrics: string;
  readonly accessLog: boolean;
}

/** What `/api/version` reports. */
export interface VersionInfo {
  /** Junction's version, e.g. `0.1.0`. */
  readonly version: string;
  /** A codename, as Traefik has one per release. */
  readonly codename: string;
  /** When this process started. */
  readonly startDate: Date;
}

/** The inputs of the API plugin; see the module comment. */
export interface ApiSources {
  /** The runtime serving right now; `undefined` before the first configuration was built. */
  runtime(): Runtime | undefined;
  /** Each provider's health by provider name (`file`, `docker`). */
  providers(): Readonly<Record<string, ProviderStatus | undefined>>;
  /** The static entry points by name (`web`, `traefik`). */
  readonly entryPoints: Readonly<Record<string, EntryPointOptions>>;
  readonly features: ApiFeatures;
  readonly version: VersionInfo;
  /** The TLS certificates (`/api/certificates`, the dashboard's Certificates view); absent: none listed. */
  readonly certificates?: CertificateSource;
  /** ACME resolvers' `renewBefore` by resolver name, ms: their certificates are expiring within it (else 30 days). */
  readonly renewBefore?: Readonly<Record<string, number>>;
}

/** Each ACME resolver's `renewBefore`, by name. */
export function renewBeforeOf(options: Pick<StaticOptions, 'certificatesResolvers'>): Record<string, number> {
  // The lead the resolver renews with (an explicit renewBefore, else Traefik's for certificatesDuration).
  return Object.fromEntries(
    Object.entries(options.certificatesResolvers).map(([name, r]) => [name, effectiveRenewBefore(r)]),
  );
}

/** The features of a static configuration, named as Traefik's overview names them. */
export function featuresOf(options: Pick<StaticOptions, 'metrics' | 'accessLog'>): ApiFeatures {
  return {
    tracing: '',
    metrics: options.metrics.prometheus === undefined ? '' : 'Prometheus',
    accessLog: options.accessLog !== undefined,
  };
}
