/**
 * Turns Junction's normalised configuration back into the form Traefik's API shows. lb-core's
 * validator stores durations as milliseconds under `…Ms` keys (`interval: 10s` becomes
 * `intervalMs: 10000`); the API shows them as Traefik does, as Go duration strings under the
 * original key (`interval: "10s"`), so Traefik clients and dashboards read the values they expect.
 *
 * Secrets are not echoed: the password hashes of `basicAuth.users` are replaced by
 * {@link REDACTED} (Traefik shows them; the user names stay visible).
 */
import { formatDuration } from '@junction/lb-core';

/** What a redacted secret is replaced by. */
export const REDACTED = '[REDACTED]';

const DURATION_KEY = /^(.+)Ms$/;

/**
 * A deep copy of `value` with every numeric `…Ms` property renamed to its Traefik key and
 * formatted as a Go duration. Other values are copied as they are.
 */
export function toTraefikConfig(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toTraefikConfig);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const duration = DURATION_KEY.exec(key);
    if (duration?.[1] !== undefined && typeof child === 'number' && Number.isFinite(child) && child >= 0) {
      out[duration[1]] = formatDuration(child);
    } else {
      out[key] = toTraefikConfig(child);
    }
  }
  return out;
}

/** `name:hash` htpasswd entries with the hash replaced by {@link REDACTED}. */
export function redactUsers(users: readonly string[]): string[] {
  return users.map((entry) => {
    const colon = entry.indexOf(':');
    return colon < 0 ? REDACTED : `${entry.slice(0, colon)}:${REDACTED}`;
  });
}
