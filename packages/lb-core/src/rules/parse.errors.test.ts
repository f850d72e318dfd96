/**
 * parseRule on v3 rules it rejects: syntax errors, unknown matchers, arities and bad arguments, each
 * a coded error at the position where the rule goes wrong, saying what was expected there.
 */
import { describe, it } from 'vitest';
import { parseRule } from './parse';
import { expectRuleError } from '../../test/support/rule-helpers';

describe('parseRule (v3)', () => {
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
});
