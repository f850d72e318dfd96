/**
 * Test support for the runtime's TLS tests (`src/runtime/tls-runtime.*.test.ts`): builds a runtime
 * on given entry points (by default `web` and `websecure`, with the resolver `le`), derives entry
 * points from Traefik-style flags, and gives the one-server service `s` those tests route to.
 * Registries and request facts: `build-runtime.ts`, re-exported here.
 */
import { parseStaticOptions } from '../../../src/options/parse-static-options';
import { runtimeEntryPoints, type RuntimeEntryPoints } from '../../../src/runtime/build-runtime';
import type { Runtime } from '../../../src/runtime/runtime';
import { build as buildWith } from './build-runtime';

export { closeRegistries, facts } from './build-runtime';

const PLAIN_EPS: RuntimeEntryPoints = {
  all: ['web', 'websecure'],
  defaults: ['web', 'websecure'],
  certResolvers: ['le'],
};

/** Validates like the file provider, merges as `file`, and builds on `entryPoints`. */
export function build(raw: unknown, entryPoints: RuntimeEntryPoints = PLAIN_EPS): Runtime {
  return buildWith(raw, { entryPoints });
}

/** The runtime entry points of Traefik-style flags. */
export function fromFlags(...argv: string[]): RuntimeEntryPoints {
  return runtimeEntryPoints(parseStaticOptions(argv, {}), new Set());
}

/** Service `s`, one server at http://10.0.0.1. */
export const svc = { s: { loadBalancer: { servers: [{ url: 'http://10.0.0.1' }] } } };
