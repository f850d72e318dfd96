/**
 * Leaf matchers of Traefik v3 (`pkg/muxer/http/matcher.go`), one argument set each:
 * - `Host`: ASCII only; case-insensitive, port ignored, one trailing dot tolerated on either side;
 *   `*.example.com` matches exactly one label in place of `*` (Traefik 3.7), and the bare `*`
 *   matches every request, even one without a host;
 * - `HostRegexp`: ASCII only; Go regexp, unanchored, on the canonical (lower-case, port-less) host;
 * - `Path` exact, `PathPrefix` plain string prefix (no segment boundary: `/api` matches `/apix`),
 *   both must start with `/`; `PathRegexp` unanchored Go regexp; all on `RequestFacts.path`;
 * - `Method`: the value is upper-cased, the request method compared exactly (`get` is not `GET`);
 * - `Header`/`HeaderRegexp`: some line of the header equals / matches (see `someHeader`); `Host`
 *   and `Transfer-Encoding` never match, as Go takes them out of the request's headers;
 * - `Query(k)`: some value of `k` is empty (`?k` or `?k=`); `Query(k, v)`: some value equals `v`;
 *   `QueryRegexp(k, re)`: some value matches; with one argument it is `Query(k)`;
 * - `ClientIP`: IP or CIDR (v4/v6) containing `RequestFacts.clientIp`.
 * Paths are compared with `RequestFacts.path` as given: Traefik matches its *routing path*
 * (percent-escapes decoded except reserved characters), which `toRoutingPath` computes.
 */
import type { Matcher, PositionOf } from './leaf-common';
import { argumentError, HEADERS_HIDDEN_FROM_MATCHERS, NEVER, someHeader } from './leaf-common';
import { compileGoRegExp } from './go-regexp';
import { canonicalHost, hostMatchesV3, isAscii } from './host';
import { compileIpChecker } from './ip';
import { queryOf } from './query';

type Builder = (args: readonly string[], positionOf: PositionOf) => Matcher;

function requireAscii(name: string, value: string, positionOf: PositionOf): void {
  if (!isAscii(value)) {
    throw argumentError(
      `invalid value \`${value}\` for ${name}: non-ASCII characters are not allowed`,
      'an ASCII (punycode) host',
      positionOf,
      0,
    );
  }
}

function requireSlash(name: string, value: string, positionOf: PositionOf): void {
  if (!value.startsWith('/'))
    throw argumentError(`${name} path \`${value}\` does not start with '/'`, "a path starting with '/'", positionOf, 0);
}

/** Builds a matcher over the values of query key `key`. */
function queryValues(key: string, test: (value: string) => boolean): Matcher {
  return (facts) => {
    const values = queryOf(facts).get(key);
    if (values === undefined) return false;
    for (const v of values) if (test(v)) return true;
    return false;
  };
}

const query: Builder = ([key = '', value = '']) => queryValues(key, (v) => v === value);

/** v3 builders by canonical name. */
export const V3_BUILDERS: Readonly<Record<string, Builder>> = {
  ClientIP: ([value = ''], positionOf) => {
    const checker = compileIpChecker([value]);
    if ('invalid' in checker)
      throw argumentError(
        `invalid IP or CIDR \`${value}\` for ClientIP`,
        'an IPv4/IPv6 address or CIDR',
        positionOf,
        0,
      );
    return (facts) => typeof facts.clientIp === 'string' && checker.contains(facts.clientIp);
  },
  Method: ([value = '']) => {
    const method = value.toUpperCase();
    return (facts) => facts.method === method;
  },
  Host: ([value = ''], positionOf) => {
    if (value === '*') return () => true;
    requireAscii('Host', value, positionOf);
    const host = value.toLowerCase();
    return (facts) => typeof facts.host === 'string' && hostMatchesV3(canonicalHost(facts.host), host);
  },
  HostRegexp: ([value = ''], positionOf) => {
    requireAscii('HostRegexp', value, positionOf);
    const re = compileGoRegExp(value, positionOf(0));
    return (facts) => typeof facts.host === 'string' && re.test(canonicalHost(facts.host));
  },
  Path: ([value = ''], positionOf) => {
    requireSlash('Path', value, positionOf);
    return (facts) => facts.path === value;
  },
  PathPrefix: ([value = ''], positionOf) => {
    requireSlash('PathPrefix', value, positionOf);
    return (facts) => typeof facts.path === 'string' && facts.path.startsWith(value);
  },
  PathRegexp: ([value = ''], positionOf) => {
    const re = compileGoRegExp(value, positionOf(0));
    return (facts) => typeof facts.path === 'string' && re.test(facts.path);
  },
  Header: ([key = '', value = '']) => {
    const name = key.toLowerCase();
    if (HEADERS_HIDDEN_FROM_MATCHERS.has(name)) return NEVER;
    const equal = (v: string): boolean => v === value;
    return (facts) => someHeader(facts, name, equal);
  },
  HeaderRegexp: ([key = '', value = ''], positionOf) => {
    const name = key.toLowerCase();
    const re = compileGoRegExp(value, positionOf(1));
    if (HEADERS_HIDDEN_FROM_MATCHERS.has(name)) return NEVER;
    const test = (v: string): boolean => re.test(v);
    return (facts) => someHeader(facts, name, test);
  },
  Query: query,
  QueryRegexp: (args, positionOf) => {
    if (args.length < 2) return query(args, positionOf);
    const re = compileGoRegExp(args[1] ?? '', positionOf(1));
    return queryValues(args[0] ?? '', (v) => re.test(v));
  },
};
