/**
 * Test support: a compose file read as Compose and `docker stack deploy` read it — `${VAR}`,
 * `${VAR:-default}`, `${VAR-default}` and `$$` substituted from a given environment, then YAML —
 * plus the label list or map of a service as one record. No Docker needed.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** Compose's variable substitution: `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `$$`. */
export function interpolate(text: string, env: Readonly<Record<string, string>>): string {
  return text.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}/g,
    (_all, name: string | undefined, op: string | undefined, fallback: string | undefined) => {
      if (name === undefined) return '$';
      const value = env[name];
      if (op === ':-') return value === undefined || value === '' ? (fallback ?? '') : value;
      if (op === '-') return value ?? fallback ?? '';
      return value ?? '';
    },
  );
}

/** The compose file at `path`, interpolated with `env` and parsed. */
export function readCompose<T>(path: string, env: Readonly<Record<string, string>> = {}): T {
  return parse(interpolate(readFileSync(path, 'utf8'), env)) as T;
}

/** Compose labels, written as a `key=value` list or a map, as one record of strings. */
export function labelRecord(
  labels: readonly string[] | Readonly<Record<string, unknown>> | undefined,
): Record<string, string> {
  if (labels === undefined) return {};
  if (!Array.isArray(labels)) return Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, String(v)]));
  return Object.fromEntries(
    (labels as readonly string[]).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}
