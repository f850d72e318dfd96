/**
 * Test-only: the API's sources (`ApiSources`) around a runtime the API tests built (see
 * runtime-builders.ts): static entry points with Traefik's default timeouts, an `ok` file
 * provider, features and version, each overridable.
 */
import type { ApiSources } from '../../../src/api/api-sources';
import type { EntryPointOptions } from '../../../src/options/types';
import type { ProviderStatus } from '../../../src/providers/provider';
import type { Runtime } from '../../../src/runtime/runtime';

/** A static entry point with Traefik's default timeouts. */
export function entryPoint(name: string, port: number, overrides: Partial<EntryPointOptions> = {}): EntryPointOptions {
  return {
    name,
    address: { host: undefined, port },
    asDefault: false,
    forwardedHeaders: { trustedIPs: [], insecure: false },
    transport: {
      lifeCycle: { graceTimeOut: 10_000, requestAcceptGraceTimeout: 0 },
      respondingTimeouts: { readTimeout: 60_000, writeTimeout: 0, idleTimeout: 180_000 },
      maxConnections: 10_000,
      maxConnectionsPerIP: 0,
    },
    ...overrides,
  };
}

/** API sources around `runtime`, with two entry points and an `ok` file provider unless overridden. */
export function sourcesOf(runtime: () => Runtime | undefined, overrides: Partial<ApiSources> = {}): ApiSources {
  const ok: ProviderStatus = { state: 'ok', lastUpdate: Date.UTC(2025, 0, 2), lastError: undefined, details: {} };
  return {
    runtime,
    providers: () => ({ file: ok }),
    entryPoints: { web: entryPoint('web', 80), traefik: entryPoint('traefik', 8080) },
    features: { tracing: '', metrics: 'Prometheus', accessLog: false },
    version: { version: '0.1.0', codename: 'junction', startDate: new Date(Date.UTC(2025, 0, 1)) },
    ...overrides,
  };
}
