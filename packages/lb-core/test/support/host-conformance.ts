/**
 * Shared set-up of the host conformance tables (src/rules/conformance-hosts.*.test.ts): the row
 * shape and the Traefik sources (test file and test name, or documentation page) the rows cite.
 */
import type { RuleSyntax } from '../../src/rules/ast';

/** One conformance row: a rule in a dialect, a Host header, and whether Traefik matches it. */
export interface HostRow {
  readonly src: string;
  readonly syntax: RuleSyntax;
  readonly rule: string;
  readonly host: string;
  readonly expected: boolean;
}

export const V3_TEST = 'pkg/muxer/http/matcher_test.go TestHostMatcher';
export const V3_RE_TEST = 'pkg/muxer/http/matcher_test.go TestHostRegexpMatcher';
export const V2_TEST = 'pkg/muxer/http/matcher_v2_test.go TestHostV2Matcher';
export const V2_RE_TEST = 'pkg/muxer/http/matcher_v2_test.go TestHostRegexp';
export const V2_RE_TEST2 = 'pkg/muxer/http/matcher_v2_test.go TestHostRegexpV2Matcher';
export const V1_RE_TEST = 'v1.7 rules/rules_test.go TestHostRegexp';
export const DECORATOR = 'pkg/middlewares/requestdecorator/request_decorator_test.go TestRequestHost_parseHost';
export const DOCS = 'docs reference/routing-configuration/http/routing/rules-and-priority.md "Host and HostRegexp"';
export const FE80 = 'fe80::215:5dff:fe20:cd6a';
