/**
 * Conformance table for IPv6 literals in Host matchers (issue #13, "Hosts"): bracketed literals with
 * and without ports, as the request decorator canonicalises them, per dialect. Each row names the
 * Traefik source it reproduces.
 */
import { describe, expect, it } from 'vitest';
import { compileRule } from './compile';
import { parseRule } from './parse';
import { facts } from '../../test/support/rule-helpers';
import { DECORATOR, FE80 } from '../../test/support/host-conformance';
import type { HostRow } from '../../test/support/host-conformance';

const rows: readonly HostRow[] = [
  // IPv6 literals (the canonical host of the request decorator)
  {
    src: `${DECORATOR} "IPv6 host with : and with port"`,
    syntax: 'v3',
    rule: `Host(\`${FE80}\`)`,
    host: `[${FE80}]:123`,
    expected: true,
  },
  {
    src: `${DECORATOR} "IPv6 host with : and without port"`,
    syntax: 'v3',
    rule: `Host(\`${FE80}\`)`,
    host: `[${FE80}]:`,
    expected: true,
  },
  {
    src: `${DECORATOR} "IPv6 host without : and without port"`,
    syntax: 'v3',
    rule: `Host(\`${FE80}\`)`,
    host: `[${FE80}]`,
    expected: true,
  },
  {
    src: `${DECORATOR} "host with : and without port" (bare IPv6)`,
    syntax: 'v3',
    rule: `Host(\`${FE80}\`)`,
    host: FE80,
    expected: true,
  },
  {
    src: `${DECORATOR} "invalid IPv6: missing ]"`,
    syntax: 'v3',
    rule: `Host(\`${FE80}\`)`,
    host: `[${FE80}`,
    expected: false,
  },
  {
    src: `${DECORATOR}: the canonical host never keeps brackets, so a bracketed rule never matches`,
    syntax: 'v3',
    rule: 'Host(`[::1]`)',
    host: '[::1]:8080',
    expected: false,
  },
  {
    src: `${DECORATOR} (v2 Host reads the same canonical host)`,
    syntax: 'v2',
    rule: 'Host(`::1`)',
    host: '[::1]',
    expected: true,
  },
  {
    src: `${DECORATOR} (HostRegexp reads the canonical host)`,
    syntax: 'v3',
    rule: 'HostRegexp(`^::1$`)',
    host: '[::1]:8080',
    expected: true,
  },
  {
    src: 'v1.7 middlewares/request_host.go parseHost (no bracket rule): [::1] stays bracketed',
    syntax: 'v1',
    rule: 'HostRegexp:{h:\\[[0-9a-f]+\\]}',
    host: '[12]',
    expected: true,
  },
];

describe('host conformance (Traefik v1.7, v2.11, v3.7)', () => {
  it.each(rows)('$syntax $rule on "$host" → $expected ($src)', ({ syntax, rule, host, expected }) => {
    expect(compileRule(parseRule(rule, { syntax }))(facts({ host }))).toBe(expected);
  });
});
