/**
 * The rule parser's entry point: one function for the three Traefik dialects.
 * - `v3` (default for new rules): ``Host(`a`) && (PathPrefix(`/x`) || Method(`POST`))``;
 * - `v1` (Traefik 1.x labels): `Host:a,b;PathPrefixStrip:/api/`;
 * - `v2` only when asked (`syntax: 'v2'`), as Traefik requires `ruleSyntax: v2`.
 * With `'auto'` (the default) a rule whose first word (after any `;`) is followed by `:` is v1,
 * anything else v3.
 */
import { createError } from '../errors';
import type { PathModifier, RuleNode, RuleSyntax } from './ast';
import { parseExpression } from './parse-expr';
import { parseV1 } from './parse-v1';

export { MAX_RULE_DEPTH } from './parse-expr';

/** Longest rule accepted, in UTF-16 code units (64 KiB). */
export const MAX_RULE_LENGTH = 65_536;

/** A parsed rule: its dialect, the matcher AST and the path modifiers (v1 only) to apply after matching. */
export interface ParsedRule {
  readonly syntax: RuleSyntax;
  readonly ast: RuleNode;
  readonly modifiers: readonly PathModifier[];
}

/** Options of {@link parseRule}. */
export interface ParseRuleOptions {
  /** Dialect of the rule; `'auto'` (default) tells v1 from v3. */
  readonly syntax?: RuleSyntax | 'auto';
}

/** Tells a v1 rule (`Name:` first) from a v3 rule. */
export function detectSyntax(rule: string): 'v1' | 'v3' {
  return /^[\s;]*[A-Za-z_][A-Za-z0-9_]*\s*:/.test(rule) ? 'v1' : 'v3';
}

/**
 * Parses a Traefik rule. Throws only `LbError`: `LB_RULE_SYNTAX`, `LB_RULE_UNKNOWN_MATCHER`,
 * `LB_RULE_ARITY`, `LB_RULE_ARGUMENT` or `LB_RULE_TOO_LONG`, with `details.position` (0-based
 * offset) and `details.expected`.
 */
export function parseRule(rule: string, options: ParseRuleOptions = {}): ParsedRule {
  if (typeof rule !== 'string')
    throw createError('LB_RULE_SYNTAX', 'expected a rule string', { position: 0, expected: 'a rule string' });
  if (rule.length > MAX_RULE_LENGTH) {
    throw createError('LB_RULE_TOO_LONG', `rule is ${rule.length} characters long, the limit is ${MAX_RULE_LENGTH}`, {
      position: MAX_RULE_LENGTH,
      expected: `at most ${MAX_RULE_LENGTH} characters`,
    });
  }
  const requested = options.syntax ?? 'auto';
  const syntax = requested === 'auto' ? detectSyntax(rule) : requested;
  if (syntax === 'v1') return { syntax, ...parseV1(rule) };
  return { syntax, ast: parseExpression(rule, syntax), modifiers: [] };
}
