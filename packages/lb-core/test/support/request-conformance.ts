/**
 * Shared set-up of the header, method and query conformance tables
 * (src/rules/conformance-requests.*.test.ts): the row shape, the Traefik sources the rows cite, and
 * request facts built from raw header lines.
 */
import type { RequestFacts, RuleSyntax } from '../../src/rules/ast';

/** One conformance row: a rule in a dialect, a request, and whether Traefik matches it. */
export interface RequestRow {
  readonly src: string;
  readonly syntax: RuleSyntax;
  readonly rule: string;
  readonly request: Partial<RequestFacts>;
  readonly expected: boolean;
}

export const HDR = 'pkg/muxer/http/matcher_test.go TestHeaderMatcher "valid Header matcher"';
export const HDR_RE = 'pkg/muxer/http/matcher_test.go TestHeaderRegexpMatcher "valid HeaderRegexp matcher"';
export const HDR_V2 = 'pkg/muxer/http/matcher_v2_test.go TestHeadersMatcher "valid Header matcher"';
export const HDR_RE_V2 = 'pkg/muxer/http/matcher_v2_test.go TestHeaderRegexpV2Matcher "valid HeaderRegexp matcher"';
export const GO_HOST =
  'Go net/http Request.Header doc: "the Host header is promoted to the Request.Host field and removed from the Header map"';
export const METHOD = 'pkg/muxer/http/matcher_test.go TestMethodMatcher';
export const METHOD_V2 = 'pkg/muxer/http/matcher_v2_test.go TestMethodV2Matcher';
export const QUERY = 'pkg/muxer/http/matcher_test.go TestQueryMatcher';
export const SEMI =
  'docs reference/install-configuration/entrypoints.md "encodeQuerySemicolons" table (false, the default)';

/** Facts with raw header lines, and `headers` as Node would join them. */
export function lines(...raw: string[]): Partial<RequestFacts> {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    headers[name] = headers[name] === undefined ? (raw[i + 1] as string) : `${headers[name]}, ${raw[i + 1] as string}`;
  }
  return { rawHeaders: raw, headers };
}
