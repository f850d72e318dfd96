/** Host names of router rules (v1, v2, v3) for TLS, and the ACME domains they give. */
import { describe, expect, it } from 'vitest';
import { defaultTlsDomains, ruleHosts } from './rule-hosts';

describe('ruleHosts', () => {
  it.each([
    { rule: 'Host(`a.example`)', hosts: ['a.example'] },
    { rule: 'Host(`A.Example`) && PathPrefix(`/api`)', hosts: ['a.example'] },
    { rule: '(Host(`a.example`) || Host(`*.b.example`)) && Method(`GET`)', hosts: ['a.example', '*.b.example'] },
    { rule: 'Host(`a.example`) && !Host(`b.example`)', hosts: ['a.example'] },
    { rule: 'HostRegexp(`^.+$`)', hosts: [] },
    { rule: 'PathPrefix(`/`)', hosts: [] },
    { rule: 'Host(`*`) || Host(`a.example`) || Host(`a.example`)', hosts: ['a.example'] },
    { rule: 'Host:a.example,B.example;PathPrefixStrip:/x', hosts: ['a.example', 'b.example'] },
    { rule: 'Host(`unclosed', hosts: [] },
  ])('$rule', ({ rule, hosts }) => {
    expect(ruleHosts(rule)).toEqual(hosts);
  });

  it('reads v2 Host with several names and HostHeader when the rule is v2', () => {
    expect(ruleHosts('Host(`a.example`, `B.example`) || HostHeader(`c.example`)', 'v2')).toEqual([
      'a.example',
      'b.example',
      'c.example',
    ]);
  });
});

describe('defaultTlsDomains', () => {
  it('gives one domain per exact host and none for wildcards (ACME needs DNS-01 for those)', () => {
    expect(defaultTlsDomains(['a.example', '*.b.example', 'c.example'])).toEqual([
      { main: 'a.example', sans: [] },
      { main: 'c.example', sans: [] },
    ]);
  });
});
