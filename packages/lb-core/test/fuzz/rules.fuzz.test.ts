/**
 * Fuzzing of the rule parser, compiler and route table (issue #11: no input can crash or stall
 * Junction). Generated rules in every syntax — grammar-aware, mutated, raw, deeply nested and near
 * the length limit — must parse or be refused with a coded `LbError` whose position points inside
 * the rule; accepted rules must compile, match any request without throwing, print back to text
 * that parses to the same AST and matches the same requests, and route the same way through the
 * indexed route table as through a linear scan. Prints inputs run and refusals by code.
 * Run bigger with `JUNCTION_FUZZ_SCALE=10`, replay with `JUNCTION_FUZZ_SEED=<seed>`.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { isLbError, type LbError } from '../../src/errors';
import type { RequestFacts } from '../../src/rules/ast';
import { compileRule } from '../../src/rules/compile';
import { applyPathModifiers } from '../../src/rules/path-modifiers';
import { parseRule, type ParsedRule } from '../../src/rules/parse';
import { compileRoutes } from '../../src/routing/route-table';
import { shape } from '../support/rule-helpers';
import { factsFromArguments, fuzzParams, requestFacts, ruleArguments, Tally } from './fuzz-support';
import { deepCase, hugeCase, ruleCase, validishCase, type RuleCase } from './rule-arbitraries';
import { print, Unprintable } from './rule-printer';

const RULE_CODES = [
  'LB_RULE_SYNTAX',
  'LB_RULE_UNKNOWN_MATCHER',
  'LB_RULE_ARITY',
  'LB_RULE_ARGUMENT',
  'LB_RULE_TOO_LONG',
];
const tally = new Tally('lb-core rule fuzz');
afterAll(() => console.log(tally.report()));

/** A cheap assertion for the hot path (vitest's `expect` costs more than a parse). */
function check(ok: boolean, message: string): asserts ok {
  if (!ok) throw new Error(message);
}

/** Asserts that a refusal is a coded rule error pointing inside the rule. */
function expectCodedRefusal(error: unknown, rule: string): LbError {
  if (!isLbError(error)) throw error;
  const { code, message } = error;
  check(RULE_CODES.includes(code), `unexpected code ${code}: ${message}`);
  const { position: pos, expected, found, offset } = error.details;
  check(typeof pos === 'number' && Number.isInteger(pos) && pos >= 0, `no position: ${message}`);
  // The end of the rule is a place only for "found end of rule" (and an empty rule).
  const end = code === 'LB_RULE_SYNTAX' || rule.length === 0 ? rule.length : rule.length - 1;
  check(pos <= end, `position ${pos} outside the rule (${rule.length} characters): ${message}`);
  check(typeof expected === 'string' && expected !== '', `no expected: ${message}`);
  check(message.startsWith(`${code} at ${pos}: `), `message does not start with code and position: ${message}`);
  if (code === 'LB_RULE_UNKNOWN_MATCHER' && typeof found === 'string')
    check(rule.startsWith(found, pos), `position does not point at ${found}: ${message}`);
  check(offset === undefined || (Number.isInteger(offset) && (offset as number) >= 0), `bad offset: ${message}`);
  return error;
}

/** Parses one case: the rule, or `undefined` after checking the refusal. Counts the outcome. */
function parseOrRefuse(c: RuleCase): ParsedRule | undefined {
  try {
    const parsed = parseRule(c.rule, { syntax: c.syntax });
    tally.count(`accepted ${parsed.syntax}`);
    return parsed;
  } catch (error) {
    tally.count(expectCodedRefusal(error, c.rule).code);
    return undefined;
  }
}

/** Matching results of a compiled rule over requests (booleans only; never throws). */
function matchAll(parsed: ParsedRule, requests: readonly RequestFacts[]): boolean[] {
  const matches = compileRule(parsed);
  return requests.map((r) => {
    const result = matches(r);
    check(typeof result === 'boolean', `matcher returned ${String(result)}`);
    return result;
  });
}

/** Parse → print → parse gives the same AST, the same printed text and the same matches. */
function expectStableReprint(parsed: ParsedRule, requests: readonly RequestFacts[], results: readonly boolean[]): void {
  // A v1 rule has no v2 text of the same meaning: 1.7's Host and HostRegexp read the host differently.
  if (parsed.syntax === 'v1') return;
  let printed: string;
  try {
    printed = print(parsed.ast);
  } catch (error) {
    if (error instanceof Unprintable) return;
    throw error;
  }
  const again = parseRule(printed, { syntax: parsed.syntax });
  const [before, after] = [parsed, again].map((p) => JSON.stringify(shape(p.ast)));
  check(after === before, `reprinted rule ${printed} parses to ${after}, not ${before}`);
  check(print(again.ast) === printed, `printing is not stable: ${printed} then ${print(again.ast)}`);
  check(
    JSON.stringify(matchAll(again, requests)) === JSON.stringify(results),
    `reprinted rule ${printed} matches differently`,
  );
}

