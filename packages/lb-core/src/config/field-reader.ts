/**
 * Reads one configuration object field by field, the way Traefik's paerser does: keys match
 * case-insensitively (`loadbalancer` is `loadBalancer`), scalars may arrive as strings (labels),
 * and every key nobody asked for is reported as `unknown key` with its path, plus a suggestion
 * when it looks like a typo. Errors are collected, never thrown. How each value is converted
 * once found lives in `field-values.ts`.
 * (paerser `parser/nodes_metadata.go` `findTypedField` uses `strings.EqualFold`)
 */
import type { ErrorSink } from './error-sink';
import type { IntOptions, ListOptions, Taken } from './field-values';
import { isRecord, joinPath, readBool, readDurationMs, readInt, readStringMap, readStrings } from './field-values';
import { closest } from './suggest';

export { compact, isRecord, joinPath, readInt, type Taken } from './field-values';

/** One canonical field name, or a list of accepted aliases (at most one may be present). */
export type FieldNames = string | readonly string[];

interface StringOptions {
  readonly required?: boolean;
  readonly nonEmpty?: boolean;
  readonly oneOf?: readonly string[];
  readonly fold?: 'lower' | 'upper';
}

/** Reads the fields of one object; call {@link FieldReader.finish} to report unknown keys. */
export class FieldReader {
  readonly path: string;
  readonly sink: ErrorSink;
  readonly #entries = new Map<string, { readonly key: string; readonly value: unknown }>();
  readonly #known = new Map<string, string>();

  private constructor(object: Record<string, unknown>, path: string, sink: ErrorSink) {
    this.path = path;
    this.sink = sink;
    for (const [key, value] of Object.entries(object)) {
      const lower = key.toLowerCase();
      const previous = this.#entries.get(lower);
      if (previous === undefined) this.#entries.set(lower, { key, value });
      else
        sink.add(
          joinPath(path, key),
          `duplicate key: '${previous.key}' and '${key}' name the same field (keys are case-insensitive)`,
        );
    }
  }

  /** A reader for `value`, or `undefined` (and an error) when it is not an object. */
  static of(value: unknown, path: string, sink: ErrorSink): FieldReader | undefined {
    if (isRecord(value)) return new FieldReader(value, path, sink);
    sink.add(path, 'must be an object');
    return undefined;
  }

