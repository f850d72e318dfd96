/**
 * Builds the matcher of one AST leaf for a dialect (v3, v2, or v1: the v2 table with 1.7's hosts).
 * Parsing builds every leaf once to validate its arguments (so bad regexes, CIDRs or templates
 * fail at parse time, with positions); the result is remembered per AST node, so compiling the
 * parsed rule afterwards reuses it instead of compiling the regexes again.
 */
import { createError } from '../errors';
import type { RuleNode, RuleSyntax } from './ast';
import type { Matcher, PositionOf } from './leaf-common';
import { V1_BUILDERS } from './leaf-v1';
import { V2_BUILDERS } from './leaf-v2';
import { V3_BUILDERS } from './leaf-v3';

/** A matcher leaf of the AST. */
export type MatcherNode = Extract<RuleNode, { kind: 'matcher' }>;

const built = new WeakMap<MatcherNode, { readonly syntax: RuleSyntax; readonly matcher: Matcher }>();

/**
 * The matcher for `node` under `syntax`. `positionOf(i)` locates argument `i` (and `-1` the matcher)
 * for error details; it defaults to the node's position. Throws `LbError` for invalid arguments.
 */
export function leafMatcher(syntax: RuleSyntax, node: MatcherNode, positionOf?: PositionOf): Matcher {
  const cached = built.get(node);
  if (cached !== undefined && cached.syntax === syntax) return cached.matcher;
  const builders = syntax === 'v3' ? V3_BUILDERS : syntax === 'v2' ? V2_BUILDERS : V1_BUILDERS;
  const builder = Object.hasOwn(builders, node.name) ? builders[node.name] : undefined;
  if (builder === undefined) {
    throw createError('LB_RULE_UNKNOWN_MATCHER', `unknown matcher ${node.name} in ${syntax} syntax`, {
      position: node.pos,
      expected: Object.keys(builders).join(', '),
    });
  }
  const matcher = builder(node.args, positionOf ?? (() => node.pos));
  built.set(node, { syntax, matcher });
  return matcher;
}
