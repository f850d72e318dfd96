import { describe, expect, it } from 'vitest';
import { parseRule } from '../rules/parse';
import { hostPins, pathPins } from './pins';

function hosts(rule: string, syntax: 'auto' | 'v2' = 'auto'): string[] | undefined {
  const pins = hostPins(parseRule(rule, { syntax }).ast);
  return pins && [...pins].sort();
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
  ])('host pins of $rule', ({ rule, pins }) => {
    expect(hosts(rule)).toEqual(pins);
  });

  it('v2 multi-host and HostHeader pin', () => {
    expect(hosts('Host(`a`, `b`) || HostHeader(`c`)', 'v2')).toEqual(['a', 'b', 'c']);
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
