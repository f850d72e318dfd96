/**
 * Recursive-descent parser for Traefik v2/v3 rules, with Go's precedence: `!` binds tighter than
 * `&&`, which binds tighter than `||`; `&&` and `||` associate to the left; parentheses group.
 * Every matcher call is checked as Traefik checks it: known name (see `matchers.ts`), at least one
 * argument, no empty argument (`rules.CheckRule`), arity (`expectNParameters`), and valid arguments
 * (regexes, CIDRs, templates: the leaf is built once here and reused by `compileRule`).
 * Nesting of parentheses and negations is capped at {@link MAX_RULE_DEPTH}.
 */
import { createError } from '../errors';
import type { RuleNode } from './ast';
import { arityError } from './leaf-common';
import { leafMatcher } from './leaves';
import type { Token } from './lexer';
import { tokenize } from './lexer';
import { arityOk, describeArity, matcherNames, resolveMatcher } from './matchers';

/** Maximum nesting of parentheses and `!` in a rule. */
export const MAX_RULE_DEPTH = 100;

/** Parses a v2 or v3 rule into an AST. Throws `LbError` with `position` and `expected`. */
export function parseExpression(rule: string, syntax: 'v2' | 'v3'): RuleNode {
  return new ExpressionParser(tokenize(rule), syntax).parse();
}

class ExpressionParser {
  readonly #tokens: readonly Token[];
  readonly #syntax: 'v2' | 'v3';
  #at = 0;
  #depth = 0;

  constructor(tokens: readonly Token[], syntax: 'v2' | 'v3') {
    this.#tokens = tokens;
    this.#syntax = syntax;
  }

  parse(): RuleNode {
    const node = this.#or();
    if (this.#kind() !== 'eof') this.#fail("'&&', '||' or end of rule");
    return node;
  }

  get #peek(): Token {
    return this.#tokens[this.#at] ?? (this.#tokens[this.#tokens.length - 1] as Token);
  }

  /** The kind of the next token (a method, so TypeScript does not narrow it across calls). */
  #kind(): Token['kind'] {
    return this.#peek.kind;
  }

  #next(): Token {
    const token = this.#peek;
    if (token.kind !== 'eof') this.#at++;
    return token;
  }

  #fail(expected: string, token: Token = this.#peek): never {
    const found = token.kind === 'eof' ? 'end of rule' : `'${token.value}'`;
    throw createError('LB_RULE_SYNTAX', `expected ${expected}, found ${found}`, {
      position: token.pos,
      expected,
      found,
    });
  }

  #or(): RuleNode {
    let left = this.#and();
    while (this.#kind() === '||') {
      this.#next();
      left = { kind: 'or', left, right: this.#and() };
    }
    return left;
  }

  #and(): RuleNode {
    let left = this.#unary();
    while (this.#kind() === '&&') {
      this.#next();
      left = { kind: 'and', left, right: this.#unary() };
    }
    return left;
  }

  #enter(token: Token): void {
    if (++this.#depth > MAX_RULE_DEPTH) {
      throw createError('LB_RULE_TOO_LONG', `rule nests deeper than ${MAX_RULE_DEPTH} levels`, {
        position: token.pos,
        expected: `at most ${MAX_RULE_DEPTH} nested parentheses or negations`,
      });
    }
  }

  #unary(): RuleNode {
    const token = this.#peek;
    if (token.kind === '!') {
      this.#next();
      this.#enter(token);
      const expr = this.#unary();
      this.#depth--;
      return { kind: 'not', expr, pos: token.pos };
    }
    if (token.kind === '(') {
      this.#next();
      this.#enter(token);
      const node = this.#or();
      if (this.#kind() !== ')') this.#fail("')'");
      this.#next();
      this.#depth--;
      return node;
    }
    if (token.kind === 'ident') return this.#call();
    return this.#fail("a matcher, '!' or '('");
  }

  #call(): RuleNode {
    const ident = this.#next();
    const spec = resolveMatcher(this.#syntax, ident.value);
    if (spec === undefined) {
      const known = matcherNames(this.#syntax);
      throw createError('LB_RULE_UNKNOWN_MATCHER', `unknown matcher ${ident.value} in ${this.#syntax} syntax`, {
        position: ident.pos,
        expected: known.join(', '),
        found: ident.value,
      });
    }
    if (this.#kind() !== '(') this.#fail("'('");
    this.#next();
    const args: string[] = [];
    const positions: number[] = [];
    while (this.#kind() !== ')') {
      const arg = this.#peek;
      if (arg.kind !== 'string')
        this.#fail(
          args.length === 0
            ? "a string in backticks or double quotes or ')'"
            : 'a string in backticks or double quotes',
        );
      this.#next();
      if (arg.value === '')
        throw createError('LB_RULE_ARGUMENT', `empty argument for ${spec.name}`, {
          position: arg.pos,
          expected: 'a non-empty value',
        });
      args.push(arg.value);
      positions.push(arg.pos);
      if (this.#kind() === ',') this.#next();
      else if (this.#kind() !== ')') this.#fail("',' or ')'");
    }
    this.#next();
    const positionOf = (i: number): number => positions[i] ?? ident.pos;
    if (!arityOk(spec, args.length)) throw arityError(spec.name, describeArity(spec), args.length, positionOf);
    const node: RuleNode = { kind: 'matcher', name: spec.name, args, pos: ident.pos };
    leafMatcher(this.#syntax, node, positionOf);
    return node;
  }
}
