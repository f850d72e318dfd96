/**
 * The compact state the dashboard streams (`GET /api/junction/events`, event `state`) and the
 * shapes of the containers API. Plain JSON types importing nothing but their sibling
 * `persistence-state-types.ts` (the persistence and orphan-override parts, re-exported here),
 * shared by the server (`state-view.ts`) and the browser code (`dashboard/src`), so both sides
 * cannot drift apart.
 */
import type { OrphanOverrideState, PersistenceState } from './persistence-state-types';

export type { OrphanOverrideState, PersistenceProblem, PersistenceState } from './persistence-state-types';

/** An element's status, as Traefik names it. */
export type ElementStatusName = 'enabled' | 'warning' | 'disabled';

/** A configuration error attached to an element. */
export interface ErrorState {
  readonly code: string;
  readonly message: string;
  readonly provider?: string;
  readonly path?: string;
  readonly file?: string;
  readonly line?: number;
}

/** Counts of one element kind. */
export interface CountState {
  readonly total: number;
  readonly warnings: number;
  readonly errors: number;
}

/** A provider's health. */
export interface ProviderState {
  readonly name: string;
  /** `ok`, `error` (previous snapshot still serves) or `connecting`. */
  readonly state: string;
  readonly lastUpdate?: string;
  readonly lastError?: {
    readonly message: string;
    readonly at: string;
    readonly file?: string;
    readonly line?: number;
  };
  /** Provider-specific facts (watched file, Docker endpoint, connection, last event…). */
  readonly details: Readonly<Record<string, unknown>>;
}

/** What every router, service and middleware shows: its name, provider, status and errors. */
export interface ElementState {
  readonly name: string;
  readonly provider: string;
  readonly status: ElementStatusName;
  readonly errors: readonly ErrorState[];
}

/** A router. */
export interface RouterState extends ElementState {
  readonly rule: string;
  readonly priority: number;
  readonly service: string;
  readonly middlewares: readonly string[];
  readonly entryPoints: readonly string[];
}

/** Traefik's server words, plus Junction's draining. */
export type ServerHealthWord = 'UP' | 'DOWN' | 'DRAINING';

/** One server of a load-balanced service, with its live figures. */
export interface ServerState {
  readonly id: string;
  readonly url: string;
  readonly state: ServerHealthWord;
  /** Weight in use (the override when there is one). */
  readonly weight: number;
  /** What the provider configured. */
  readonly providerWeight: number;
  readonly weightOverridden: boolean;
  /** Drained by an operator (resettable), as opposed to by its provider. */
  readonly drainOverridden: boolean;
  readonly effectiveWeight?: number;
  readonly inFlight: number;
  readonly rps: number;
  readonly errorRate: number;
  readonly p50?: number;
  readonly p99?: number;
  readonly share: number;
  /** Requests per second over the last minute, oldest first. */
  readonly series: readonly number[];
}

/** A service. */
export interface ServiceState extends ElementState {
  /** `loadBalancer`, `weighted`, `failover`, `mirroring` or `disabled`. */
  readonly kind: string;
  readonly usedBy: readonly string[];
  /** Balancing strategy in use (load balancers and weighted services). */
  readonly strategy?: string;
  readonly strategyOverridden: boolean;
  /** Sticky cookie name, when sticky. */
  readonly sticky?: string;
  readonly servers: readonly ServerState[];
  /** Children of composite services, with weights for `weighted`. */
  readonly children?: readonly { readonly name: string; readonly weight?: number }[];
}

/** A middleware. */
export interface MiddlewareState extends ElementState {
  readonly type: string;
  readonly usedBy: readonly string[];
}

/** A label error reported by the Docker provider, with the container and label at fault. */
export interface LabelErrorState {
  /** The container at fault, or the swarm service when {@link swarm} is set. */
  readonly container: string;
  /** The error is about a swarm service's `deploy.labels` (the swarm provider), not a container. */
  readonly swarm?: true;
  readonly label?: string;
  readonly code: string;
  readonly message: string;
}

