import { describe, expect, it } from 'vitest';
import { parseRule } from '../rules/parse';
import { hostPins, pathPins } from './pins';

function hosts(rule: string, syntax: 'auto' | 'v2' = 'auto'): string[] | undefined {
  const parsed = parseRule(rule, { syntax });
  const pins = hostPins(parsed.ast, parsed.syntax);
  return pins && [...pins.exact, ...[...pins.wildcard].map((s) => `*.${s}`)].sort();
}

function paths(rule: string, syntax: 'auto' | 'v2' = 'auto'): { exact: string[]; prefixes: string[] } | undefined {
  const parsed = parseRule(rule, { syntax });
  const pins = pathPins(parsed.ast, parsed.syntax);
  return pins && { exact: [...pins.exact].sort(), prefixes: [...pins.prefixes].sort() };
}

describe('route pins', () => {
  it.each([
    { rule: 'Host(`A.com`)', pins: ['a.com'] },
    { rule: 'Host(`a.com.`) && Path(`/`)', pins: ['a.com'] },
    { rule: 'Host(`a`) || Host(`b`)', pins: ['a', 'b'] },
    { rule: 'Host(`a`) || Path(`/`)', pins: undefined },
    { rule: '(Host(`a`) || Host(`b`)) && (Host(`b`) || Host(`c`))', pins: ['b'] },
    { rule: 'Host(`a`) && Host(`b`)', pins: [] },
    { rule: '!Host(`a`)', pins: undefined },
    { rule: 'HostRegexp(`a`)', pins: undefined },
    { rule: 'Host:a,b;Path:/x', pins: ['a', 'b'] },
    { rule: 'Host(`*.Example.com`)', pins: ['*.example.com'] },
    { rule: 'Host(`*.example.com.`) || Host(`a.org`)', pins: ['*.example.com', 'a.org'] },
    { rule: 'Host(`*.example.com`) && Host(`a.example.com`)', pins: ['a.example.com'] },
    { rule: 'Host(`*`)', pins: undefined },
    { rule: 'Host(`*.`)', pins: undefined },
    { rule: 'Host(`*`) || Host(`a`)', pins: undefined },
    { rule: 'Host:[::1]', pins: undefined },
  ])('host pins of $rule', ({ rule, pins }) => {
    expect(hosts(rule)).toEqual(pins);
  });

  it('v2 multi-host and HostHeader pin; a v2 `*.a` is a literal host', () => {
    expect(hosts('Host(`a`, `b`) || HostHeader(`c`)', 'v2')).toEqual(['a', 'b', 'c']);
    expect(parseRule('Host(`*.a`)', { syntax: 'v2' }).syntax).toBe('v2');
    expect(hostPins(parseRule('Host(`*.a`)', { syntax: 'v2' }).ast, 'v2')).toEqual({
      exact: new Set(['*.a']),
      wildcard: new Set(),
    });
  });

  it.each([
    { rule: 'PathPrefix(`/api`)', pins: { exact: [], prefixes: ['/api'] } },
    { rule: 'Path(`/a`) || PathPrefix(`/b`)', pins: { exact: ['/a'], prefixes: ['/b'] } },
    { rule: 'PathPrefix(`/a`) && Path(`/a/b`)', pins: { exact: [], prefixes: ['/a'] } },
    { rule: 'PathPrefix(`/a`) || Method(`GET`)', pins: undefined },
    { rule: '!Path(`/a`)', pins: undefined },
    { rule: 'PathPrefix:/{id:[0-9]+}', pins: undefined },
    { rule: 'PathPrefix(`/{literal}`)', pins: { exact: [], prefixes: ['/{literal}'] } },
  ])('path pins of $rule', ({ rule, pins }) => {
    expect(paths(rule)).toEqual(pins);
  });
});
