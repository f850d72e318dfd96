/**
 * parseRule on v3 rules: the AST of valid rules, coded errors as LbErrors with their message format,
 * the caps on rule length and nesting, long chains, and which syntax a rule is detected as. Each
 * rejected rule and its coded error: parse.errors.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { isLbError } from '../errors';
import type { RuleNode } from './ast';
import { detectSyntax, MAX_RULE_DEPTH, MAX_RULE_LENGTH, parseRule } from './parse';
import { and, m, not, or, thrown } from '../../test/support/rule-helpers';

describe('parseRule (v3)', () => {
  it.each<{ desc: string; rule: string; ast: RuleNode }>([
    { desc: 'one matcher', rule: 'Host(`a.com`)', ast: m('Host', ['a.com'], 0) },
    { desc: 'double-quoted string', rule: 'Path("/x")', ast: m('Path', ['/x'], 0) },
    { desc: 'Go escapes in double quotes', rule: 'Path("/a\\"b\\x41\\u00e9\\101")', ast: m('Path', ['/a"bAéA'], 0) },
    { desc: 'raw string keeps backslashes', rule: 'PathRegexp(`^/\\d+$`)', ast: m('PathRegexp', ['^/\\d+$'], 0) },
    {
      desc: '&& binds tighter than ||',
      rule: 'Host(`a`) || Host(`b`) && Path(`/p`)',
      ast: or(m('Host', ['a'], 0), and(m('Host', ['b'], 13), m('Path', ['/p'], 26))),
    },
    {
      desc: 'parentheses group',
      rule: '(Host(`a`) || Host(`b`)) && Path(`/p`)',
      ast: and(or(m('Host', ['a'], 1), m('Host', ['b'], 14)), m('Path', ['/p'], 28)),
    },
    {
      desc: '! binds tighter than &&',
      rule: '!Host(`a`) && Path(`/p`)',
      ast: and(not(m('Host', ['a'], 1), 0), m('Path', ['/p'], 14)),
    },
    {
      desc: '! over a group',
      rule: '!(Host(`a`) || Host(`b`))',
      ast: not(or(m('Host', ['a'], 2), m('Host', ['b'], 15)), 0),
    },
    { desc: 'double negation', rule: '!!Method(`GET`)', ast: not(not(m('Method', ['GET'], 2), 1), 0) },
    {
      desc: '&& is left-associative',
      rule: 'Host(`a`)&&Path(`/b`)&&Method(`GET`)',
      ast: and(and(m('Host', ['a'], 0), m('Path', ['/b'], 11)), m('Method', ['GET'], 23)),
    },
    {
      desc: 'white space and newlines',
      rule: ' Host( `a` )\n&&\tPath(`/`) ',
      ast: and(m('Host', ['a'], 1), m('Path', ['/'], 16)),
    },
    { desc: 'lower-case name', rule: 'host(`a`)', ast: m('Host', ['a'], 0) },
    { desc: 'upper-case name', rule: 'PATHPREFIX(`/a`)', ast: m('PathPrefix', ['/a'], 0) },
    { desc: 'title-case name', rule: 'Pathprefix(`/a`)', ast: m('PathPrefix', ['/a'], 0) },
    { desc: 'Header takes two', rule: 'Header(`X-A`, `1`)', ast: m('Header', ['X-A', '1'], 0) },
    { desc: 'Query with one', rule: 'Query(`k`)', ast: m('Query', ['k'], 0) },
    { desc: 'Query with two', rule: 'Query(`k`, `v`)', ast: m('Query', ['k', 'v'], 0) },
    { desc: 'QueryRegexp with one', rule: 'QueryRegexp(`k`)', ast: m('QueryRegexp', ['k'], 0) },
    { desc: 'ClientIP CIDR v6', rule: 'ClientIP(`fe80::/10`)', ast: m('ClientIP', ['fe80::/10'], 0) },
    { desc: 'trailing comma (Go call syntax)', rule: 'Header(`a`, `b`,)', ast: m('Header', ['a', 'b'], 0) },
    { desc: 'raw string drops carriage returns', rule: 'Path(`/a\r\nb`)', ast: m('Path', ['/a\nb'], 0) },
  ])('$desc', ({ rule, ast }) => {
    expect(parseRule(rule)).toEqual({ syntax: 'v3', ast, modifiers: [] });
  });

  it('formats messages as CODE at POSITION: expected …', () => {
    expect(thrown(() => parseRule('Host(`a`) && (PathPrefix(`/x`)')).message).toBe(
      "LB_RULE_SYNTAX at 30: expected ')', found end of rule",
    );
  });

  it('throws LbError instances', () => {
    try {
      parseRule('Host(');
    } catch (error) {
      expect(isLbError(error)).toBe(true);
      return;
    }
    throw new Error('expected an error');
  });

  it('caps the rule length', () => {
    const error = thrown(() => parseRule(`Path(\`/${'a'.repeat(MAX_RULE_LENGTH)}\`)`));
    expect(error).toMatchObject({ code: 'LB_RULE_TOO_LONG', position: MAX_RULE_LENGTH });
  });

  it.each([
    { desc: 'parentheses', rule: `${'('.repeat(MAX_RULE_DEPTH + 1)}Host(\`a\`)${')'.repeat(MAX_RULE_DEPTH + 1)}` },
    { desc: 'negations', rule: `${'!'.repeat(MAX_RULE_DEPTH + 1)}Host(\`a\`)` },
  ])('caps nesting of $desc', ({ rule }) => {
    expect(thrown(() => parseRule(rule))).toMatchObject({ code: 'LB_RULE_TOO_LONG', position: MAX_RULE_DEPTH });
  });

  it('accepts nesting up to the cap', () => {
    const rule = `${'('.repeat(MAX_RULE_DEPTH)}Host(\`a\`)${')'.repeat(MAX_RULE_DEPTH)}`;
    expect(parseRule(rule).ast).toEqual(m('Host', ['a'], MAX_RULE_DEPTH));
  });

  it('parses long && chains without recursion limits', () => {
    const rule = Array.from({ length: 3000 }, (_, i) => `Path(\`/${i}\`)`).join(' || ');
    expect(parseRule(rule).syntax).toBe('v3');
  });
});

describe('detectSyntax', () => {
  it.each([
    { rule: 'Host:a.com', syntax: 'v1' },
    { rule: '  Host : a.com', syntax: 'v1' },
    { rule: 'PathPrefixStrip:/api;Host:a', syntax: 'v1' },
    { rule: 'Host(`a.com`)', syntax: 'v3' },
    { rule: '!Host(`a:b`)', syntax: 'v3' },
    { rule: 'Host(`a`) && Path(`/x:y`)', syntax: 'v3' },
    { rule: '', syntax: 'v3' },
  ])('$rule is $syntax', ({ rule, syntax }) => {
    expect(detectSyntax(rule)).toBe(syntax);
  });

  it('v2 is used only when asked', () => {
    expect(parseRule('Host(`a`, `b`)', { syntax: 'v2' }).syntax).toBe('v2');
    expect(thrown(() => parseRule('Host(`a`, `b`)')).code).toBe('LB_RULE_ARITY');
  });
});
