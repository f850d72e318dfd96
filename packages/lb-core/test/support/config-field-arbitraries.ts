/**
 * Building blocks of the configuration generators (config-arbitraries.ts): values that are usually
 * valid and sometimes junk, keys in random spellings or typo'd, objects of optional fields, element
 * names and references, durations, integers and booleans.
 */
import fc from 'fast-check';

export const junk = fc.jsonValue({ maxDepth: 2 });
/** Usually `good`, sometimes arbitrary JSON. */
export const mostly = (good: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 40, arbitrary: good }, { weight: 1, arbitrary: junk });
/** Usually one of `valid`, sometimes one of `invalid`. */
export const pick = (valid: readonly unknown[], invalid: readonly unknown[]): fc.Arbitrary<unknown> =>
  mostly(
    fc.oneof(
      { weight: 20, arbitrary: fc.constantFrom(...valid) },
      { weight: 1, arbitrary: fc.constantFrom(...invalid) },
    ),
  );

export type Field = fc.Arbitrary<readonly [string, unknown] | null>;
/** A key in a random spelling (`loadBalancer`, `loadbalancer`, `LoadBalancer`), present with weight `present` to 1. */
export const field = (key: string, value: fc.Arbitrary<unknown>, present = 1): Field =>
  fc.oneof(
    {
      weight: present,
      arbitrary: fc.tuple(
        fc.constantFrom(key, key.toLowerCase(), `${key.charAt(0).toUpperCase()}${key.slice(1)}`),
        value,
      ),
    },
    { weight: 1, arbitrary: fc.constant(null) },
  );
/** A typo'd key, rarely present. */
export const typo = (key: string): Field =>
  fc.oneof({ weight: 40, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.tuple(fc.constant(key), junk) });
export const object = (...fields: Field[]): fc.Arbitrary<Record<string, unknown>> =>
  fc.tuple(...fields).map((entries) => Object.fromEntries(entries.filter((entry) => entry !== null)));
export const map = (value: fc.Arbitrary<unknown>) => mostly(fc.dictionary(elementName, value, { maxKeys: 4 }));

/**
 * Element names (dictionary keys): junk becomes its JSON text. Not `String(junk)`: fast-check's
 * JSON values include objects such as `{"toString":0,"valueOf":0}`, which no string conversion takes.
 */
export const elementName = pick(['a', 'b', 'web', 'c1', 'c2', '__proto__', 'constructor'], ['', 'x@y']).map((v) =>
  typeof v === 'string' ? v : JSON.stringify(v),
);
/** References: local names, qualified with the snapshot's provider or another one. */
export const name = pick(
  ['a', 'b', 'web', 'c1', 'c2', 'constructor', 'a@docker', 'web@file', 'api@internal'],
  ['', 'gone'],
);
export const names = mostly(fc.oneof(fc.array(name, { maxLength: 3 }), fc.constantFrom('a,b', 'web', 'c1,web@file')));
export const duration = pick(['10s', '100ms', '1m30s', '5', 7, '250ms'], ['0', '-1s', 'soon', '']);
export const int = pick([1, 2, 3, 10, '2', 443], [0, -1, 'x', 1.5, 70_000]);
export const bool = pick([true, false, 'true', 'False'], ['yes']);
