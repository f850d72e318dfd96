/**
 * Validation properties: on arbitrary JSON and configuration-shaped junk, validation never throws,
 * its output is well formed and re-validates unchanged, structural errors refuse the whole snapshot,
 * no element is dropped without an error naming it, and pruning merged references checks clean.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LB_ERROR_CODES } from '../errors';
import { configEquals } from './equals';
import { isRecord } from './field-reader';
import { checkStructure, isStructuralError } from './structure';
import { mergeConfigs } from './merge';
import type { ConfigValidationResult } from './types';
import { checkReferences, pruneBrokenReferences, validateDynamicConfig } from './validate';
import { configShaped } from '../../test/support/config-arbitraries';

/** The invariants every validation result keeps, whatever the input. */
function expectWellFormed({ config, errors }: ConfigValidationResult): void {
  for (const error of errors) {
    expect(typeof error.path).toBe('string');
    expect(Object.keys(LB_ERROR_CODES)).toContain(error.code);
    if (error.element === undefined) continue;
    const section = config.http[`${error.element.kind}s`] ?? {};
    expect(Object.hasOwn(section, error.element.name)).toBe(false);
  }
}

/** Validating a validated configuration reports nothing and changes nothing. */
function expectIdempotent(result: ConfigValidationResult, provider?: string): void {
  const again = validateDynamicConfig(JSON.parse(JSON.stringify(result.config)), { provider });
  expect(again.errors).toEqual([]);
  expect(configEquals(again.config, result.config)).toBe(true);
}

describe('validateDynamicConfig: properties', () => {
  it('never throws on arbitrary JSON, and its output re-validates unchanged', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (input) => {
        const result = validateDynamicConfig(input);
        expectWellFormed(result);
        expectIdempotent(result);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on configuration-shaped junk; output is well formed and idempotent', () => {
    fc.assert(
      fc.property(configShaped, fc.constantFrom(undefined, 'docker', 'file'), (input, provider) => {
        const result = validateDynamicConfig(input, { provider });
        expectWellFormed(result);
        expectIdempotent(result, provider);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses the whole snapshot on a structural error, and otherwise drops no element without an error naming it', () => {
    const field = (object: Record<string, unknown>, key: string): unknown =>
      object[Object.keys(object).find((k) => k.toLowerCase() === key) ?? ''];
    fc.assert(
      fc.property(configShaped, (input) => {
        const { config, errors } = validateDynamicConfig(input);
        if (checkStructure(input).length > 0) {
          expect(errors.every(isStructuralError)).toBe(true);
          expect(config).toStrictEqual({ http: { routers: {}, services: {}, middlewares: {} } });
          return;
        }
        expect(errors.some(isStructuralError)).toBe(false);
        const http = isRecord(input) ? field(input, 'http') : undefined;
        for (const kind of ['router', 'service', 'middleware'] as const) {
          const given = isRecord(http) ? field(http, `${kind}s`) : undefined;
          for (const name of Object.keys(isRecord(given) ? given : {})) {
            const kept = Object.hasOwn(config.http[`${kind}s`] ?? {}, name);
            const named = errors.some((e) => e.element?.kind === kind && e.element.name === name);
            expect(kept || named, `${kind} ${name}`).toBe(true);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('after merging, pruning broken cross-provider references leaves a configuration that checks clean', () => {
    fc.assert(
      fc.property(configShaped, configShaped, (docker, file) => {
        const merged = mergeConfigs({
          docker: validateDynamicConfig(docker, { provider: 'docker' }).config,
          file: validateDynamicConfig(file, { provider: 'file' }).config,
        });
        const pruned = pruneBrokenReferences(merged);
        expect(checkReferences(pruned.config)).toEqual([]);
        expect(pruned.errors).toEqual(checkReferences(merged));
      }),
      { numRuns: 200 },
    );
  });
});
