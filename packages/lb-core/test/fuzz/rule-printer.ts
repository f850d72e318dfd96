/**
 * Fuzz-only printer of parsed rules back to v2/v3 text, for the parse → print → parse property:
 * the fewest parentheses that keep the AST's shape (`&&` and `||` associate to the left), every
 * argument in backticks, or in double quotes with Go escapes when it holds a backtick or a
 * carriage return (which raw strings drop). v1 rules print in v2 syntax, whose matchers they use.
 */
import type { RuleNode } from '../../src/rules/ast';

/** Thrown for an argument no Go string literal can hold (a lone UTF-16 surrogate). */
export class Unprintable extends Error {}

function quote(arg: string): string {
  if (/[\ud800-\udfff]/u.test(arg.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))) throw new Unprintable(arg);
  if (!arg.includes('`') && !arg.includes('\r')) return `\`${arg}\``;
  let out = '"';
  for (const ch of arg) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function operand(node: RuleNode, parenthesise: boolean): string {
  const text = print(node);
  return parenthesise ? `(${text})` : text;
}

/** Prints an AST as v2/v3 rule text that parses back to the same AST (positions aside). */
export function print(node: RuleNode): string {
  switch (node.kind) {
    case 'matcher':
      return `${node.name}(${node.args.map(quote).join(', ')})`;
    case 'not':
      return `!${operand(node.expr, node.expr.kind === 'and' || node.expr.kind === 'or')}`;
    case 'and':
      return `${operand(node.left, node.left.kind === 'or')} && ${operand(node.right, node.right.kind === 'and' || node.right.kind === 'or')}`;
    case 'or':
      return `${operand(node.left, false)} || ${operand(node.right, node.right.kind === 'or')}`;
  }
}
