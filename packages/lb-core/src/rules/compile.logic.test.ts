/**
 * compileRule, v3 semantics of `!`, `&&`, `||` and parentheses (precedence, the example),
 * the query string read once per request and only when needed, and long chains without recursion.
 */
import { describe, expect, it } from 'vitest';
import type { RequestFacts } from './ast';
import { compileRule } from './compile';
import { parseRule } from './parse';
import { facts } from '../../test/support/rule-helpers';
import { matches } from '../../test/support/compile-rows';
import type { CompileRow } from '../../test/support/compile-rows';

describe('compileRule (v3 semantics)', () => {
  it.each<CompileRow>([
    { desc: 'negation', rule: '!Header(`X-Canary`, `1`)', request: { headers: { 'x-canary': '1' } }, expected: false },
    { desc: 'negation of absent header', rule: '!Header(`X-Canary`, `1`)', request: {}, expected: true },
    {
      desc: 'precedence: a || b && c with a',
      rule: 'Host(`a`) || Host(`b`) && Path(`/p`)',
      request: { host: 'a', path: '/q' },
      expected: true,
    },
    {
      desc: 'precedence: a || b && c with b only',
      rule: 'Host(`a`) || Host(`b`) && Path(`/p`)',
      request: { host: 'b', path: '/q' },
      expected: false,
    },
    {
      desc: 'parentheses change it',
      rule: '(Host(`a`) || Host(`b`)) && Path(`/p`)',
      request: { host: 'a', path: '/q' },
      expected: false,
    },
    {
      desc: 'the issue example',
      rule: 'Host(`a`) && (PathPrefix(`/x`) || Method(`POST`)) && !Header(`X-Canary`, `1`)',
      request: { host: 'a', path: '/y', method: 'POST' },
      expected: true,
    },
    {
      desc: 'the issue example, canary',
      rule: 'Host(`a`) && (PathPrefix(`/x`) || Method(`POST`)) && !Header(`X-Canary`, `1`)',
      request: { host: 'a', path: '/x', headers: { 'x-canary': '1' } },
      expected: false,
    },
  ])('$desc', ({ rule, request, expected }) => {
    expect(matches(rule, request)).toBe(expected);
  });

  it('reads and parses the query string once per request, shared by all Query matchers', () => {
    const rules = [
      compileRule(parseRule('Query(`a`, `1`) && Query(`b`, `2`)')),
      compileRule(parseRule('QueryRegexp(`b`, `^2$`)')),
    ];
    let reads = 0;
    const request: RequestFacts = {
      ...facts(),
      get query() {
        reads++;
        return 'a=1&b=2';
      },
    };
    expect(rules.map((rule) => rule(request))).toEqual([true, true]);
    expect(reads).toBe(1);
  });

  it('does not read the query string without a Query matcher', () => {
    let reads = 0;
    const request: RequestFacts = {
      ...facts(),
      get query() {
        reads++;
        return '';
      },
    };
    compileRule(parseRule('Host(`example.com`) && PathPrefix(`/`)'))(request);
    expect(reads).toBe(0);
  });

  it('matches a long chain without deep recursion', () => {
    const rule = compileRule(parseRule(Array.from({ length: 3000 }, (_, i) => `Path(\`/${i}\`)`).join(' || ')));
    expect(rule(facts({ path: '/2999' }))).toBe(true);
    expect(rule(facts({ path: '/3000' }))).toBe(false);
  });
});
