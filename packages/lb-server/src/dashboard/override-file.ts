/**
 * The format of the overrides state file (`--api.stateFile`), as pure functions: the overrides
 * an operator set (drains, weights, strategies) to JSON text and back. No I/O here (`state-file.ts`
 * reads and writes); parsing checks every field and names the first wrong one
 * (`servers[2].weight: …`), so a damaged file is reported, set aside and never half-applied.
 *
 * ```json
 * { "junction": "overrides", "version": 1, "savedAt": "2026-12-06T15:00:00.000Z",
 *   "servers":  [{ "service": "whoami@docker", "server": "lab/whoami/2", "draining": true, "by": "admin", "at": 1733497200000 }],
 *   "services": [{ "service": "api@file", "strategy": "least-connections", "by": "admin", "at": 1733497200000 }] }
 * ```
 */
import { resolveStrategy } from '@junction/lb-core';
import type { ServerOverride, StrategyOverride } from './override-store';

/** Version written in the file; a file of another version is refused (not guessed at). */
export const OVERRIDE_FILE_VERSION = 1;

/** The overrides a file holds. */
export interface OverrideSnapshot {
  readonly servers: readonly ServerOverride[];
  readonly services: readonly StrategyOverride[];
}

/** What {@link parseOverrideFile} answers. */
export type ParsedOverrideFile =
  | { readonly ok: true; readonly snapshot: OverrideSnapshot }
  | { readonly ok: false; readonly code: 'DASH_STATE_FILE_CORRUPT'; readonly message: string };

/** The largest weight accepted from a file (the same bound as the actions API). */
const MAX_WEIGHT = 10_000;

/** The file's text for `snapshot` (sorted, so the same overrides always give the same text). */
export function serializeOverrides(snapshot: OverrideSnapshot, savedAt: Date): string {
  const byKey = <T extends { service: string; server?: string }>(a: T, b: T): number =>
    `${a.service}\u0000${a.server ?? ''}` < `${b.service}\u0000${b.server ?? ''}` ? -1 : 1;
  const servers = [...snapshot.servers].sort(byKey).map((o) => ({
    service: o.service,
    server: o.server,
    ...(o.draining === true ? { draining: true } : {}),
    ...(o.weight === undefined ? {} : { weight: o.weight }),
    by: o.by,
    at: o.at,
  }));
  const services = [...snapshot.services]
    .sort(byKey)
    .map((o) => ({ service: o.service, strategy: o.strategy, by: o.by, at: o.at }));
  return `${JSON.stringify({ junction: 'overrides', version: OVERRIDE_FILE_VERSION, savedAt: savedAt.toISOString(), servers, services }, null, 2)}\n`;
}

class FieldError extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function field<T>(o: Record<string, unknown>, at: string, key: string, check: (v: unknown) => v is T, what: string): T {
  const value = o[key];
  if (!check(value)) throw new FieldError(`${at}.${key}: expected ${what}, got ${JSON.stringify(value) ?? 'nothing'}`);
  return value;
}

const isName = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 512;
const isString = (v: unknown): v is string => typeof v === 'string' && v.length <= 512;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isWeight = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_WEIGHT;

function list(root: Record<string, unknown>, key: string): Record<string, unknown>[] {
  const value = root[key] ?? [];
  if (!Array.isArray(value)) throw new FieldError(`${key}: expected a list`);
  return value.map((item, i) => {
    if (!isObject(item)) throw new FieldError(`${key}[${i}]: expected an object`);
    return item;
  });
}

function serverEntry(o: Record<string, unknown>, at: string): ServerOverride {
  const draining = o.draining;
  if (draining !== undefined && draining !== true && draining !== false)
    throw new FieldError(`${at}.draining: expected true or false`);
  const weight =
    o.weight === undefined ? undefined : field(o, at, 'weight', isWeight, `an integer from 0 to ${MAX_WEIGHT}`);
  if (draining !== true && weight === undefined) throw new FieldError(`${at}: neither draining nor weight is set`);
  return Object.freeze({
    service: field(o, at, 'service', isName, 'a service name'),
    server: field(o, at, 'server', isName, 'a server id'),
    ...(weight === undefined ? {} : { weight }),
    ...(draining === true ? { draining: true as const } : {}),
    by: field(o, at, 'by', isString, 'a user name'),
    at: field(o, at, 'at', isTime, 'a time in epoch milliseconds'),
  });
}

function strategyEntry(o: Record<string, unknown>, at: string): StrategyOverride {
  const name = field(o, at, 'strategy', isName, 'a strategy name');
  const strategy = resolveStrategy(name);
  if (strategy === undefined) throw new FieldError(`${at}.strategy: unknown strategy ${JSON.stringify(name)}`);
  return Object.freeze({
    service: field(o, at, 'service', isName, 'a service name'),
    strategy,
    by: field(o, at, 'by', isString, 'a user name'),
    at: field(o, at, 'at', isTime, 'a time in epoch milliseconds'),
  });
}

/** Parses a state file's text; any wrong field rejects the whole file (see module comment). */
export function parseOverrideFile(text: string): ParsedOverrideFile {
  const corrupt = (message: string): ParsedOverrideFile => ({ ok: false, code: 'DASH_STATE_FILE_CORRUPT', message });
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    return corrupt(`not JSON: ${(error as Error).message}`);
  }
  if (!isObject(root) || root.junction !== 'overrides')
    return corrupt('not a Junction overrides file (no "junction": "overrides")');
  if (root.version !== OVERRIDE_FILE_VERSION)
    return corrupt(`version ${JSON.stringify(root.version)} is not supported (expected ${OVERRIDE_FILE_VERSION})`);
  try {
    const servers = list(root, 'servers').map((o, i) => serverEntry(o, `servers[${i}]`));
    const services = list(root, 'services').map((o, i) => strategyEntry(o, `services[${i}]`));
    return { ok: true, snapshot: { servers, services } };
  } catch (error) {
    if (error instanceof FieldError) return corrupt(error.message);
    throw error;
  }
}
