/**
 * Conformance tables for headers, methods and queries (issue #13, "Headers, methods, queries"):
 * header matchers see each header line as its own value (`RequestFacts.rawHeaders`), `Host` is
 * never a header to them, method tokens are case-sensitive, and `;` separates query pairs. Each row
 * names the Traefik source it reproduces.
 */
import { describe, expect, it } from 'vitest';
import type { RequestFacts, RuleSyntax } from './ast';
import { compileRule } from './compile';
import { parseRule } from './parse';
import { facts } from '../../test/support/rule-helpers';

interface Row {
  readonly src: string;
  readonly syntax: RuleSyntax;
  readonly rule: string;
  readonly request: Partial<RequestFacts>;
  readonly expected: boolean;
}

const HDR = 'pkg/muxer/http/matcher_test.go TestHeaderMatcher "valid Header matcher"';
const HDR_RE = 'pkg/muxer/http/matcher_test.go TestHeaderRegexpMatcher "valid HeaderRegexp matcher"';
const HDR_V2 = 'pkg/muxer/http/matcher_v2_test.go TestHeadersMatcher "valid Header matcher"';
const HDR_RE_V2 = 'pkg/muxer/http/matcher_v2_test.go TestHeaderRegexpV2Matcher "valid HeaderRegexp matcher"';
const GO_HOST =
  'Go net/http Request.Header doc: "the Host header is promoted to the Request.Host field and removed from the Header map"';
const METHOD = 'pkg/muxer/http/matcher_test.go TestMethodMatcher';
const METHOD_V2 = 'pkg/muxer/http/matcher_v2_test.go TestMethodV2Matcher';
const QUERY = 'pkg/muxer/http/matcher_test.go TestQueryMatcher';
const SEMI = 'docs reference/install-configuration/entrypoints.md "encodeQuerySemicolons" table (false, the default)';

/** Facts with raw header lines, and `headers` as Node would join them. */
function lines(...raw: string[]): Partial<RequestFacts> {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    headers[name] = headers[name] === undefined ? (raw[i + 1] as string) : `${headers[name]}, ${raw[i + 1] as string}`;
  }
  return { rawHeaders: raw, headers };
}

const rows: readonly Row[] = [
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
  // Methods
  {
    src: `${METHOD} "valid Method matcher"`,
    syntax: 'v3',
    rule: 'Method(`GET`)',
    request: { method: 'GET' },
    expected: true,
  },
  {
    src: `${METHOD} "valid Method matcher"`,
    syntax: 'v3',
    rule: 'Method(`GET`)',
    request: { method: 'POST' },
    expected: false,
  },
  {
    src: `${METHOD} "valid Method matcher"`,
    syntax: 'v3',
    rule: 'Method(`GET`)',
    request: { method: 'get' },
    expected: false,
  },
  {
    src: `${METHOD} "valid Method matcher (lower case)"`,
    syntax: 'v3',
    rule: 'Method(`get`)',
    request: { method: 'GET' },
    expected: true,
  },
  {
    src: `${METHOD} "valid Method matcher (lower case)"`,
    syntax: 'v3',
    rule: 'Method(`get`)',
    request: { method: 'get' },
    expected: false,
  },
  {
    src: `${METHOD_V2} "valid Method matcher (many parameters)"`,
    syntax: 'v2',
    rule: 'Method(`GET`, `POST`)',
    request: { method: 'POST' },
    expected: true,
  },
  {
    src: `${METHOD_V2} "valid Method matcher (lower case)"`,
    syntax: 'v2',
    rule: 'Method(`get`)',
    request: { method: 'get' },
    expected: false,
  },
  {
    src: 'v1.7 rules/rules.go methods() → mux Route.Methods (upper-cases the rule only)',
    syntax: 'v1',
    rule: 'Method:get',
    request: { method: 'GET' },
    expected: true,
  },
  {
    src: 'v1.7 rules/rules.go methods() → mux Route.Methods (upper-cases the rule only)',
    syntax: 'v1',
    rule: 'Method:get',
    request: { method: 'Get' },
    expected: false,
  },
  {
    src: 'pkg/muxer/http/matcher.go method(): method == req.Method (extension tokens too)',
    syntax: 'v3',
    rule: 'Method(`purge`)',
    request: { method: 'PURGE' },
    expected: true,
  },
  // Queries
  {
    src: `${QUERY} "valid Query matcher"`,
    syntax: 'v3',
    rule: 'Query(`q`, `traefik`)',
    request: { query: 'q=awesome&q=traefik' },
    expected: true,
  },
  {
    src: `${QUERY} "valid Query matcher"`,
    syntax: 'v3',
    rule: 'Query(`q`, `traefik`)',
    request: { query: 'Q=traefik' },
    expected: false,
  },
  {
    src: `${QUERY} "valid Query matcher with empty value"`,
    syntax: 'v3',
    rule: 'Query(`mobile`)',
    request: { query: 'mobile' },
    expected: true,
  },
  {
    src: `${QUERY} "valid Query matcher with empty value"`,
    syntax: 'v3',
    rule: 'Query(`mobile`)',
    request: { query: 'mobile=true' },
    expected: false,
  },
  {
    src: `${SEMI}: foo=bar;baz=bar → foo=bar&baz=bar`,
    syntax: 'v3',
    rule: 'Query(`baz`, `bar`)',
    request: { query: 'foo=bar;baz=bar' },
    expected: true,
  },
  {
    src: `${SEMI}: foo=bar;baz=bar → foo=bar&baz=bar`,
    syntax: 'v3',
    rule: 'Query(`foo`, `bar;baz=bar`)',
    request: { query: 'foo=bar;baz=bar' },
    expected: false,
  },
  {
    src: `${SEMI}: foo=bar&baz=bar;foo → foo=bar&baz=bar&foo`,
    syntax: 'v3',
    rule: 'Query(`baz`, `bar`)',
    request: { query: 'foo=bar&baz=bar;foo' },
    expected: true,
  },
  {
    src: `${SEMI} with QueryRegexp`,
    syntax: 'v3',
    rule: 'QueryRegexp(`b`, `^[0-9]+$`)',
    request: { query: 'a=x;b=42' },
    expected: true,
  },
  {
    src: `${SEMI} with v2 Query (gorilla reads Request.URL.Query())`,
    syntax: 'v2',
    rule: 'Query(`baz=bar`)',
    request: { query: 'foo=bar;baz=bar' },
    expected: true,
  },
  {
    src: `${SEMI} with v1 Query`,
    syntax: 'v1',
    rule: 'Query:baz=bar',
    request: { query: 'foo=bar;baz=bar' },
    expected: true,
  },
];

describe('header, method and query conformance (Traefik v1.7, v2.11, v3.7)', () => {
  it.each(rows)('$syntax $rule → $expected ($src)', ({ syntax, rule, request, expected }) => {
    expect(compileRule(parseRule(rule, { syntax }))(facts(request))).toBe(expected);
  });

  it.each([
    {
      src: 'pkg/muxer/http/matcher_test.go TestHeaderMatcher "invalid Header matcher (missing value parameter)"',
      rule: 'Header(`X-Forwarded-Host`, ``)',
    },
    {
      src: 'pkg/muxer/http/matcher_test.go TestMethodMatcher "invalid Method matcher (empty parameter)"',
      rule: 'Method(``)',
    },
    { src: `${QUERY} "invalid Query matcher (empty value)"`, rule: 'Query(`q`, ``)' },
  ])('rejects $rule ($src)', ({ rule }) => {
    expect(() => parseRule(rule)).toThrow();
  });
});
