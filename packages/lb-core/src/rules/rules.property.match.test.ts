/**
 * Rule matching properties: compiled matchers never throw on arbitrary request facts, generated v3
 * expressions parse back to their AST, and v1 rules match as their v3 translation does.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RequestFacts, RuleNode } from './ast';
import { compileRule } from './compile';
import { applyPathModifiers } from './path-modifiers';
import { parseRule } from './parse';
import { and, m, not, or, shape } from '../../test/support/rule-helpers';
import { RULE_TOKENS, syntax, tokens, tryParse } from '../../test/support/rule-properties';

const LEAVES: readonly (readonly [string, readonly string[]])[] = [
  ['Host', ['a']],
  ['Host', ['B.example.com']],
  ['Host', ['x.']],
  ['Path', ['/']],
  ['PathPrefix', ['/api/']],
  ['PathPrefix', ['/x']],
  ['PathRegexp', ['(?i)^/x|\\d+$']],
  ['HostRegexp', ['^[a-z]+\\.example\\.com$']],
  ['Method', ['post']],
  ['Header', ['X-A', '1']],
  ['HeaderRegexp', ['content-type', 'json$']],
  ['Query', ['a']],
  ['Query', ['a', '1']],
  ['QueryRegexp', ['k', '^v']],
  ['ClientIP', ['10.0.0.0/8']],
  ['ClientIP', ['::1']],
];

/** Random v3 expressions as [AST, fully parenthesised text]. */
const expression = fc.letrec<{ expr: [RuleNode, string] }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc
      .constantFrom(...LEAVES)
      .map(([name, args]): [RuleNode, string] => [m(name, args), `${name}(${args.map((a) => `\`${a}\``).join(', ')})`]),
    tie('expr').map(([ast, text]): [RuleNode, string] => [not(ast), `!(${text})`]),
    fc
      .tuple(tie('expr'), tie('expr'), fc.boolean())
      .map(([[l, lt], [r, rt], isAnd]): [RuleNode, string] => [
        isAnd ? and(l, r) : or(l, r),
        `(${lt}) ${isAnd ? '&&' : '||'} (${rt})`,
      ]),
  ),
})).expr;

const headerValue = fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 }), fc.constant(undefined));
const requestFacts: fc.Arbitrary<RequestFacts> = fc.record({
  method: fc.oneof(fc.constantFrom('GET', 'POST', 'get'), fc.string()),
  host: fc.oneof(fc.constantFrom('a', 'b.example.com', '[::1]:80', 'A:1', ''), fc.string({ unit: 'binary' })),
  path: fc.oneof(fc.constantFrom('/', '/x', '/api/1'), fc.string({ unit: 'binary' })),
  query: fc.oneof(fc.constantFrom('', 'a=1&b', 'q=%zz;x', 'k=%ff'), fc.string({ unit: 'binary' })),
  headers: fc.dictionary(
    fc.oneof(fc.constantFrom('x-a', 'content-type', '__proto__', 'constructor', 'toString'), fc.string()),
    headerValue,
    { maxKeys: 4 },
  ),
  clientIp: fc.oneof(fc.constantFrom('10.0.0.1', '::ffff:10.0.0.1', '::1', '[::1]', 'x'), fc.string()),
});

const VALID_RULES: readonly [string, 'auto' | 'v2'][] = [
  ['Host(`a`) && (PathPrefix(`/x`) || Method(`POST`)) && !Header(`X-A`, `1`)', 'auto'],
  ['HostRegexp(`^[a-z]+\\.example\\.com$`) || PathRegexp(`(?i)^/API/\\d+`)', 'auto'],
  ['Query(`a`) || QueryRegexp(`b`, `^x`) || HeaderRegexp(`content-type`, `json`)', 'auto'],
  ['ClientIP(`10.0.0.0/8`) || ClientIP(`::1`) || !ClientIP(`fe80::/10`)', 'auto'],
  ['Host:a,b;PathPrefixStrip:/api;Headers:X-A,1;Query:a=1', 'auto'],
  ['HostRegexp:{sub:[a-z]+}.example.com;PathStripRegex:/{id:[0-9]+}', 'auto'],
  ['Host(`a`, `b`) && Path(`/{id:[0-9]+}`) && Query(`a=`, `b={v}`) && HeadersRegexp(`X-A`, `^1`)', 'v2'],
  ['HostRegexp(`{h:[a-z]+}.com`, `{x}:{p:[0-9]+}`) || ClientIP(`10.0.0.1`, `::/0`) || Method(`GET`, `PUT`)', 'v2'],
];

describe('rule parsing properties', () => {
  it('compiled matchers never throw on arbitrary request facts', () => {
    const compiled = VALID_RULES.map(([rule, s]) => compileRule(parseRule(rule, { syntax: s })));
    fc.assert(
      fc.property(requestFacts, (request) => {
        for (const rule of compiled) expect(typeof rule(request)).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('rules that parse from grammar-shaped text compile and never throw when matching', () => {
    fc.assert(
      fc.property(tokens(RULE_TOKENS, 30), syntax, requestFacts, (rule, s, request) => {
        const parsed = tryParse(rule, { syntax: s });
        if (parsed === undefined) return;
        expect(typeof compileRule(parsed)(request)).toBe('boolean');
        expect(typeof applyPathModifiers(request.path, parsed.modifiers).path).toBe('string');
      }),
      { numRuns: 3000 },
    );
  });

  it('generated v3 expressions parse back to their AST and never throw when matching', () => {
    fc.assert(
      fc.property(expression, requestFacts, ([ast, text], request) => {
        const parsed = parseRule(text);
        expect(shape(parsed.ast)).toEqual(ast);
        expect(typeof compileRule(parsed)(request)).toBe('boolean');
      }),
      { numRuns: 1500 },
    );
  });

  it('v1 Host:…;PathPrefix:… ≡ its v3 translation, on random requests', () => {
    const label = fc.stringMatching(/^[a-z0-9-]{1,8}$/);
    fc.assert(
      fc.property(
        fc.array(label, { minLength: 1, maxLength: 3 }),
        fc.stringMatching(/^\/[a-z]{0,4}$/),
        requestFacts,
        (hosts, prefix, request) => {
          const v1 = parseRule(`Host:${hosts.join(',')};PathPrefix:${prefix}`);
          const v3 = parseRule(`(${hosts.map((h) => `Host(\`${h}\`)`).join(' || ')}) && PathPrefix(\`${prefix}\`)`);
          expect(shape(v1.ast)).toEqual(shape(v3.ast));
          expect(compileRule(v1)(request)).toBe(compileRule(v3)(request));
        },
      ),
      { numRuns: 500 },
    );
  });
});
