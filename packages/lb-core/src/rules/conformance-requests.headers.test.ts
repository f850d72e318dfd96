/**
 * Conformance table for header matchers (issue #13, "Headers, methods, queries"): header matchers
 * see each header line as its own value (`RequestFacts.rawHeaders`) and `Host` is never a header to
 * them, in v3 and in v2/v1. Each row names the Traefik source it reproduces.
 */
import { describe, expect, it } from 'vitest';
import { compileRule } from './compile';
import { parseRule } from './parse';
import { facts } from '../../test/support/rule-helpers';
import { HDR, HDR_RE, HDR_V2, HDR_RE_V2, GO_HOST, lines } from '../../test/support/request-conformance';
import type { RequestRow } from '../../test/support/request-conformance';

const rows: readonly RequestRow[] = [
  // Header lines (v3)
  {
    src: HDR,
    syntax: 'v3',
    rule: 'Header(`X-Forwarded-Proto`, `https`)',
    request: lines('X-Forwarded-Proto', 'https'),
    expected: true,
  },
  {
    src: HDR,
    syntax: 'v3',
    rule: 'Header(`X-Forwarded-Proto`, `https`)',
    request: lines('X-Forwarded-Proto', 'http', 'X-Forwarded-Proto', 'https'),
    expected: true,
  },
  {
    src: HDR,
    syntax: 'v3',
    rule: 'Header(`X-Forwarded-Proto`, `https`)',
    request: lines('X-Forwarded-Proto', 'https', 'X-Forwarded-Proto', 'http'),
    expected: true,
  },
  {
    src: HDR,
    syntax: 'v3',
    rule: 'Header(`X-Forwarded-Proto`, `https`)',
    request: lines('X-Forwarded-Host', 'example.com'),
    expected: false,
  },
  {
    src: `${HDR} (non-canonical form)`,
    syntax: 'v3',
    rule: 'Header(`x-forwarded-proto`, `https`)',
    request: lines('x-FORWARDED-proto', 'http', 'x-forwarded-proto', 'https'),
    expected: true,
  },
  {
    src: 'pkg/muxer/http/matcher.go header(): slices.Contains on the lines, a comma does not split one',
    syntax: 'v3',
    rule: 'Header(`X-Forwarded-Proto`, `https`)',
    request: lines('X-Forwarded-Proto', 'http, https'),
    expected: false,
  },
  {
    src: HDR_RE,
    syntax: 'v3',
    rule: 'HeaderRegexp(`X-Forwarded-Proto`, `^https?$`)',
    request: lines('X-Forwarded-Proto', 'ws', 'X-Forwarded-Proto', 'https'),
    expected: true,
  },
  {
    src: HDR_RE,
    syntax: 'v3',
    rule: 'HeaderRegexp(`X-Forwarded-Proto`, `^https?$`)',
    request: lines('X-Forwarded-Proto', 'HTTPS'),
    expected: false,
  },
  {
    src: `${HDR_RE} (one line "ws, https" is one value)`,
    syntax: 'v3',
    rule: 'HeaderRegexp(`X-Forwarded-Proto`, `^https?$`)',
    request: lines('X-Forwarded-Proto', 'ws, https'),
    expected: false,
  },
  {
    src: 'pkg/muxer/http/matcher.go header() on a header Node keeps only once (User-Agent)',
    syntax: 'v3',
    rule: 'Header(`User-Agent`, `b`)',
    request: { rawHeaders: ['User-Agent', 'a', 'User-Agent', 'b'], headers: { 'user-agent': 'a' } },
    expected: true,
  },
  {
    src: GO_HOST,
    syntax: 'v3',
    rule: 'Header(`Host`, `example.com`)',
    request: { host: 'example.com', ...lines('Host', 'example.com') },
    expected: false,
  },
  {
    src: GO_HOST,
    syntax: 'v3',
    rule: 'HeaderRegexp(`Host`, `.*`)',
    request: { host: 'example.com', ...lines('Host', 'example.com') },
    expected: false,
  },
  {
    src: GO_HOST,
    syntax: 'v3',
    rule: '!Header(`Host`, `example.com`)',
    request: { host: 'example.com', ...lines('Host', 'example.com') },
    expected: true,
  },
  {
    src: 'Go net/http transfer.go parseTransferEncoding: delete(t.Header, "Transfer-Encoding")',
    syntax: 'v3',
    rule: 'Header(`Transfer-Encoding`, `chunked`)',
    request: lines('Transfer-Encoding', 'chunked'),
    expected: false,
  },
  {
    src: 'fallback without rawHeaders: the values of RequestFacts.headers',
    syntax: 'v3',
    rule: 'Header(`X-A`, `2`)',
    request: { headers: { 'x-a': ['1', '2'] } },
    expected: true,
  },
  // Header lines (v2, v1: gorilla's matchMapWithString / matchMapWithRegex over Request.Header)
  {
    src: HDR_V2,
    syntax: 'v2',
    rule: 'Headers(`X-Forwarded-Proto`, `https`)',
    request: lines('X-Forwarded-Proto', 'http', 'X-Forwarded-Proto', 'https'),
    expected: true,
  },
  {
    src: HDR_RE_V2,
    syntax: 'v2',
    rule: 'HeadersRegexp(`X-Forwarded-Proto`, `^https?$`)',
    request: lines('X-Forwarded-Proto', 'ws', 'X-Forwarded-Proto', 'https'),
    expected: true,
  },
  {
    src: `${HDR_RE_V2} "with Traefik v2 syntax" (values are plain regexps)`,
    syntax: 'v2',
    rule: 'HeadersRegexp(`X-Forwarded-Proto`, `http{secure:s?}`)',
    request: lines('X-Forwarded-Proto', 'http{secure:s}'),
    expected: true,
  },
  {
    src: `${GO_HOST} (v2 Headers)`,
    syntax: 'v2',
    rule: 'Headers(`Host`, `example.com`)',
    request: { host: 'example.com', ...lines('Host', 'example.com') },
    expected: false,
  },
  {
    src: 'v1.7 rules/rules.go headers() → mux Route.Headers over Request.Header lines',
    syntax: 'v1',
    rule: 'Headers:X-Forwarded-Proto,https',
    request: lines('X-Forwarded-Proto', 'http', 'X-Forwarded-Proto', 'https'),
    expected: true,
  },
  {
    src: `${GO_HOST} (v1 Headers)`,
    syntax: 'v1',
    rule: 'Headers:Host,example.com',
    request: { host: 'example.com', ...lines('Host', 'example.com') },
    expected: false,
  },
];

describe('header, method and query conformance (Traefik v1.7, v2.11, v3.7)', () => {
  it.each(rows)('$syntax $rule → $expected ($src)', ({ syntax, rule, request, expected }) => {
    expect(compileRule(parseRule(rule, { syntax }))(facts(request))).toBe(expected);
  });
});
