/**
 * Conformance table for HostRegexp (issue #13, "Hosts"): Go regexps in v3, containous/mux templates
 * in v2 and v1, case and ports per dialect. Each row names the Traefik source it reproduces.
 */
import { describe, expect, it } from 'vitest';
import { compileRule } from './compile';
import { parseRule } from './parse';
import { facts } from '../../test/support/rule-helpers';
import { V3_RE_TEST, V2_RE_TEST, V2_RE_TEST2, V1_RE_TEST } from '../../test/support/host-conformance';
import type { HostRow } from '../../test/support/host-conformance';

const rows: readonly HostRow[] = [
  // HostRegexp, v3: Go regexp on the lower-cased canonical host
  {
    src: `${V3_RE_TEST} "valid HostRegexp matcher"`,
    syntax: 'v3',
    rule: 'HostRegexp(`^[a-zA-Z-]+\\.com$`)',
    host: 'example.com:8080',
    expected: true,
  },
  {
    src: `${V3_RE_TEST} "with case sensitive regexp"`,
    syntax: 'v3',
    rule: 'HostRegexp(`^[A-Z]+\\.com$`)',
    host: 'EXAMPLE.com',
    expected: false,
  },
  {
    src: `${V3_RE_TEST} "with Traefik v2 syntax"`,
    syntax: 'v3',
    rule: 'HostRegexp(`{domain:[a-zA-Z-]+\\.com}`)',
    host: 'example.com',
    expected: false,
  },
  // HostRegexp, v2: containous/mux templates, case-insensitive, port split off
  {
    src: `${V2_RE_TEST} "capturing group"`,
    syntax: 'v2',
    rule: 'HostRegexp(`{subdomain:(foo\\.)?bar\\.com}`)',
    host: 'foo.bar.com',
    expected: true,
  },
  {
    src: `${V2_RE_TEST} "capturing group"`,
    syntax: 'v2',
    rule: 'HostRegexp(`{subdomain:(foo\\.)?bar\\.com}`)',
    host: 'fooubar.com',
    expected: false,
  },
  {
    src: `${V2_RE_TEST} "non capturing group"`,
    syntax: 'v2',
    rule: 'HostRegexp(`{subdomain:(?:foo\\.)?bar\\.com}`)',
    host: 'bar.com',
    expected: true,
  },
  {
    src: `${V2_RE_TEST} "regex insensitive"`,
    syntax: 'v2',
    rule: 'HostRegexp(`{dummy:[A-Za-z-]+\\.bar\\.com}`)',
    host: 'FOO.bar.com',
    expected: true,
  },
  {
    src: `${V2_RE_TEST} "insensitive host"`,
    syntax: 'v2',
    rule: 'HostRegexp(`{dummy:[a-z-]+\\.bar\\.com}`)',
    host: 'FOO.bar.com',
    expected: true,
  },
  {
    src: `${V2_RE_TEST} "insensitive host simple"`,
    syntax: 'v2',
    rule: 'HostRegexp(`foo.bar.com`)',
    host: 'FOO.bar.com',
    expected: true,
  },
  {
    src: `${V2_RE_TEST} "insensitive host simple"`,
    syntax: 'v2',
    rule: 'HostRegexp(`foo.bar.com`)',
    host: 'barcom',
    expected: false,
  },
  {
    src: `${V2_RE_TEST2} "many parameters"`,
    syntax: 'v2',
    rule: 'HostRegexp(`example.com`, `example.org`)',
    host: 'example.com:8080',
    expected: true,
  },
  {
    src: `${V2_RE_TEST2} "invalid regexp" (accepted, quoted literally)`,
    syntax: 'v2',
    rule: 'HostRegexp(`(example.com`)',
    host: 'example.com',
    expected: false,
  },
  {
    src: `${V2_RE_TEST2} "with case sensitive regexp" (no braces: literal text)`,
    syntax: 'v2',
    rule: 'HostRegexp(`^[A-Z]+\\.com$`)',
    host: 'EXAMPLE.com',
    expected: false,
  },
  {
    src: `${V2_RE_TEST2} "with Traefik v2 syntax"`,
    syntax: 'v2',
    rule: 'HostRegexp(`{domain:[a-zA-Z-]+\\.com}`)',
    host: 'example.org',
    expected: false,
  },
  {
    src: 'containous/mux regexp.go parseHost (SplitHostPort fails: [::1] kept)',
    syntax: 'v2',
    rule: 'HostRegexp(`{h:\\[::1\\]}`)',
    host: '[::1]',
    expected: true,
  },
  // HostRegexp, v1: the same templates on the host cut at its first ':'
  {
    src: `${V1_RE_TEST} "capturing group"`,
    syntax: 'v1',
    rule: 'HostRegexp:{subdomain:(foo\\.)?bar\\.com}',
    host: 'bar.com',
    expected: true,
  },
  {
    src: `${V1_RE_TEST} "insensitive host"`,
    syntax: 'v1',
    rule: 'HostRegexp:{dummy:[a-z-]+\\.bar\\.com}',
    host: 'FOO.bar.com',
    expected: true,
  },
  {
    src: `${V1_RE_TEST} "insensitive host simple"`,
    syntax: 'v1',
    rule: 'HostRegexp:foo.bar.com',
    host: 'FOO.bar.com',
    expected: true,
  },
  {
    src: `${V1_RE_TEST} "regex insensitive"`,
    syntax: 'v1',
    rule: 'HostRegexp:{dummy:[A-Za-z-]+\\.bar\\.com}',
    host: 'barucom',
    expected: false,
  },
  {
    src: 'containous/mux@c33f32e (Traefik 1.7) regexp.go getHost: port cut at the first ":"',
    syntax: 'v1',
    rule: 'HostRegexp:foo.bar.com',
    host: 'foo.bar.com:8080',
    expected: true,
  },
];

describe('host conformance (Traefik v1.7, v2.11, v3.7)', () => {
  it.each(rows)('$syntax $rule on "$host" → $expected ($src)', ({ syntax, rule, host, expected }) => {
    expect(compileRule(parseRule(rule, { syntax }))(facts({ host }))).toBe(expected);
  });
});
