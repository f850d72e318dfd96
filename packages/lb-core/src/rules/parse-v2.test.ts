import { describe, expect, it } from 'vitest';
import type { RuleNode } from './ast';
import { parseRule } from './parse';
import { and, m, thrown } from '../../test/support/rule-helpers';

describe('parseRule (v2)', () => {
  it.each<{ desc: string; rule: string; ast: RuleNode }>([
    { desc: 'several hosts', rule: 'Host(`a`, `b`)', ast: m('Host', ['a', 'b']) },
    { desc: 'HostHeader', rule: 'HostHeader(`a`)', ast: m('HostHeader', ['a']) },
    { desc: 'Headers pair', rule: 'Headers(`X-A`, `1`)', ast: m('Headers', ['X-A', '1']) },
    { desc: 'Headers two pairs', rule: 'Headers(`X-A`, `1`, `X-B`, `2`)', ast: m('Headers', ['X-A', '1', 'X-B', '2']) },
    { desc: 'path template', rule: 'Path(`/products/{id:[0-9]+}`)', ast: m('Path', ['/products/{id:[0-9]+}']) },
    {
      desc: 'host template',
      rule: 'HostRegexp(`{sub:[a-z]+}.example.com`, `example.org`)',
      ast: m('HostRegexp', ['{sub:[a-z]+}.example.com', 'example.org']),
    },
    { desc: 'query pairs', rule: 'Query(`a=1`, `b=2`)', ast: m('Query', ['a=1', 'b=2']) },
    { desc: 'Traefik pairs query pieces across arguments', rule: 'Query(`a`, `b`)', ast: m('Query', ['a', 'b']) },
    {
      desc: 'methods and ClientIPs',
      rule: 'Method(`GET`, `POST`) && ClientIP(`10.0.0.0/8`, `::1`)',
      ast: and(m('Method', ['GET', 'POST']), m('ClientIP', ['10.0.0.0/8', '::1'], 25)),
    },
  ])('$desc', ({ rule, ast }) => {
    expect(parseRule(rule, { syntax: 'v2' })).toEqual({ syntax: 'v2', ast, modifiers: [] });
  });

  it.each([
    { desc: 'v3-only matcher', rule: 'Header(`a`, `b`)', code: 'LB_RULE_UNKNOWN_MATCHER', position: 0 },
    { desc: 'odd Headers', rule: 'Headers(`a`, `b`, `c`)', code: 'LB_RULE_ARITY', position: 0 },
    { desc: 'query without =', rule: 'Query(`a`)', code: 'LB_RULE_ARITY', position: 0 },
    { desc: 'unbalanced template', rule: 'Path(`/{id`)', code: 'LB_RULE_ARGUMENT', position: 5 },
    { desc: 'empty template variable', rule: 'Path(`/{:x}`)', code: 'LB_RULE_ARGUMENT', position: 5 },
    { desc: 'invalid pattern in template', rule: 'PathPrefix(`/{id:(a|b}`)', code: 'LB_RULE_ARGUMENT', position: 11 },
    { desc: 'bad ClientIP among several', rule: 'ClientIP(`::1`, `nope`)', code: 'LB_RULE_ARGUMENT', position: 16 },
    { desc: 'bad HeadersRegexp', rule: 'HeadersRegexp(`a`, `(`)', code: 'LB_RULE_ARGUMENT', position: 19 },
  ])('rejects $desc', ({ rule, code, position }) => {
    expect(thrown(() => parseRule(rule, { syntax: 'v2' }))).toMatchObject({ code, position });
  });
});
