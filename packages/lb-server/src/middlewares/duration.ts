/**
 * Traefik durations (`ptypes.Duration`): a bare number is seconds (`10`, `"10"`), otherwise a Go
 * duration string (`"1s"`, `"1m30s"`, `"250ms"`, `"1.5h"`, units ns/us/µs/ms/s/m/h).
 */

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000,
};

const GO_DURATION = /^([+-]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/;
const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g;

/**
 * Parses a Traefik duration into milliseconds, or returns `undefined` when it is not one.
 * Numbers (and numeric strings) are seconds, as in Traefik's dynamic configuration.
 */
export function parseDurationMs(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value * 1000 : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^[+-]?\d+(?:\.\d+)?$/.test(text)) return Number(text) * 1000;
  if (text === '0') return 0;
  const m = GO_DURATION.exec(text);
  if (m === null) return undefined;
  let total = 0;
  for (const part of text.matchAll(PART)) {
    total += Number(part[1]) * (UNIT_MS[part[2] ?? ''] ?? Number.NaN);
  }
  if (!Number.isFinite(total)) return undefined;
  return m[1] === '-' ? -total : total;
}