  /** The keys with a value (not `null` or `undefined`), as written, in input order. */
  keys(): string[] {
    return [...this.#entries.values()]
      .filter((entry) => entry.value !== null && entry.value !== undefined)
      .map((entry) => entry.key);
  }

  /**
   * Declares `names` known and returns the one present. `undefined` counts as absent, and so
   * does `null` unless `keepNull`. Two aliases of the same field both present is an error.
   */
  take(names: FieldNames, keepNull = false): (Taken & { readonly name: string }) | undefined {
    let found: (Taken & { readonly name: string }) | undefined;
    for (const name of typeof names === 'string' ? [names] : names) {
      const lower = name.toLowerCase();
      this.#known.set(lower, name);
      const entry = this.#entries.get(lower);
      if (entry === undefined || entry.value === undefined || (entry.value === null && !keepNull)) continue;
      if (found === undefined) found = { name, value: entry.value, path: joinPath(this.path, name) };
      else this.sink.add(joinPath(this.path, name), `give either '${found.name}' or '${name}', not both`);
    }
    return found;
  }

  /** Records "is required" for the first of `names`. */
  missing(names: FieldNames): undefined {
    this.sink.add(joinPath(this.path, typeof names === 'string' ? names : (names[0] ?? '')), 'is required');
    return undefined;
  }

  /** A string (finite numbers are accepted and converted, as paerser does). */
  string(names: FieldNames, options: StringOptions = {}): string | undefined {
    const taken = this.take(names);
    if (taken === undefined) return options.required === true ? this.missing(names) : undefined;
    const raw = typeof taken.value === 'number' && Number.isFinite(taken.value) ? String(taken.value) : taken.value;
    if (typeof raw !== 'string') return this.#fail(taken.path, 'must be a string');
    const text = options.fold === 'lower' ? raw.toLowerCase() : options.fold === 'upper' ? raw.toUpperCase() : raw;
    if (options.nonEmpty === true && text.trim() === '') return this.#fail(taken.path, 'must not be empty');
    if (options.oneOf !== undefined && !options.oneOf.includes(text)) {
      return this.#fail(taken.path, `must be one of ${options.oneOf.map((v) => `'${v}'`).join(', ')}`);
    }
    return text;
  }

  /** One of `choices` (compared after `fold`), typed as the choice. */
  choice<T extends string>(names: FieldNames, choices: readonly T[], fold: 'lower' | 'upper' = 'lower'): T | undefined {
    const text = this.string(names, { oneOf: choices, fold });
    return choices.find((choice) => choice === text);
  }

  /** An integer, from a number or a decimal string, within `[min, max]`. */
  int(names: FieldNames, options: IntOptions = {}): number | undefined {
    const taken = this.take(names);
    if (taken === undefined) return options.required === true ? this.missing(names) : undefined;
    return readInt(taken, this.sink, options);
  }

  /** A boolean, from a boolean or Go's `ParseBool` words (`true`, `f`, `1`…, any case). */
  bool(names: FieldNames): boolean | undefined {
    const taken = this.take(names);
    return taken === undefined ? undefined : readBool(taken, this.sink);
  }

  /**
   * A duration in milliseconds: Traefik's spelling under `names` (`10s`, or a number of seconds),
   * or Junction's canonical `msName` holding milliseconds.
   */
  durationMs(
    names: readonly string[],
    msName: string,
    options: { readonly required?: boolean; readonly min?: number } = {},
  ): number | undefined {
    const taken = this.take([...names, msName]);
    if (taken === undefined) return options.required === true ? this.missing(msName) : undefined;
    return readDurationMs(taken, taken.name === msName, this.sink, options.min);
  }

  /** A list of strings; a single string is split on commas (as Traefik labels are). */
  strings(
    names: FieldNames,
    options: ListOptions & { readonly check?: (item: string) => string | undefined } = {},
  ): string[] | undefined {
    const taken = this.take(names);
    if (taken === undefined) return options.required === true ? this.missing(names) : undefined;
    return readStrings(taken, this.sink, options);
  }

  /** A map of string values (header maps); its keys are data and keep their case. */
  stringMap(names: FieldNames): Record<string, string> | undefined {
    const taken = this.take(names);
    return taken === undefined ? undefined : readStringMap(taken, this.sink);
  }

  /** A nested object read by `read`; its unknown keys are reported. */
  object<T>(
    names: FieldNames,
    read: (reader: FieldReader) => T | undefined,
    options: { readonly required?: boolean } = {},
  ): T | undefined {
    const taken = this.take(names);
    if (taken === undefined) return options.required === true ? this.missing(names) : undefined;
    return readObject(taken.value, taken.path, this.sink, read);
  }

  /** A list whose items are read by `read(value, path)`. */
  list<T>(
    names: FieldNames,
    read: (value: unknown, path: string) => T | undefined,
    options: ListOptions = {},
  ): T[] | undefined {
    const taken = this.take(names);
    if (taken === undefined) return options.required === true ? this.missing(names) : undefined;
    if (!Array.isArray(taken.value)) return this.#fail(taken.path, 'must be a list');
    if (options.nonEmpty === true && taken.value.length === 0) return this.#fail(taken.path, 'must not be empty');
    const out: T[] = [];
    taken.value.forEach((item: unknown, index) => {
      const value = read(item, `${taken.path}[${index}]`);
      if (value !== undefined) out.push(value);
    });
    return out;
  }

  /** Reports every key that no `take` declared, with a suggestion for near misses. */
  finish(): void {
    for (const [lower, entry] of this.#entries) {
      if (this.#known.has(lower)) continue;
      const hint = closest(lower, [...this.#known.values()]);
      this.sink.add(
        joinPath(this.path, entry.key),
        hint === undefined ? 'unknown key' : `unknown key (did you mean '${hint}'?)`,
      );
    }
  }

  #fail(path: string, message: string): undefined {
    this.sink.add(path, message);
    return undefined;
  }
}

/** Reads `value` as an object with `read`, then reports its unknown keys. */
export function readObject<T>(
  value: unknown,
  path: string,
  sink: ErrorSink,
  read: (reader: FieldReader) => T | undefined,
): T | undefined {
  const reader = FieldReader.of(value, path, sink);
  if (reader === undefined) return undefined;
  const out = read(reader);
  reader.finish();
  return out;
}
