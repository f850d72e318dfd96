/**
 * Traefik's `entryPoints.<name>.http.tls.domains`, a list of `{ main, sans }`: in a file a YAML/TOML
 * list; as flags and environment variables indexed entries (`--entryPoints.websecure.http.tls.domains[0].main=a.example`,
 * `TRAEFIK_ENTRYPOINTS_WEBSECURE_HTTP_TLS_DOMAINS_0_SANS=b.example,c.example`), which no table row
 * can match, so they are recognised here and gathered into the same list.
 */
import type { Parsed } from './values';

/** One domain: the main name and alternative names. */
export interface TlsDomainValue {
  readonly main?: string;
  readonly sans?: readonly string[];
}

/** An indexed domain entry: which entry point, which index, which field. */
export interface DomainEntry {
  readonly entryPoint: string;
  readonly index: number;
  readonly field: 'main' | 'sans';
}

const INDEXED = /^domains\[(\d+)\]$/i;

/** Recognises `entryPoints.<ep>.http.tls.domains[N].main|sans` and `…domains.N.main|sans`. */
export function domainEntry(segments: readonly string[]): DomainEntry | undefined {
  const s = segments.map((x) => x.toLowerCase());
  if (s[0] !== 'entrypoints' || s[2] !== 'http' || s[3] !== 'tls') return undefined;
  const entryPoint = segments[1] ?? '';
  let index: string | undefined;
  let field: string | undefined;
  if (s.length === 6) {
    index = INDEXED.exec(s[4] ?? '')?.[1];
    field = s[5];
  } else if (s.length === 7 && s[4] === 'domains' && /^\d+$/.test(s[5] ?? '')) {
    index = s[5];
    field = s[6];
  }
  if (index === undefined || (field !== 'main' && field !== 'sans') || entryPoint === '') return undefined;
  return { entryPoint, index: Number(index), field };
}

function names(value: unknown): string[] | undefined {
  if (typeof value === 'string')
    return value
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
  if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
    return value.map((v) => v.trim()).filter((v) => v !== '');
  return undefined;
}

/** Reads one field value of an indexed entry. */
export function domainField(field: 'main' | 'sans', value: unknown): Parsed<string | string[]> {
  const raw = Array.isArray(value) && field === 'main' ? value.at(-1) : value;
  if (field === 'main') {
    return typeof raw === 'string' && raw.trim() !== ''
      ? { ok: true, value: raw.trim().toLowerCase() }
      : { ok: false, error: 'expected a domain name' };
  }
  const list = names(raw);
  return list === undefined
    ? { ok: false, error: 'expected a comma-separated list of domain names' }
    : { ok: true, value: list.map((n) => n.toLowerCase()) };
}

/** Reads the list form (a file's `domains:`): every item a map with `main` and/or `sans` (keys in any case). */
export function parseDomainList(value: unknown): Parsed<readonly TlsDomainValue[]> {
  if (!Array.isArray(value)) {
    return {
      ok: false,
      error: 'expected a list of {main, sans} (as flags: --entryPoints.<name>.http.tls.domains[0].main=a.example)',
    };
  }
  const out: TlsDomainValue[] = [];
  for (const [i, item] of value.entries()) {
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      return { ok: false, error: `item ${i}: expected a map with main and sans` };
    const domain: { main?: string; sans?: string[] } = {};
    for (const [key, v] of Object.entries(item as Record<string, unknown>)) {
      const field = key.toLowerCase();
      if (field !== 'main' && field !== 'sans')
        return { ok: false, error: `item ${i}: unknown key ${JSON.stringify(key)} (expected main, sans)` };
      const parsed = domainField(field, v);
      if (!parsed.ok) return { ok: false, error: `item ${i}.${field}: ${parsed.error}` };
      if (field === 'main') domain.main = parsed.value as string;
      else domain.sans = parsed.value as string[];
    }
    out.push(domain);
  }
  return { ok: true, value: out };
}

/** Gathers indexed entries into a list ordered by index (gaps closed). */
export function gatherDomains(parts: ReadonlyMap<number, { main?: string; sans?: string[] }>): TlsDomainValue[] {
  return [...parts.entries()].sort(([a], [b]) => a - b).map(([, d]) => ({ ...d }));
}
