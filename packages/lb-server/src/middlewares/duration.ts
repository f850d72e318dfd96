/**
 * Traefik durations (`ptypes.Duration`) in middleware options: lb-core's `parseDuration`
 * (a bare number is seconds, otherwise a Go duration such as `"250ms"` or `"1m30s"`), for values
 * of unknown type as configuration readers meet them.
 */
import { isLbError, parseDuration } from '@junction/lb-core';

/** Milliseconds, or `undefined` when `value` is not a Traefik duration. */
export function parseDurationMs(value: unknown): number | undefined {
  if (typeof value !== 'number' && typeof value !== 'string') return undefined;
  const ms = parseDuration(typeof value === 'string' ? value.trim() : value);
  return isLbError(ms) ? undefined : ms;
}