/** Lifecycle of a certificate (the certificate store's words; see `src/tls/types.ts`). */
export type CertificateStateName = 'valid' | 'expiring' | 'expired' | 'pending' | 'error';

/** A TLS certificate, or a domain waiting for one, as the Certificates view shows it. */
export interface CertificateState {
  /** The API's name (`/api/certificates/{name}`): the SHA-256 fingerprint, lower-case hex. */
  readonly name: string;
  /** The store's id (`file:<certFile>`, `acme:<resolver>:<main>`). */
  readonly id: string;
  /** `file`, `default`, `generated` or `acme`. */
  readonly source: string;
  /** The TLS store (`default` unless configured). */
  readonly store: string;
  readonly resolver?: string;
  /** Where it is configured (`tls.certificates[0]`). */
  readonly element?: string;
  /** Common name / main domain first, then the other SANs. */
  readonly domains: readonly string[];
  /** The issuer's organisation, else its common name. */
  readonly issuer?: string;
  readonly notAfter?: string;
  /** Whole days until `notAfter` (negative once expired), at the state's `at`. */
  readonly daysLeft?: number;
  /** Expiring within: 30 days, or the ACME resolver's `renewBefore`. */
  readonly expiringDays: number;
  readonly state: CertificateStateName;
  /** Served on handshakes (a refused replacement leaves the previous one serving). */
  readonly serving: boolean;
  readonly fingerprint?: string;
  readonly error?: { readonly code: string; readonly message: string };
}

/** What the current caller may do, so the UI can offer sign-in and actions. */
export interface AccessState {
  /** Viewing needs no credentials. */
  readonly viewOpen: boolean;
  /** Credentials are configured, so actions can be authorised. */
  readonly actions: boolean;
  readonly methods: readonly ('basic' | 'bearer')[];
  /** Containers can be managed (a Docker client is configured). */
  readonly docker: boolean;
}

/** The whole streamed state. */
export interface DashboardState {
  /** Runtime generation (increments on each published configuration). */
  readonly generation: number;
  /** When this state was computed (ISO 8601). */
  readonly at: string;
  readonly access: AccessState;
  readonly counts: {
    readonly routers: CountState;
    readonly services: CountState;
    readonly middlewares: CountState;
    /** Warnings: expiring or pending; errors: expired or refused. */
    readonly certificates: CountState;
  };
  readonly entryPoints: readonly { readonly name: string; readonly address: string }[];
  readonly providers: readonly ProviderState[];
  readonly routers: readonly RouterState[];
  readonly services: readonly ServiceState[];
  readonly middlewares: readonly MiddlewareState[];
  readonly labelErrors: readonly LabelErrorState[];
  /** TLS certificates and domains waiting for one, by first domain. */
  readonly certificates: readonly CertificateState[];
  /** Errors attached to no element (e.g. an unknown top-level key, a bad certificate file). */
  readonly looseErrors: readonly ErrorState[];
  /** Where overrides are saved across restarts, and how that goes. */
  readonly persistence: PersistenceState;
  /** Overrides kept for elements that do not exist now (a container not started yet, or gone). */
  readonly orphans: readonly OrphanOverrideState[];
}

/** A container as the containers API lists it; `health` spells out `containers/health.ts` (no imports here). */
export interface ContainerState {
  readonly id: string;
  readonly name: string;
  readonly image: string;
  /** `running`, `exited`, `created`, `paused`… */
  readonly state: string;
  /** Docker's status text, e.g. `Up 5 minutes (healthy)`. */
  readonly status: string;
  readonly health: 'none' | 'starting' | 'healthy' | 'unhealthy';
  readonly created: number;
  readonly ports: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  /** Compose identity, when the container belongs to a compose service. */
  readonly compose?: { readonly project: string; readonly service: string; readonly number?: number };
}
