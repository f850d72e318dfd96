/**
 * Leaf matchers of Traefik 1.7 rules (`rules/rules.go` on containous/mux as of 1.7) where they
 * differ from the v2 ones they otherwise share (`leaf-v2.ts`):
 * - `Host`: the lower-cased rule host must equal Traefik 1.7's canonical request host
 *   (`canonicalHostV1`: port split off, trimmed, lower-cased, `[::1]` keeps its brackets) exactly:
 *   no trailing-dot tolerance and no wildcard (`Host:a.com.` needs `a.com.`);
 * - `HostRegexp`: host templates, case-insensitive, on the raw host cut at its first `:`.
 */
import type { Matcher } from './leaf-common';
import { anyOf } from './leaf-common';
import type { Builder } from './leaf-v2';
import { hostTemplates, V2_BUILDERS } from './leaf-v2';
import { canonicalHostV1, muxHostV1 } from './host';

const host: Builder = (args) =>
  anyOf(
    args.map((value): Matcher => {
      const expected = value.toLowerCase();
      return (facts) => {
        if (typeof facts.host !== 'string') return false;
        const reqHost = canonicalHostV1(facts.host);
        return reqHost.length > 0 && reqHost === expected;
      };
    }),
  );

/** v1 builders by canonical (v2) matcher name. */
export const V1_BUILDERS: Readonly<Record<string, Builder>> = {
  ...V2_BUILDERS,
  Host: host,
  HostRegexp: hostTemplates(muxHostV1),
};
