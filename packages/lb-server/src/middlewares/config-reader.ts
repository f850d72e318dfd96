/**
 * A small typed reader over one middleware's options, shared by every middleware factory.
 * It accepts both shapes Traefik's providers produce: YAML/JSON values (arrays, numbers,
 * booleans) and label strings (`"a,b"` lists, `"10"`, `"true"`); keys match case-insensitively
 * (labels are lower-cased). Every failure is an `LB_MIDDLEWARE_INVALID` error with the dotted
 * path of the field, and {@link ConfigReader.done} rejects keys nobody read (typos, options
 * Junction does not support) instead of silently ignoring them.
 */
import { parseDurationMs } from './duration';
import { invalid } from './errors';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads typed fields from one options object at a known path. */
export class ConfigReader {
  readonly path: string;
  readonly #obj: Record<string, unknown>;
  readonly #keys = new Map<string, string>();
  readonly #used = new Set<string>();

  /** `value` may be `null`/`undefined` (an option-less middleware, e.g. label `...chain=`). */
  constructor(value: unknown, path: string) {
    if (value === null || value === undefined || value === '') value = {};
    if (!isPlainObject(value)) throw invalid(path, 'expected an object');
    this.path = path;
    this.#obj = value;
    for (const key of Object.keys(value)) this.#keys.set(key.toLowerCase(), key);
  }

  /** The dotted path of `key` (with an optional list index). */
  at(key: string, index?: number): string {
    return `${this.path}.${key}${index === undefined ? '' : `[${index}]`}`;
  }

  /** The raw value of `key` (case-insensitive), marking it read. */
  raw(key: string): unknown {
    const actual = this.#keys.get(key.toLowerCase());
    if (actual === undefined) return undefined;
    this.#used.add(actual);
    return this.#obj[actual];
  }

  /** A string option; `required` rejects a missing or blank one. */
  string(key: string, required = false): string | undefined {
    const v = this.raw(key);
    if (v === undefined || v === null) {
      if (required) throw invalid(this.at(key), 'is required');
      return undefined;
    }
    if (typeof v !== 'string' && typeof v !== 'number') throw invalid(this.at(key), 'expected a string');
    const s = String(v);
    if (required && s.trim() === '') throw invalid(this.at(key), 'must not be empty');
    return s;
  }

  /** A boolean option (`true`, `"true"`, `false`, `"false"`). */
  bool(key: string): boolean | undefined {
    const v = this.raw(key);
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    throw invalid(this.at(key), 'expected a boolean');
  }

  /** An integer option (number or numeric string) of at least `min`. */
  int(key: string, min = Number.MIN_SAFE_INTEGER): number | undefined {
    const v = this.raw(key);
    if (v === undefined || v === null || v === '') return undefined;
    const n = typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw invalid(this.at(key), 'expected an integer');
    if (n < min) throw invalid(this.at(key), `must be at least ${min}`);
    return n;
  }

  /** A duration option in milliseconds (a number of seconds or a Go duration string). */
  durationMs(key: string): number | undefined {
    const v = this.raw(key);
    if (v === undefined || v === null || v === '') return undefined;
    const ms = parseDurationMs(v);
    if (ms === undefined)
      throw invalid(this.at(key), 'expected a duration such as "1s", "500ms" or a number of seconds');
    if (ms < 0) throw invalid(this.at(key), 'must not be negative');
    return ms;
  }

  /** A list of strings: an array, or a comma-separated string (labels). Entries are trimmed. */
  list(key: string): string[] | undefined {
    const v = this.raw(key);
    if (v === undefined || v === null) return undefined;
    const items = typeof v === 'string' ? v.split(',') : v;
    if (!Array.isArray(items)) throw invalid(this.at(key), 'expected a list of strings');
    return items
      .map((item: unknown, i) => {
        if (typeof item !== 'string' && typeof item !== 'number') throw invalid(this.at(key, i), 'expected a string');
        return String(item).trim();
      })
      .filter((s) => s !== '');
  }

  /** A map of string to string (header maps); values may be empty. */
  stringMap(key: string): Record<string, string> | undefined {
    const v = this.raw(key);
    if (v === undefined || v === null) return undefined;
    if (!isPlainObject(v)) throw invalid(this.at(key), 'expected a map of strings');
    const out: Record<string, string> = {};
    for (const [k, val] of Object.entries(v)) {
      if (typeof val !== 'string' && typeof val !== 'number' && typeof val !== 'boolean') {
        throw invalid(`${this.at(key)}.${k}`, 'expected a string');
      }
      out[k] = String(val);
    }
    return out;
  }

  /** A nested options object, or `undefined` when absent. */
  object(key: string): ConfigReader | undefined {
    const v = this.raw(key);
    if (v === undefined || v === null) return undefined;
    return new ConfigReader(v, this.at(key));
  }

  /** Throws for the first key that no reader call consumed. */
  done(): void {
    for (const key of Object.keys(this.#obj)) {
      if (!this.#used.has(key)) throw invalid(`${this.path}.${key}`, 'unknown or unsupported option');
    }
  }
}
