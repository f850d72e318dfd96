/**
 * Durations as Traefik accepts them (paerser `types.Duration`): a bare number is seconds, anything
 * else is Go's `time.ParseDuration` syntax — a sequence of decimal numbers with units
 * `ns`, `us` (`µs`), `ms`, `s`, `m`, `h`, e.g. `10s`, `100ms`, `1m30s`, `-1.5h`.
 *
 * Junction extension: a bare *decimal* number (`1.5`) is also seconds; Go accepts only integers there.
 * {@link formatDuration} writes a duration back as Go's `time.Duration.String()` does, which is how
 * Traefik shows durations in its API (`1m0s`, `500ms`, `2ns`).
 */
import { createError, type LbError } from '../errors';

const NS_PER_UNIT: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  µs: 1e3, // U+00B5 micro sign
  μs: 1e3, // U+03BC Greek small letter mu
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

const BARE_SECONDS = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const GO_DURATION = /^[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/;
const COMPONENT = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g;
/** Go's `time.Duration` is an int64 of nanoseconds. */
const MAX_NS = 9223372036854775807;

/**
 * Parses a Traefik duration into milliseconds (possibly fractional: `1us` is `0.001`).
 * Returns, never throws, an `LB_CONFIG_INVALID` {@link LbError} for text Traefik would reject.
 */
export function parseDuration(text: string | number): number | LbError {
  if (typeof text === 'number') {
    return Number.isFinite(text) ? checkRange(text * 1e9, String(text)) : invalid(String(text), 'not a finite number');
  }
  if (BARE_SECONDS.test(text)) return checkRange(Number(text) * 1e9, text);
  if (!GO_DURATION.test(text)) {
    return invalid(text, text === '' ? 'empty duration' : 'expected seconds or a duration such as 10s, 100ms or 1m30s');
  }
  let ns = 0;
  for (const [, amount, unit] of text.matchAll(COMPONENT)) {
    ns += Number(amount) * (NS_PER_UNIT[unit ?? ''] ?? Number.NaN);
  }
  return checkRange(text.startsWith('-') ? -ns : ns, text);
}

function checkRange(ns: number, text: string): number | LbError {
  const rounded = Math.round(ns);
  if (!(Math.abs(rounded) <= MAX_NS)) return invalid(text, 'duration out of range');
  // Rounding to whole nanoseconds first keeps 1.1s at exactly 1100 ms.
  return rounded / 1e6 + 0; // `+ 0` turns -0 into 0
}

function invalid(text: string, reason: string): LbError {
  return createError('LB_CONFIG_INVALID', `invalid duration ${JSON.stringify(text)}: ${reason}`, { value: text });
}

/**
 * Formats milliseconds (rounded to whole nanoseconds) exactly as Go's `time.Duration.String()`:
 * `0s`, `2ns`, `1.5µs`, `40ms`, `1.5s`, `1m30s`, `1h0m0s`. The result is accepted by {@link parseDuration}.
 */
export function formatDuration(ms: number): string {
  const ns = Math.round(ms * 1e6);
  if (ns === 0) return '0s';
  const sign = ns < 0 ? '-' : '';
  const u = Math.abs(ns);
  if (u < 1e3) return `${sign}${u}ns`;
  if (u < 1e6) return `${sign}${withFraction(u, 1e3, 3)}µs`;
  if (u < 1e9) return `${sign}${withFraction(u, 1e6, 6)}ms`;
  const seconds = Math.floor(u / 1e9);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = withFraction((seconds % 60) * 1e9 + (u % 1e9), 1e9, 9);
  if (h > 0) return `${sign}${h}h${m}m${s}s`;
  return m > 0 ? `${sign}${m}m${s}s` : `${sign}${s}s`;
}

/** `value / unit` with the remainder as up to `digits` decimals, trailing zeros dropped (`1.5`, `40`). */
function withFraction(value: number, unit: number, digits: number): string {
  const whole = Math.floor(value / unit);
  const fraction = String(value % unit)
    .padStart(digits, '0')
    .replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${whole}.${fraction}`;
}
