/**
 * Compiles a parsed rule into one predicate, once per configuration: leaves are the closures built
 * (and cached) while parsing, with regexes compiled and hosts lower-cased; chains of `&&` / `||` are
 * flattened into arrays, so matching a long chain neither recurses deeply nor allocates.
 * Matching never throws and never rewrites the request.
 */
import type { RequestFacts, RuleNode, RuleSyntax } from './ast';
import type { Matcher } from './leaf-common';
import { allOf, anyOf } from './leaf-common';
import { leafMatcher } from './leaves';
import type { ParsedRule } from './parse';

/** A compiled rule: true when the request matches. */
export type RuleMatcher = (facts: RequestFacts) => boolean;

/** Compiles a parsed rule. Throws `LbError` only for an AST that did not come from `parseRule`. */
export function compileRule(parsed: ParsedRule): RuleMatcher {
  return compileNode(parsed.ast, parsed.syntax);
}

function compileNode(node: RuleNode, syntax: RuleSyntax): Matcher {
  switch (node.kind) {
    case 'matcher':
      return leafMatcher(syntax, node);
    case 'not': {
      const inner = compileNode(node.expr, syntax);
      return (facts) => !inner(facts);
    }
    case 'and':
      return allOf(flatten(node, 'and').map((n) => compileNode(n, syntax)));
    case 'or':
      return anyOf(flatten(node, 'or').map((n) => compileNode(n, syntax)));
  }
}

/** The operands of a chain of `kind` nodes, left to right, without recursion. */
export function flatten(node: RuleNode, kind: 'and' | 'or'): RuleNode[] {
  const out: RuleNode[] = [];
  const stack: RuleNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop() as RuleNode;
    if (n.kind === kind) stack.push(n.right, n.left);
    else out.push(n);
  }
  return out;
}
