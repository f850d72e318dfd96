/**
 * Shared set-up of the v3 compile tests (src/rules/compile.*.test.ts): the row shape of their
 * tables, and whether a rule (syntax detected) matches a request given as partial facts.
 */
import type { RequestFacts } from '../../src/rules/ast';
import { compileRule } from '../../src/rules/compile';
import { parseRule } from '../../src/rules/parse';
import { facts } from './rule-helpers';

/** One table row: a rule, a request, and whether the rule matches it. */
export interface CompileRow {
  readonly desc: string;
  readonly rule: string;
  readonly request: Partial<RequestFacts>;
  readonly expected: boolean;
}

/** Whether `rule` matches the request `request` (facts with defaults). */
export function matches(rule: string, request: Partial<RequestFacts>): boolean {
  return compileRule(parseRule(rule))(facts(request));
}
