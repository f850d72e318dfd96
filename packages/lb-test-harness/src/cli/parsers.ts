/**
 * Value parsers for command-line options. Each validates one option and throws commander's
 * `InvalidArgumentError` with a message that names the accepted values.
 */
import { InvalidArgumentError } from 'commander';

/** A whole number ≥ `min`. */
export function intAtLeast(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(`expected a whole number ≥ ${min}, got '${value}'`);
    return n;
  };
}

/** A number in [min, max]. */
export function numberIn(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max)
      throw new InvalidArgumentError(`expected a number from ${min} to ${max}, got '${value}'`);
    return n;
  };
}

/** A comma-separated list of known ids (deduplicated, in the order given); `all` means every one. */
export function idList<T extends string>(known: readonly T[]): (value: string) => T[] {
  return (value) => {
    const items = value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (items.length === 1 && items[0] === 'all') return [...known];
    const unknown = items.filter((s) => !(known as readonly string[]).includes(s));
    if (items.length === 0 || unknown.length > 0) {
      const what = unknown.length > 0 ? `'${unknown.join("', '")}'` : 'empty list';
      throw new InvalidArgumentError(
        `unknown ${what}; expected a comma-separated list of: ${known.join(', ')} (or all)`,
      );
    }
    return [...new Set(items)] as T[];
  };
}

/** One of a fixed set of words. */
export function oneOf<T extends string>(choices: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(choices as readonly string[]).includes(value))
      throw new InvalidArgumentError(`expected one of ${choices.join(', ')}, got '${value}'`);
    return value as T;
  };
}

/**
 * `name=value` pairs separated by commas (`s3=100,s2=50`), each value in [min, max]. Repeating
 * the option merges the pairs.
 */
export function assignments(
  min: number,
  max: number,
): (value: string, previous?: Record<string, number>) => Record<string, number> {
  const num = numberIn(min, max);
  return (value, previous = {}) => {
    const out: Record<string, number> = { ...previous };
    for (const part of value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const eq = part.indexOf('=');
      if (eq <= 0) throw new InvalidArgumentError(`expected name=value pairs like s3=100, got '${part}'`);
      out[part.slice(0, eq).trim()] = num(part.slice(eq + 1).trim());
    }
    return out;
  };
}

/** An absolute http(s) URL. */
export function httpUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch {
    // fall through
  }
  throw new InvalidArgumentError(`expected an http:// or https:// URL, got '${value}'`);
}

/** A comma-separated list of whole numbers, each ≥ `min` (deduplicated, ascending). */
export function intList(min: number): (value: string) => number[] {
  const one = intAtLeast(min);
  return (value) => {
    const items = value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (items.length === 0)
      throw new InvalidArgumentError(`expected a comma-separated list of whole numbers ≥ ${min}, got '${value}'`);
    return [...new Set(items.map((s) => one(s)))].sort((a, b) => a - b);
  };
}
