/**
 * Conformance table for v2 and v1 Host matchers (issue #13, "Hosts"): no wildcards, trailing dots
 * and case per dialect. Each row names the Traefik source it reproduces.
 */
import { describe, expect, it } from 'vitest';
import { compileRule } from './compile';
import { parseRule } from './parse';
import { facts } from '../../test/support/rule-helpers';
import { V2_TEST, DOCS } from '../../test/support/host-conformance';
import type { HostRow } from '../../test/support/host-conformance';

const rows: readonly HostRow[] = [
  // v2 Host: no wildcard, trailing dots
  {
    src: 'pkg/muxer/http/matcher_v2.go hostV2 (reqHost == host: no wildcard in v2)',
    syntax: 'v2',
    rule: 'Host(`*.example.com`)',
    host: 'a.example.com',
    expected: false,
  },
  {
    src: `${DOCS} "This is only available with the v3 rule syntax"`,
    syntax: 'v2',
    rule: 'Host(`*`)',
    host: 'localhost',
    expected: false,
  },
  {
    src: `${V2_TEST} "matcher ending with a dot"`,
    syntax: 'v2',
    rule: 'Host(`example.com.`)',
    host: 'example.com',
    expected: true,
  },
  {
    src: `${V2_TEST} "URL ending with a dot"`,
    syntax: 'v2',
    rule: 'Host(`example.com`)',
    host: 'example.com.',
    expected: true,
  },
  {
    src: `${V2_TEST} "many parameters"`,
    syntax: 'v2',
    rule: 'Host(`example.com`, `example.org`)',
    host: 'EXAMPLE.COM',
    expected: true,
  },
  // v1 Host: exact, case-insensitive, no trailing-dot tolerance
  {
    src: 'v1.7 rules/rules_test.go TestParseTwoRules ("Host: Foo.Bar")',
    syntax: 'v1',
    rule: 'Host: Foo.Bar ',
    host: 'foo.bar',
    expected: true,
  },
  {
    src: 'v1.7 rules/rules.go host(): reqHost == host (no trailing-dot rule)',
    syntax: 'v1',
    rule: 'Host:example.com',
    host: 'example.com.',
    expected: false,
  },
  {
    src: 'v1.7 rules/rules.go host(): reqHost == host (no trailing-dot rule)',
    syntax: 'v1',
    rule: 'Host:example.com.',
    host: 'example.com',
    expected: false,
  },
  {
    src: 'v1.7 rules/rules.go host() on middlewares.GetCanonizedHost (port split off)',
    syntax: 'v1',
    rule: 'Host:example.com',
    host: 'Example.com:80',
    expected: true,
  },
  {
    src: 'v1.7 rules/rules.go host(): no wildcard',
    syntax: 'v1',
    rule: 'Host:*.example.com',
    host: 'a.example.com',
    expected: false,
  },
];

describe('host conformance (Traefik v1.7, v2.11, v3.7)', () => {
  it.each(rows)('$syntax $rule on "$host" → $expected ($src)', ({ syntax, rule, host, expected }) => {
    expect(compileRule(parseRule(rule, { syntax }))(facts({ host }))).toBe(expected);
  });
});
