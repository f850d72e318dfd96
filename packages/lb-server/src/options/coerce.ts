/**
 * Value schemas (zod) for each {@link OptionKind}: they accept what a flag, an environment variable
 * or a YAML/TOML file can hold (strings, numbers, booleans, arrays) and produce the typed value.
 * The same schemas parse the table's text defaults, so defaults and user input cannot disagree.
 */
import { z } from 'zod';
import type { OptionKind, OptionSpec } from './option-table';
import { parseDomainList, type TlsDomainValue } from './tls-domains';
import { parseAddress, parseBoolean, parseDuration, type ListenAddress, type Parsed } from './values';

/** A typed option value. */
export type OptionValue = boolean | string | number | ListenAddress | readonly string[] | readonly number[] | readonly TlsDomainValue[];

const scalar = z.union([z.string(), z.number(), z.boolean()], { error: 'expected a single value' });
const listInput = z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))], {
  error: 'expected a list (comma-separated or an array)',
});

function fromParsed<T>(parse: (input: string | number | boolean) => Parsed<T>): z.ZodType<T> {
  return scalar.transform((input, ctx) => {
    const result = parse(input);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.error });
    return z.NEVER;
  }) as unknown as z.ZodType<T>;
}

const splitList = (input: string | number | readonly (string | number)[]): string[] =>
  (Array.isArray(input) ? input.map(String) : String(input).split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');

const SCHEMAS: Readonly<Record<Exclude<OptionKind, 'enum'>, z.ZodType<OptionValue>>> = {
  domainList: z.unknown().transform((input, ctx) => {
    const parsed = parseDomainList(input);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: 'custom', message: parsed.error });
    return z.NEVER;
  }) as unknown as z.ZodType<OptionValue>,
  section: fromParsed((v) => (v === '' ? { ok: true, value: true } : parseBoolean(v))),
  boolean: fromParsed(parseBoolean),
  string: scalar.transform((v) => String(v)),
  duration: fromParsed((v) =>
    typeof v === 'boolean' ? { ok: false, error: `invalid duration ${JSON.stringify(v)}` } : parseDuration(v)),
  integer: fromParsed((v) => {
    const n = typeof v === 'number' ? v : Number(String(v).trim());
    return typeof v !== 'boolean' && String(v).trim() !== '' && Number.isInteger(n)
      ? { ok: true, value: n }
      : { ok: false, error: `invalid integer ${JSON.stringify(v)}` };
  }),
  address: fromParsed((v) => parseAddress(String(v))),
  stringList: listInput.transform(splitList),
  numberList: listInput.transform((input, ctx) => {
    const items = splitList(input);
    const numbers = items.map(Number);
    const bad = items.find((_, i) => !Number.isFinite(numbers[i]));
    if (bad === undefined) return numbers;
    ctx.addIssue({ code: 'custom', message: `invalid number ${JSON.stringify(bad)} in list` });
    return z.NEVER;
  }),
};

function enumSchema(values: readonly string[]): z.ZodType<OptionValue> {
  return scalar.transform((input, ctx) => {
    const text = String(input).trim().toLowerCase();
    const found = values.find((v) => v.toLowerCase() === text);
    if (found !== undefined) return found;
    ctx.addIssue({ code: 'custom', message: `invalid value ${JSON.stringify(input)} (expected one of ${values.join(', ')})` });
    return z.NEVER;
  });
}

/** Parses a raw value for an option; the error names no option (the caller adds it). */
export function coerceOptionValue(spec: OptionSpec, raw: unknown): Parsed<OptionValue> {
  const schema = spec.kind === 'enum' ? enumSchema(spec.values ?? []) : SCHEMAS[spec.kind];
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, error: result.error.issues[0]?.message ?? 'invalid value' };
}

/** The typed default of an option, or `undefined` when it has none. Throws on a broken table. */
export function defaultOptionValue(spec: OptionSpec): OptionValue | undefined {
  if (spec.default === undefined) return undefined;
  const parsed = coerceOptionValue(spec, spec.default);
  if (!parsed.ok) throw new Error(`option table: bad default for ${spec.key}: ${parsed.error}`);
  return parsed.value;
}
