/**
 * Shared set-up of the service validation tests (src/config/validate-service.*.test.ts and
 * validate*.test.ts): two server URLs, a one-server service, validation of one service `s` beside
 * services `a` and `b` it may reference, and the normalised load balancer of a valid one.
 */
import { expect } from 'vitest';
import { validateDynamicConfig } from '../../src/config/validate';

export const A = 'http://10.0.0.2:3000';
export const B = 'http://10.0.0.3:3000';
/** A valid service: a load balancer over the one server `A`. */
export const lb = { loadBalancer: { servers: [{ url: A }] } };

/** Validates one service `s` (and services `a`, `b` it may reference). */
export function validateService(service: unknown) {
  const servers = { loadBalancer: { servers: [{ url: A }] } };
  return validateDynamicConfig({ http: { services: { s: service, a: servers, b: servers } } });
}

/** The normalised load balancer of `{ loadBalancer: lb }`, asserting there were no errors. */
export function normalisedLoadBalancer(lb: Record<string, unknown>) {
  const { config, errors } = validateService({ loadBalancer: { servers: [{ url: A }], ...lb } });
  expect(errors).toEqual([]);
  const service = config.http.services?.s;
  return service !== undefined && 'loadBalancer' in service ? service.loadBalancer : undefined;
}
