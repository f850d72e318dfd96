/**
 * Test support for the runtime builder's tests (`src/runtime/build-runtime.*.test.ts` and
 * `tls-runtime.*.test.ts`): builds a `Runtime` from a raw configuration validated like the file
 * provider does and merged as `file`, each build with its own service registry (closed by
 * {@link closeRegistries} after each test), plus a load-balancer shorthand and request facts.
 */
import { mergeConfigs, validateDynamicConfig, type RequestFacts } from '@junction/lb-core';
import { buildRuntime, type BuildRuntimeOptions } from '../../../src/runtime/build-runtime';
import { LiveServiceRegistry } from '../../../src/runtime/live-service-registry';
import type { Runtime } from '../../../src/runtime/runtime';

const states: LiveServiceRegistry[] = [];

/** Closes the registries of the builds made so far (the test files' `afterEach`). */
export async function closeRegistries(): Promise<void> {
  await Promise.all(states.splice(0).map((s) => s.close()));
}

/** Build options: generation 1, entry points `traefik`, `web`, `websecure`, a new registry. */
export function options(extra: Partial<BuildRuntimeOptions> = {}): BuildRuntimeOptions {
  const s = new LiveServiceRegistry();
  states.push(s);
  return {
    generation: 1,
    entryPoints: { all: ['traefik', 'web', 'websecure'], defaults: ['web', 'websecure'] },
    states: s,
    ...extra,
  };
}

/** Validates like the file provider, merges as `file`, and builds. */
export function build(raw: unknown, extra: Partial<BuildRuntimeOptions> = {}): Runtime {
  const { config, errors } = validateDynamicConfig(raw, { provider: 'file' });
  return buildRuntime(
    mergeConfigs({ file: config }),
    errors.map((e) => ({ ...e, provider: 'file' })),
    options(extra),
  );
}

/** A load-balanced service over `urls`, in raw configuration form. */
export const lb = (...urls: string[]): unknown => ({ loadBalancer: { servers: urls.map((url) => ({ url })) } });

/** A GET request from 10.0.0.1 for `host` and `path`. */
export const facts = (host: string, path = '/'): RequestFacts => ({
  method: 'GET',
  host,
  path,
  query: '',
  headers: {},
  clientIp: '10.0.0.1',
});
