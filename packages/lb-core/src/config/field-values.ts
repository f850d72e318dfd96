/**
 * How one configuration value is read once {@link FieldReader} has found it: Traefik's paerser
 * conversions (labels deliver every scalar as a string). Booleans take Go's `ParseBool` words,
 * integers a decimal string, durations Traefik's spelling or Junction's milliseconds, lists a
 * comma-separated string. Each reader records a problem at the value's path in the sink and
 * returns `undefined`; it never throws. Also the small path and object helpers the validators share.
 */
import { parseDuration } from './duration';
import type { ErrorSink } from './error-sink';

/** A field's value and the path it was found at. */
export interface Taken {
  readonly value: unknown;
  readonly path: string;
}

/** Bounds for an integer. */
export interface IntOptions {
  readonly required?: boolean;
  readonly min?: number;
  readonly max?: number;
}

/** Options for a list. */
export interface ListOptions {
  readonly required?: boolean;
  readonly nonEmpty?: boolean;
}

const TRUE_WORDS = new Set(['1', 't', 'true']);
const FALSE_WORDS = new Set(['0', 'f', 'false']);
const INTEGER_TEXT = /^[-+]?\d+$/;

/** True for a non-null, non-array object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Joins a path and a key: `http.routers` + `api` gives `http.routers.api`. */
export function joinPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** `object` without its `undefined`-valued keys, so absent options stay absent in the output. */
export function compact<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}

function fail(sink: ErrorSink, path: string, message: string): undefined {
  sink.add(path, message);
  return undefined;
}

/** An integer, from a number or a decimal string, within `[min, max]`. */
export function readInt(taken: Taken, sink: ErrorSink, options: IntOptions = {}): number | undefined {
  const value =
    typeof taken.value === 'string' && INTEGER_TEXT.test(taken.value.trim()) ? Number(taken.value) : taken.value;
  let problem: string;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) problem = 'must be an integer';
  else if (options.min !== undefined && value < options.min) problem = `must be at least ${options.min}`;
  else if (options.max !== undefined && value > options.max) problem = `must be at most ${options.max}`;
  else return value + 0; // `+ 0` turns -0 into 0
  return fail(sink, taken.path, problem);
}

/** A boolean, from a boolean or Go's `ParseBool` words (`true`, `f`, `1`…, any case). */
export function readBool(taken: Taken, sink: ErrorSink): boolean | undefined {
  if (typeof taken.value === 'boolean') return taken.value;
  const word = typeof taken.value === 'string' ? taken.value.trim().toLowerCase() : undefined;
  if (word !== undefined && TRUE_WORDS.has(word)) return true;
  if (word !== undefined && FALSE_WORDS.has(word)) return false;
  return fail(sink, taken.path, 'must be true or false');
}

/**
 * A duration in milliseconds: a number of milliseconds when `inMs` (Junction's canonical field),
 * else Traefik's spelling (`10s`, `1m30s`, or a number of seconds); at least `min` ms.
 */
export function readDurationMs(taken: Taken, inMs: boolean, sink: ErrorSink, min?: number): number | undefined {
  let ms: number;
  if (inMs) {
    const value = typeof taken.value === 'string' && taken.value.trim() !== '' ? Number(taken.value) : taken.value;
    if (typeof value !== 'number' || !Number.isFinite(value))
      return fail(sink, taken.path, 'must be a number of milliseconds');
    ms = value + 0;
  } else if (typeof taken.value === 'string' || typeof taken.value === 'number') {
    const parsed = parseDuration(taken.value);
    if (typeof parsed !== 'number') return fail(sink, taken.path, parsed.message.replace(/^LB_CONFIG_INVALID: /, ''));
    ms = parsed;
  } else {
    return fail(sink, taken.path, 'must be a duration such as 10s, 100ms or 1m30s, or a number of seconds');
  }
  if (min !== undefined && ms < min) return fail(sink, taken.path, `must be at least ${min} ms`);
  return ms;
}

/** A list of strings; a single string is split on commas (as Traefik labels are). */
export function readStrings(
  taken: Taken,
  sink: ErrorSink,
  options: ListOptions & { readonly check?: (item: string) => string | undefined } = {},
): string[] | undefined {
  const items =
    typeof taken.value === 'string'
      ? taken.value
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '')
      : taken.value;
  if (!Array.isArray(items)) return fail(sink, taken.path, 'must be a list of strings');
  const before = sink.count;
  const out: string[] = [];
  items.forEach((item: unknown, index) => {
    const text = typeof item === 'number' && Number.isFinite(item) ? String(item) : item;
    const problem = typeof text !== 'string' ? 'must be a string' : options.check?.(text);
    if (problem !== undefined) sink.add(`${taken.path}[${index}]`, problem);
    else if (typeof text === 'string') out.push(text);
  });
  if (options.nonEmpty === true && items.length === 0) sink.add(taken.path, 'must not be empty');
  return sink.count === before ? out : undefined;
}

/** A map of string values (header maps); its keys are data and keep their case. */
export function readStringMap(taken: Taken, sink: ErrorSink): Record<string, string> | undefined {
  if (!isRecord(taken.value)) return fail(sink, taken.path, 'must be a map of strings');
  const entries: [string, string][] = [];
  for (const [key, value] of Object.entries(taken.value)) {
    const text = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
    if (typeof text === 'string') entries.push([key, text]);
    else sink.add(joinPath(taken.path, key), 'must be a string');
  }
  return Object.fromEntries(entries);
}
