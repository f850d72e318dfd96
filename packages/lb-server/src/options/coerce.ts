/**
 * Value parsers for each {@link OptionKind}: they accept what a flag, an environment variable or a
 * YAML/TOML file can hold (strings, numbers, booleans, arrays) and produce the typed value. The
 * same parsers read the table's text defaults, so defaults and user input cannot disagree.
 *
 * Plain checks rather than a schema library: each kind is one shape test in front of a parser of
 * `values.ts`, and importing zod costs ≈ 7 MB resident in every process for a start-up parse.
 */
import type { OptionKind, OptionSpec } from './option-table';
import { parseDomainList, type TlsDomainValue } from './tls-domains';
import { parseAddress, parseBoolean, parseDuration, type ListenAddress, type Parsed } from './values';

/** A typed option value. */
export type OptionValue =
  boolean | string | number | ListenAddress | readonly string[] | readonly number[] | readonly TlsDomainValue[];

type Scalar = string | number | boolean;
type ListInput = string | number | readonly (string | number)[];

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isScalar = (v: unknown): v is Scalar => typeof v === 'string' || typeof v === 'boolean' || isNumber(v);
/** Text, a number, or an array of those: what a list option takes. */
export const isListInput = (v: unknown): v is ListInput =>
  typeof v === 'string' ||
  isNumber(v) ||
  (Array.isArray(v) && v.every((item) => typeof item === 'string' || isNumber(item)));

const fail = (error: string): Parsed<never> => ({ ok: false, error });
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });

/** A parser of one scalar (a list or an object is refused). */
function fromScalar<T extends OptionValue>(parse: (input: Scalar) => Parsed<T>): (raw: unknown) => Parsed<OptionValue> {
  return (raw) => (isScalar(raw) ? parse(raw) : fail('expected a single value'));
}

/** A parser of a list given as comma-separated text or an array. */
function fromList<T extends OptionValue>(parse: (items: string[]) => Parsed<T>): (raw: unknown) => Parsed<OptionValue> {
  return (raw) => (isListInput(raw) ? parse(splitList(raw)) : fail('expected a list (comma-separated or an array)'));
}

/** The items of a list option's input, trimmed, empty ones left out. */
export const splitList = (input: ListInput): string[] =>
  (Array.isArray(input) ? input.map(String) : String(input).split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');

const PARSERS: Readonly<Record<Exclude<OptionKind, 'enum'>, (raw: unknown) => Parsed<OptionValue>>> = {
  domainList: (raw) => parseDomainList(raw),
  section: fromScalar((v) => (v === '' ? ok(true) : parseBoolean(v))),
  boolean: fromScalar(parseBoolean),
  string: fromScalar((v) => ok(String(v))),
  duration: fromScalar((v) =>
    typeof v === 'boolean' ? fail(`invalid duration ${JSON.stringify(v)}`) : parseDuration(v),
  ),
  integer: fromScalar((v) => {
    const n = typeof v === 'number' ? v : Number(String(v).trim());
    return typeof v !== 'boolean' && String(v).trim() !== '' && Number.isInteger(n)
      ? ok(n)
      : fail(`invalid integer ${JSON.stringify(v)}`);
  }),
  address: fromScalar((v) => parseAddress(String(v))),
  stringList: fromList((items) => ok(items)),
  numberList: fromList((items) => {
    const numbers = items.map(Number);
    const bad = items.find((_, i) => !Number.isFinite(numbers[i]));
    return bad === undefined ? ok(numbers) : fail(`invalid number ${JSON.stringify(bad)} in list`);
  }),
};

function parseEnum(values: readonly string[]): (raw: unknown) => Parsed<OptionValue> {
  return fromScalar((input) => {
    const text = String(input).trim().toLowerCase();
    const found = values.find((v) => v.toLowerCase() === text);
    return found !== undefined
      ? ok(found)
      : fail(`invalid value ${JSON.stringify(input)} (expected one of ${values.join(', ')})`);
  });
}

/** Parses a raw value for an option; the error names no option (the caller adds it). */
export function coerceOptionValue(spec: OptionSpec, raw: unknown): Parsed<OptionValue> {
  const parse = spec.kind === 'enum' ? parseEnum(spec.values ?? []) : PARSERS[spec.kind];
  return parse(raw);
}

/** The typed default of an option, or `undefined` when it has none. Throws on a broken table. */
export function defaultOptionValue(spec: OptionSpec): OptionValue | undefined {
  if (spec.default === undefined) return undefined;
  const parsed = coerceOptionValue(spec, spec.default);
  if (!parsed.ok) throw new Error(`option table: bad default for ${spec.key}: ${parsed.error}`);
  return parsed.value;
}
