/**
 * Test-only helpers shared by the rule tests (not exported from the package): request facts
 * with defaults, AST constructors, position stripping for AST comparisons, and the checks of a
 * coded rule error that the v1 and v2/v3 parser tables share.
 */
import { expect } from 'vitest';
import type { RequestFacts, RuleNode } from '../../src/rules/ast';

/** Request facts with sensible defaults. */
export function facts(partial: Partial<RequestFacts> = {}): RequestFacts {
  return { method: 'GET', host: 'example.com', path: '/', query: '', headers: {}, clientIp: '127.0.0.1', ...partial };
}

/** A matcher node (position 0 unless given). */
export function m(name: string, args: readonly string[], pos = 0): RuleNode {
  return { kind: 'matcher', name, args, pos };
}

/** `and` / `or` / `not` node builders. */
export const and = (left: RuleNode, right: RuleNode): RuleNode => ({ kind: 'and', left, right });
export const or = (left: RuleNode, right: RuleNode): RuleNode => ({ kind: 'or', left, right });
export const not = (expr: RuleNode, pos = 0): RuleNode => ({ kind: 'not', expr, pos });

/** The AST with every `pos` set to 0, for comparing shapes. */
export function shape(node: RuleNode): RuleNode {
  switch (node.kind) {
    case 'matcher':
      return { ...node, pos: 0 };
    case 'not':
      return { kind: 'not', expr: shape(node.expr), pos: 0 };
    default:
      return { kind: node.kind, left: shape(node.left), right: shape(node.right) };
  }
}

/** Runs `fn` and returns the thrown error's code and details (fails when nothing is thrown). */
export function thrown(fn: () => unknown): { code: string; position: unknown; expected: unknown; message: string } {
  try {
    fn();
  } catch (error) {
    const e = error as { code: string; details: { position?: unknown; expected?: unknown }; message: string };
    return { code: e.code, position: e.details.position, expected: e.details.expected, message: e.message };
  }
  throw new Error('expected an error');
}

/** A rule error as the parser tables expect it: code, position, and what was expected there. */
export interface ExpectedRuleError {
  readonly code: string;
  readonly position: number;
  readonly expected: string | RegExp;
}

/** Asserts that `fn` throws the coded error `want`, its message starting `CODE at POSITION: `. */
export function expectRuleError(fn: () => unknown, want: ExpectedRuleError): void {
  const error = thrown(fn);
  expect(error.code).toBe(want.code);
  expect(error.position).toBe(want.position);
  if (typeof want.expected === 'string') expect(error.expected).toBe(want.expected);
  else expect(error.expected).toMatch(want.expected);
  expect(error.message.startsWith(`${want.code} at ${want.position}: `)).toBe(true);
}