describe('rule parser fuzzing: no crash, no hang, coded refusals with positions', () => {
  it('generated rules (grammar-aware, v1, mutated, raw) parse, compile, match and reprint, or are refused with a position', () => {
    fc.assert(
      fc.property(ruleCase, requestFacts, requestFacts, fc.nat(), (c, random, base, pick) =>
        tally.timed(c, () => {
          const parsed = parseOrRefuse(c);
          if (parsed === undefined) return;
          const requests = [random, factsFromArguments(ruleArguments(parsed.ast), pick, base)];
          const results = matchAll(parsed, requests);
          for (const r of requests)
            check(typeof applyPathModifiers(r.path, parsed.modifiers).path === 'string', 'rewrite gave no path');
          expectStableReprint(parsed, requests, results);
        }),
      ),
      fuzzParams(75_000),
    );
    expect(tally.slow).toEqual([]);
  }, 120_000);

  it('nesting around the depth cap is parsed or refused with LB_RULE_TOO_LONG, never overflows the stack', () => {
    fc.assert(
      fc.property(deepCase, requestFacts, (c, request) =>
        tally.timed(c, () => {
          const parsed = parseOrRefuse(c);
          if (parsed !== undefined) matchAll(parsed, [request]);
        }),
      ),
      fuzzParams(3_000),
    );
    expect(tally.slow).toEqual([]);
  }, 120_000);

  it('rules near and past the 64 KiB limit are parsed or refused in bounded time', () => {
    fc.assert(
      fc.property(hugeCase, requestFacts, (c, request) =>
        tally.timed({ ...c, rule: `${c.rule.slice(0, 300)}… (${c.rule.length} characters)` }, () => {
          const parsed = parseOrRefuse(c);
          if (parsed !== undefined) matchAll(parsed, [request]);
        }),
      ),
      fuzzParams(150),
    );
    expect(tally.slow).toEqual([]);
  }, 120_000);

  it('route tables of generated rules report bad rules with codes and route as a linear scan would', () => {
    const priority = fc.option(
      fc.oneof(
        { weight: 20, arbitrary: fc.integer({ min: -5, max: 50 }) },
        { weight: 1, arbitrary: fc.constantFrom(0.5, Number.NaN, 2 ** 60) },
      ),
    );
    const routes = fc.array(
      fc.tuple(fc.oneof(validishCase, ruleCase), priority, fc.option(fc.subarray(['web', 'websecure']))),
      {
        minLength: 1,
        maxLength: 5,
      },
    );
    fc.assert(
      fc.property(
        routes,
        fc.array(requestFacts, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(undefined, 'web', 'websecure'),
        (inputs, requests, entryPoint) =>
          tally.timed(inputs, () => {
            const { table, errors } = compileRoutes(
              inputs.map(([c, priority, entryPoints], i) => ({
                name: `r${i}`,
                rule: c.rule,
                syntax: c.syntax,
                data: i,
                ...(priority === null ? {} : { priority }),
                ...(entryPoints === null ? {} : { entryPoints }),
              })),
            );
            for (const { name, error } of errors) {
              const input = inputs[Number(name.slice(1))];
              if (error.code === 'LB_CONFIG_INVALID') expect(error.details.path).toBe('priority');
              else expectCodedRefusal(error, input?.[0].rule ?? '');
              tally.count(`route table ${error.code}`);
            }
            expect(errors.length + table.routes.length).toBe(inputs.length);
            for (const route of table.routes) tally.count(`route table accepted ${route.syntax}`);
            for (const request of requests) {
              const linear = table.routes.find(
                (r) =>
                  (entryPoint === undefined ||
                    r.entryPoints === undefined ||
                    r.entryPoints.length === 0 ||
                    r.entryPoints.includes(entryPoint)) &&
                  r.matches(request),
              );
              expect(table.match(request, entryPoint)?.name).toBe(linear?.name);
            }
          }),
      ),
      fuzzParams(8_000),
    );
    expect(tally.slow).toEqual([]);
  }, 120_000);
});
