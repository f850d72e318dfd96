import { describe, expect, it } from 'vitest';
import type { PathModifier, RequestFacts, RuleNode } from './ast';
import { compileRule } from './compile';
import { parseRule } from './parse';
import { and, expectRuleError, facts, m, or, shape } from '../../test/support/rule-helpers';

describe('parseRule (v1)', () => {
  it.each<{ desc: string; rule: string; ast: RuleNode; modifiers?: PathModifier[] }>([
    {
      desc: 'the lab label',
      rule: 'Host:demo.res.ch;PathPrefixStrip:/api/jokes/',
      ast: and(m('Host', ['demo.res.ch'], 5), m('PathPrefix', ['/api/jokes/'], 33)),
      modifiers: [{ kind: 'stripPrefix', prefixes: ['/api/jokes/'], v1: true }],
    },
    { desc: 'several hosts are an OR', rule: 'Host:a,b', ast: or(m('Host', ['a'], 5), m('Host', ['b'], 7)) },
    {
      desc: 'spaces around name and values (1.7 trims)',
      rule: 'Host: a , b',
      ast: or(m('Host', ['a'], 6), m('Host', ['b'], 10)),
    },
    { desc: 'empty segments are ignored', rule: ';Host:a;;', ast: m('Host', ['a'], 6) },
    {
      desc: 'templates keep their colons',
      rule: 'HostRegexp:{sub:[a-z]+}.example.com',
      ast: m('HostRegexp', ['{sub:[a-z]+}.example.com'], 11),
    },
    { desc: 'repeated colons collapse (FieldsFunc)', rule: 'Path::/x', ast: m('Path', ['/x'], 6) },
    { desc: 'methods', rule: 'Method:GET,post', ast: or(m('Method', ['GET'], 7), m('Method', ['post'], 11)) },
    {
      desc: 'headers are key,value pairs',
      rule: 'Headers:X-A,1,X-B,2',
      ast: and(m('Headers', ['X-A', '1'], 8), m('Headers', ['X-B', '2'], 14)),
    },
    {
      desc: 'headers regexp',
      rule: 'HeadersRegexp:Content-Type,application/(json|yaml)',
      ast: m('HeadersRegexp', ['Content-Type', 'application/(json|yaml)'], 14),
    },
    { desc: 'query pairs', rule: 'Query:a=1,b=', ast: and(m('Query', ['a=1'], 6), m('Query', ['b='], 10)) },
    {
      desc: 'PathStrip',
      rule: 'PathStrip:/a,/abc',
      ast: or(m('Path', ['/a'], 10), m('Path', ['/abc'], 13)),
      modifiers: [{ kind: 'stripPrefix', prefixes: ['/abc', '/a'], v1: true }],
    },
    {
      desc: 'PathPrefixStripRegex',
      rule: 'PathPrefixStripRegex:/api/{id:[0-9]+}',
      ast: m('PathPrefix', ['/api/{id:[0-9]+}'], 21),
      modifiers: [{ kind: 'stripPrefixRegex', regex: ['^/api/(?P<v0>[0-9]+)'], v1: true }],
    },
    {
      desc: 'PathStripRegex',
      rule: 'PathStripRegex:/{v}',
      ast: m('Path', ['/{v}'], 15),
      modifiers: [{ kind: 'stripPrefixRegex', regex: ['^/(?P<v0>[^/]+)'], v1: true }],
    },
    {
      desc: 'modifiers in 1.7 execution order, last value wins',
      rule: 'ReplacePath:/a,/b;AddPrefix:/p;PathPrefixStrip:/x;ReplacePathRegex: ^/x/(.*) /y/$1;Host:h',
      ast: and(m('PathPrefix', ['/x'], 47), m('Host', ['h'], 88)),
      modifiers: [
        { kind: 'stripPrefix', prefixes: ['/x'], v1: true },
        { kind: 'addPrefix', prefix: '/p', v1: true },
        { kind: 'replacePathRegex', regex: '^/x/(.*)', replacement: '/y/$1', v1: true },
        { kind: 'replacePath', path: '/b', v1: true },
      ],
    },
  ])('$desc', ({ rule, ast, modifiers = [] }) => {
    expect(parseRule(rule)).toEqual({ syntax: 'v1', ast, modifiers });
  });

  it.each([
    {
      desc: 'unknown function',
      rule: 'Host:a;Hots:b',
      code: 'LB_RULE_UNKNOWN_MATCHER',
      position: 7,
      expected: /PathPrefixStrip/,
    },
    { desc: 'names are exact in 1.7', rule: 'host:a', code: 'LB_RULE_UNKNOWN_MATCHER', position: 0, expected: /Host/ },
    { desc: 'no values', rule: 'Host:', code: 'LB_RULE_ARITY', position: 0, expected: 'at least one value' },
    { desc: 'blank value', rule: 'Host:a, ,b', code: 'LB_RULE_ARGUMENT', position: 7, expected: 'a non-empty value' },
    { desc: 'odd headers', rule: 'Headers:X-A', code: 'LB_RULE_ARITY', position: 0, expected: 'key,value pairs' },
    { desc: 'odd query', rule: 'Query:a', code: 'LB_RULE_ARITY', position: 0, expected: 'key=value pairs' },
    {
      desc: 'only modifiers',
      rule: 'AddPrefix:/x',
      code: 'LB_RULE_SYNTAX',
      position: 0,
      expected: 'a matcher like Host:example.com',
    },
    {
      desc: 'ReplacePathRegex without replacement',
      rule: 'Host:a;ReplacePathRegex:^/x',
      code: 'LB_RULE_ARGUMENT',
      position: 24,
      expected: 'regex replacement',
    },
    {
      desc: 'ReplacePathRegex bad regex',
      rule: 'Host:a;ReplacePathRegex:^/(x /y',
      code: 'LB_RULE_ARGUMENT',
      position: 24,
      expected: 'a valid Go regular expression',
    },
    {
      desc: 'unbalanced template',
      rule: 'PathPrefix:/{id',
      code: 'LB_RULE_ARGUMENT',
      position: 11,
      expected: /template/,
    },
    {
      desc: 'empty template variable',
      rule: 'Path:/{:x}',
      code: 'LB_RULE_ARGUMENT',
      position: 5,
      expected: /template/,
    },
    {
      desc: 'path without slash',
      rule: 'PathPrefix:api',
      code: 'LB_RULE_ARGUMENT',
      position: 11,
      expected: "a path starting with '/'",
    },
  ])('rejects $desc', ({ rule, ...want }) => {
    expectRuleError(() => parseRule(rule), want);
  });
});

