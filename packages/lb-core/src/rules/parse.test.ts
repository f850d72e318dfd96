import { describe, expect, it } from 'vitest';
import { isLbError } from '../errors';
import type { RuleNode } from './ast';
import { detectSyntax, MAX_RULE_DEPTH, MAX_RULE_LENGTH, parseRule } from './parse';
import { and, expectRuleError, m, not, or, thrown } from '../../test/support/rule-helpers';

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

  it.each<{ desc: string; rule: string; code: string; position: number; expected: string | RegExp }>([
    {
      desc: 'unclosed parenthesis',
      rule: 'Host(`a`) && (PathPrefix(`/x`)',
      code: 'LB_RULE_SYNTAX',
      position: 30,
      expected: "')'",
    },
    {
      desc: 'missing operand',
      rule: 'Host(`a`) &&',
      code: 'LB_RULE_SYNTAX',
      position: 12,
      expected: "a matcher, '!' or '('",
    },
    {
      desc: 'two matchers without operator',
      rule: 'Host(`a`) Path(`/`)',
      code: 'LB_RULE_SYNTAX',
      position: 10,
      expected: "'&&', '||' or end of rule",
    },
    {
      desc: 'single ampersand',
      rule: 'Host(`a`) & Path(`/`)',
      code: 'LB_RULE_SYNTAX',
      position: 10,
      expected: "'&&', '||' or end of rule",
    },
    {
      desc: 'single quotes',
      rule: "Host('a')",
      code: 'LB_RULE_SYNTAX',
      position: 5,
      expected: /a string in backticks or double quotes/,
    },
    { desc: 'name without call', rule: 'Host && Path(`/`)', code: 'LB_RULE_SYNTAX', position: 5, expected: "'('" },
    { desc: 'unterminated raw string', rule: 'Host(`a)', code: 'LB_RULE_SYNTAX', position: 5, expected: '`' },
    { desc: 'unterminated quoted string', rule: 'Host("a)', code: 'LB_RULE_SYNTAX', position: 5, expected: '"' },
    {
      desc: 'bad Go escape',
      rule: 'Host("a\\q")',
      code: 'LB_RULE_SYNTAX',
      position: 7,
      expected: 'a Go string escape',
    },
    { desc: 'missing comma', rule: 'Header(`a` `b`)', code: 'LB_RULE_SYNTAX', position: 11, expected: "',' or ')'" },
    { desc: 'empty rule', rule: '', code: 'LB_RULE_SYNTAX', position: 0, expected: "a matcher, '!' or '('" },
    {
      desc: 'unknown matcher',
      rule: 'Host(`a`) && Foo(`b`)',
      code: 'LB_RULE_UNKNOWN_MATCHER',
      position: 13,
      expected: /PathPrefix/,
    },
    {
      desc: 'camel case is not a Traefik form',
      rule: 'pathPrefix(`/a`)',
      code: 'LB_RULE_UNKNOWN_MATCHER',
      position: 0,
      expected: /PathPrefix/,
    },
    {
      desc: 'v2-only matcher in v3',
      rule: 'Headers(`a`, `b`)',
      code: 'LB_RULE_UNKNOWN_MATCHER',
      position: 0,
      expected: /Header,/,
    },
    {
      desc: 'Host with two values in v3',
      rule: 'Host(`a`, `b`)',
      code: 'LB_RULE_ARITY',
      position: 0,
      expected: '1 argument',
    },
    {
      desc: 'Header with one value',
      rule: 'Path(`/`) || Header(`a`)',
      code: 'LB_RULE_ARITY',
      position: 13,
      expected: '2 arguments',
    },
    {
      desc: 'Query with three values',
      rule: 'Query(`a`, `b`, `c`)',
      code: 'LB_RULE_ARITY',
      position: 0,
      expected: '1 or 2 arguments',
    },
    { desc: 'no arguments', rule: 'Method()', code: 'LB_RULE_ARITY', position: 0, expected: '1 argument' },
    { desc: 'empty argument', rule: 'Host(``)', code: 'LB_RULE_ARGUMENT', position: 5, expected: 'a non-empty value' },
    {
      desc: 'path without slash',
      rule: 'PathPrefix(`api`)',
      code: 'LB_RULE_ARGUMENT',
      position: 11,
      expected: "a path starting with '/'",
    },
    {
      desc: 'bad regexp',
      rule: 'Host(`a`) && PathRegexp(`^/(a`)',
      code: 'LB_RULE_ARGUMENT',
      position: 24,
      expected: 'a valid Go regular expression',
    },
    {
      desc: 'lookahead is not Go syntax',
      rule: 'PathRegexp(`(?=a)`)',
      code: 'LB_RULE_ARGUMENT',
      position: 11,
      expected: 'a valid Go regular expression',
    },
    {
      desc: 'bad regexp in second argument',
      rule: 'HeaderRegexp(`a`, `[`)',
      code: 'LB_RULE_ARGUMENT',
      position: 18,
      expected: 'a valid Go regular expression',
    },
    {
      desc: 'non-ASCII host',
      rule: 'Host(`bücher.de`)',
      code: 'LB_RULE_ARGUMENT',
      position: 5,
      expected: 'an ASCII (punycode) host',
    },
    {
      desc: 'bad CIDR',
      rule: 'ClientIP(`10.0.0.0/33`)',
      code: 'LB_RULE_ARGUMENT',
      position: 9,
      expected: 'an IPv4/IPv6 address or CIDR',
    },
    {
      desc: 'IPv4 with leading zero (Go rejects)',
      rule: 'ClientIP(`010.0.0.1`)',
      code: 'LB_RULE_ARGUMENT',
      position: 9,
      expected: 'an IPv4/IPv6 address or CIDR',
    },
  ])('rejects $desc', ({ rule, ...want }) => {
    expectRuleError(() => parseRule(rule), want);
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
