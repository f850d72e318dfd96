/**
 * Entry points in Traefik's API shape (`/api/entrypoints`): the static entry point with its
 * `name`, the address as `[host]:port`, and durations as Go duration strings.
 * (traefik `pkg/api/handler_entrypoint.go`, `pkg/config/static/entrypoints.go`)
 */
import { formatDuration } from '@junction/lb-core';
import type { EntryPointOptions } from '../options/types';
import { formatAddress } from '../options/values';

/** One entry point as the API shows it. */
export interface EntryPointRepresentation {
  readonly name: string;
  readonly address: string;
  readonly asDefault?: boolean;
  readonly forwardedHeaders: { readonly insecure?: boolean; readonly trustedIPs?: readonly string[] };
  readonly transport: {
    readonly lifeCycle: { readonly requestAcceptGraceTimeout: string; readonly graceTimeOut: string };
    readonly respondingTimeouts: {
      readonly readTimeout: string;
      readonly writeTimeout: string;
      readonly idleTimeout: string;
    };
  };
  readonly http: Readonly<Record<string, never>>;
}

/** The representation of one entry point. */
export function entryPointRepresentation(ep: EntryPointOptions): EntryPointRepresentation {
  const { lifeCycle, respondingTimeouts: rt } = ep.transport;
  const { insecure, trustedIPs } = ep.forwardedHeaders;
  return {
    name: ep.name,
    address: formatAddress(ep.address),
    ...(ep.asDefault ? { asDefault: true } : {}),
    forwardedHeaders: { ...(insecure ? { insecure } : {}), ...(trustedIPs.length > 0 ? { trustedIPs } : {}) },
    transport: {
      lifeCycle: {
        requestAcceptGraceTimeout: formatDuration(lifeCycle.requestAcceptGraceTimeout),
        graceTimeOut: formatDuration(lifeCycle.graceTimeOut),
      },
      respondingTimeouts: {
        readTimeout: formatDuration(rt.readTimeout),
        writeTimeout: formatDuration(rt.writeTimeout),
        idleTimeout: formatDuration(rt.idleTimeout),
      },
    },
    http: {},
  };
}

/** Every entry point, sorted by name (Traefik's order). */
export function entryPointList(entryPoints: Readonly<Record<string, EntryPointOptions>>): EntryPointRepresentation[] {
  return Object.entries(entryPoints)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, ep]) => entryPointRepresentation({ ...ep, name }));
}
