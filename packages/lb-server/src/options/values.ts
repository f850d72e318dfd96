/**
 * Parsers for the value kinds static options take: Go durations (`2s`, `1m30s`, a bare number
 * meaning seconds, as Traefik's `ptypes.Duration`; lb-core's `parseDuration` with the option
 * messages; lb-core's `formatDuration` writes them back), listen addresses (`[host]:port`), Go booleans.
 * Each returns the value or a `{ error }` describing what was wrong, so callers can attach the
 * option name.
 */

import { isLbError, parseDuration as parseCoreDuration } from '@junction/lb-core';

/** A parsed value, or why it could not be parsed. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** A listen address: `host` is `undefined` for "all interfaces" (`:80`). */
export interface ListenAddress {
  readonly host: string | undefined;
  readonly port: number;
}

/**
 * Parses a duration to milliseconds, as Traefik does (lb-core's `parseDuration`: Go syntax such
 * as `300ms`, `1.5s`, `2h45m`, or a bare number of seconds). Negative durations are refused.
 */
export function parseDuration(input: string | number): Parsed<number> {
  const ms = parseCoreDuration(typeof input === 'string' ? input.trim() : input);
  if (isLbError(ms)) return fail(`invalid duration ${JSON.stringify(input)} (expected e.g. "2s", "500ms", "1m30s")`);
  return ms < 0 ? fail(`invalid duration ${JSON.stringify(input)} (negative)`) : ok(ms);
}

/**
 * Parses an entry point address `[host]:port`, optionally suffixed `/tcp` as Traefik allows:
 * `:80`, `0.0.0.0:80`, `localhost:8080`, `[::1]:8080`, `127.0.0.1:0`. UDP is not supported.
 */
export function parseAddress(input: string): Parsed<ListenAddress> {
  const bad = (why: string): Parsed<ListenAddress> =>
    fail(`invalid address ${JSON.stringify(input)}: ${why} (expected [host]:port, e.g. ":80" or "127.0.0.1:8080")`);
  let text = input.trim();
  const slash = text.lastIndexOf('/');
  if (slash >= 0) {
    const proto = text.slice(slash + 1).toLowerCase();
    if (proto !== 'tcp') return bad(`protocol "${proto}" is not supported, only tcp`);
    text = text.slice(0, slash);
  }
  const colon = text.lastIndexOf(':');
  if (colon < 0) return bad('missing ":port"');
  let host = text.slice(0, colon);
  const portText = text.slice(colon + 1);
  if (host.startsWith('[')) {
    if (!host.endsWith(']') || host.length < 3) return bad('unbalanced brackets');
    host = host.slice(1, -1);
  } else if (host.includes(':')) {
    return bad('an IPv6 host needs brackets');
  }
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) return bad(`port "${portText}" is not 0-65535`);
  if (/[\s/[\]]/.test(host)) return bad('malformed host');
  return ok({ host: host === '' ? undefined : host, port: Number(portText) });
}

/** Formats a {@link ListenAddress} as `host:port` / `[v6]:port` / `:port`. */
export function formatAddress(address: ListenAddress): string {
  const host = address.host === undefined ? '' : address.host.includes(':') ? `[${address.host}]` : address.host;
  return `${host}:${address.port}`;
}

const TRUE_WORDS = new Set(['1', 't', 'true']);
const FALSE_WORDS = new Set(['0', 'f', 'false']);

/** Parses a boolean as Go's `strconv.ParseBool` (`true`, `T`, `1`, `false`, `F`, `0`, any case). */
export function parseBoolean(input: string | boolean | number): Parsed<boolean> {
  if (typeof input === 'boolean') return ok(input);
  const text = String(input).trim().toLowerCase();
  if (TRUE_WORDS.has(text)) return ok(true);
  if (FALSE_WORDS.has(text)) return ok(false);
  return fail(`invalid boolean ${JSON.stringify(input)} (expected true or false)`);
}

function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

function fail<T>(error: string): Parsed<T> {
  return { ok: false, error };
}
