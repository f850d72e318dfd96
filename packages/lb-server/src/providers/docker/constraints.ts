/**
 * `--providers.docker.constraints`: a boolean expression over container labels that decides
 * which containers the provider considers (traefik `pkg/provider/constraints/constraints_labels.go`).
 * Grammar: ``Label(`name`, `value`)`` (exact match), ``LabelRegex(`name`, `regexp`)`` (Go regexp,
 * unanchored, as `regexp.MatchString`), `!`, `&&`, `||` (`&&` binds tighter) and parentheses;
 * strings in backticks or double quotes. An empty expression matches everything.
 */
import { compileGoRegExp } from '@junction/lb-core';

/** A compiled constraint: true when the container's labels satisfy it. */
export type LabelConstraint = (labels: Readonly<Record<string, string>>) => boolean;

/** Thrown by {@link parseConstraints} with the 0-based offset of the problem. */
export class ConstraintsError extends Error {
  readonly code = 'LB_DOCKER_CONSTRAINTS';
  readonly position: number;

  constructor(message: string, position: number) {
    super(`at ${position}: ${message}`);
    this.position = position;
  }
}

interface Token {
  readonly kind: 'ident' | 'string' | '(' | ')' | ',' | '&&' | '||' | '!' | 'eof';
  readonly value: string;
  readonly pos: number;
}

const LEXEME = /\s*(?:([A-Za-z_]\w*)|`([^`]*)`|"((?:[^"\\]|\\.)*)"|(&&|\|\||[!(),]))/y;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (source.slice(at).trim() !== '') {
    LEXEME.lastIndex = at;
    const m = LEXEME.exec(source);
    if (m === null)
      throw new ConstraintsError(
        `unexpected '${source.slice(at).trim().slice(0, 10)}'`,
        at + (source.slice(at).length - source.slice(at).trimStart().length),
      );
    const pos = LEXEME.lastIndex - m[0].trimStart().length;
    if (m[1] !== undefined) tokens.push({ kind: 'ident', value: m[1], pos });
    else if (m[2] !== undefined) tokens.push({ kind: 'string', value: m[2], pos });
    else if (m[3] !== undefined) tokens.push({ kind: 'string', value: JSON.parse(`"${m[3]}"`) as string, pos });
    else tokens.push({ kind: m[4] as Token['kind'], value: m[4] ?? '', pos });
    at = LEXEME.lastIndex;
  }
  tokens.push({ kind: 'eof', value: '', pos: source.length });
  return tokens;
}

/** Parses a constraints expression; throws {@link ConstraintsError}. */
export function parseConstraints(source: string | undefined): LabelConstraint {
  if (source === undefined || source.trim() === '') return () => true;
  const tokens = tokenize(source);
  let i = 0;
  const peek = (): Token => tokens[i] ?? { kind: 'eof', value: '', pos: source.length };
  const expect = (kind: Token['kind'], what: string): Token => {
    const t = peek();
    if (t.kind !== kind)
      throw new ConstraintsError(
        `expected ${what}, found ${t.kind === 'eof' ? 'end of expression' : `'${t.value}'`}`,
        t.pos,
      );
    i += 1;
    return t;
  };
  const or = (): LabelConstraint => {
    let left = and();
    while (peek().kind === '||') {
      i += 1;
      const a = left;
      const b = and();
      left = (labels) => a(labels) || b(labels);
    }
    return left;
  };
  const and = (): LabelConstraint => {
    let left = unary();
    while (peek().kind === '&&') {
      i += 1;
      const a = left;
      const b = unary();
      left = (labels) => a(labels) && b(labels);
    }
    return left;
  };
  const unary = (): LabelConstraint => {
    const t = peek();
    if (t.kind === '!') {
      i += 1;
      const inner = unary();
      return (labels) => !inner(labels);
    }
    if (t.kind === '(') {
      i += 1;
      const inner = or();
      expect(')', "')'");
      return inner;
    }
    return call();
  };
  const call = (): LabelConstraint => {
    const fn = expect('ident', 'Label(…) or LabelRegex(…)');
    if (fn.value !== 'Label' && fn.value !== 'LabelRegex')
      throw new ConstraintsError(`unknown function '${fn.value}' (known: Label, LabelRegex)`, fn.pos);
    expect('(', "'('");
    const name = expect('string', 'a label name in backticks').value;
    expect(',', "','");
    const value = expect('string', 'a value in backticks');
    expect(')', "')'");
    // Go: a missing label reads as the empty string.
    if (fn.value === 'Label') return (labels) => (labels[name] ?? '') === value.value;
    let re: ReturnType<typeof compileGoRegExp>;
    try {
      re = compileGoRegExp(value.value);
    } catch (error) {
      throw new ConstraintsError(
        `invalid regexp: ${error instanceof Error ? error.message : String(error)}`,
        value.pos,
      );
    }
    return (labels) => re.test(labels[name] ?? '');
  };
  const result = or();
  expect('eof', 'end of expression');
  return result;
}