describe('v1 ⇄ v3 equivalence', () => {
  const requests: RequestFacts[] = [
    facts({ host: 'a', path: '/x' }),
    facts({ host: 'B:8080', path: '/x/y' }),
    facts({ host: 'c', path: '/x' }),
    facts({ host: 'a', path: '/y' }),
    facts({ host: 'a', path: '/xy', method: 'POST' }),
  ];

  it.each([
    { v1: 'Host:a,b;PathPrefix:/x', v3: '(Host(`a`)||Host(`b`)) && PathPrefix(`/x`)' },
    { v1: 'Host:a;Path:/x,/y', v3: 'Host(`a`) && (Path(`/x`) || Path(`/y`))' },
    { v1: 'Method:POST;PathPrefix:/x;Host:a', v3: 'Method(`POST`) && PathPrefix(`/x`) && Host(`a`)' },
    { v1: 'PathPrefixStrip:/x', v3: 'PathPrefix(`/x`)' },
  ])('$v1 ≡ $v3', ({ v1, v3 }) => {
    const p1 = parseRule(v1);
    const p3 = parseRule(v3);
    expect(p1.syntax).toBe('v1');
    expect(p3.syntax).toBe('v3');
    expect(shape(p1.ast)).toEqual(shape(p3.ast));
    const [c1, c3] = [compileRule(p1), compileRule(p3)];
    for (const request of requests) expect(c1(request)).toBe(c3(request));
  });
});
