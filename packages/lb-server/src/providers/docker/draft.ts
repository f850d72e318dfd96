/**
 * The intermediate form between a container's labels and its validated configuration: what the
 * v1 or v2 label reader found, before defaults (automatic linking, default rule) and addresses are
 * filled in. `origins` remembers which label produced which configuration path, so an error
 * lb-core's validator reports at `http.services.s.loadBalancer.healthCheck.interval` can name
 * the label `traefik.http.services.s.loadbalancer.healthcheck.interval`.
 */
import type { DockerConfigError } from './errors';

/** The container's own server entry in one service, as the labels describe it. */
export interface ServerDraft {
  readonly port?: number;
  readonly scheme?: string;
  readonly weight?: number;
  /** A full URL given by label (`…server.url`): used as is, no address resolution. */
  readonly url?: string;
  readonly preservePath?: boolean;
  /** The label that sets (or would set) the port, for errors. */
  readonly portLabel: string;
}

/** One service the container contributes to: load-balancer settings plus its own server. */
export interface ServiceDraft {
  /** `loadBalancer` fields other than `servers`, raw (validated later). */
  readonly settings: Record<string, unknown>;
  readonly server: ServerDraft;
}

/** What one container's labels define. */
export interface ContainerDraft {
  readonly routers: Record<string, Record<string, unknown>>;
  readonly services: Record<string, ServiceDraft>;
  readonly middlewares: Record<string, unknown>;
  /** Lower-case configuration path → label key as written. */
  readonly origins: Map<string, string>;
  /** The label that names the default port (v1 `traefik.port`, v2 `…server.port`), for a default service. */
  readonly defaultPortLabel: string;
}

/** The result of reading labels: a draft, or the errors that disable the container. */
export type DraftResult = { readonly draft: ContainerDraft } | { readonly errors: readonly DockerConfigError[] };

/** The label behind a configuration path: the longest registered prefix of it. */
export function labelForPath(origins: ReadonlyMap<string, string>, path: string): string | undefined {
  let candidate = path.toLowerCase().replace(/\[\d+\]/g, '');
  for (;;) {
    const label = origins.get(candidate);
    if (label !== undefined) return label;
    const dot = candidate.lastIndexOf('.');
    if (dot < 0) return undefined;
    candidate = candidate.slice(0, dot);
  }
}

/** Records `label` as the origin of `path` (and of its element, if not yet recorded). */
export function addOrigin(origins: Map<string, string>, path: string, label: string): void {
  const lower = path.toLowerCase();
  origins.set(lower, label);
  const element = lower.split('.').slice(0, 3).join('.');
  if (!origins.has(element)) origins.set(element, label);
}
