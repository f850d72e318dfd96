/**
 * Leaf matchers of Traefik v2 (`matcher_v2.go`, mostly gorilla/mux), also used for v1 rules, whose
 * matchers Traefik 1.7 built on the same gorilla routes:
 * - `Host`/`HostHeader`: any of the hosts, as v3 `Host`;
 * - `HostRegexp`: any gorilla host template, matched case-sensitively against the raw Host header,
 *   with the port cut at the first `:` unless the generated pattern contains a `:` (gorilla);
 * - `Path`/`PathPrefix`: any gorilla path template (anchored; prefix templates at the start only),
 *   a template without `{` is a plain string (exact / prefix);
 * - `Method`: any method (upper-cased); `ClientIP`: any IP or CIDR;
 * - `Headers(k, v, …)`/`HeadersRegexp(k, re, …)`: every pair must match (a repeated key keeps its
 *   last value, as gorilla's map does);
 * - `Query(`k=v`, …)`: arguments are split at their first `=` and the pieces re-paired (Traefik's
 *   quirk: `Query(`a`, `b`)` means `a=b`); each pair is a gorilla query template matched against the
 *   first value of the key (an empty value means "present").
 */
import type { Matcher, PositionOf } from './leaf-common';
import { anyOf, allOf, argumentError, arityError, hasHeader, someHeader } from './leaf-common';
import { compileGoRegExp } from './go-regexp';
import { canonicalHost, hostEquals, isAscii } from './host';
import { compileIpChecker } from './ip';
import { compileMuxTemplate } from './mux-template';
import { queryOf } from './query';

type Builder = (args: readonly string[], positionOf: PositionOf) => Matcher;

const host: Builder = (args, positionOf) => {
  const hosts = args.map((value, i) => {
    if (!isAscii(value)) throw argumentError(`invalid value \`${value}\` for Host: non-ASCII characters are not allowed`, 'an ASCII (punycode) host', positionOf, i);
    return value.toLowerCase();
  });
  return anyOf(hosts.map((h) => (facts) => typeof facts.host === 'string' && hostEquals(canonicalHost(facts.host), h)));
};

function pathTemplates(kind: 'path' | 'prefix'): Builder {
  return (args, positionOf) =>
    anyOf(
      args.map((tpl, i): Matcher => {
        if (!tpl.startsWith('/')) throw argumentError(`path \`${tpl}\` does not start with '/'`, "a path starting with '/'", positionOf, i);
        if (!tpl.includes('{')) {
          return kind === 'path' ? (facts) => facts.path === tpl : (facts) => typeof facts.path === 'string' && facts.path.startsWith(tpl);
        }
        const { regexp } = compileMuxTemplate(tpl, kind, positionOf(i));
        return (facts) => typeof facts.path === 'string' && regexp.test(facts.path);
      }),
    );
}

/** Key/value pairs as gorilla's map keeps them (a repeated key keeps its last value and index). */
function pairs(args: readonly string[]): Map<string, { readonly value: string; readonly index: number }> {
  const map = new Map<string, { value: string; index: number }>();
  for (let i = 0; i + 1 < args.length; i += 2) map.set((args[i] ?? '').toLowerCase(), { value: args[i + 1] ?? '', index: i + 1 });
  return map;
}

/** v2 (and v1) builders by canonical name. */
export const V2_BUILDERS: Readonly<Record<string, Builder>> = {
  Host: host,
  HostHeader: host,
  HostRegexp: (args, positionOf) =>
    anyOf(
      args.map((tpl, i): Matcher => {
        if (!isAscii(tpl)) throw argumentError(`invalid value \`${tpl}\` for HostRegexp: non-ASCII characters are not allowed`, 'an ASCII host template', positionOf, i);
        const { regexp, wildcardHostPort } = compileMuxTemplate(tpl, 'host', positionOf(i));
        return (facts) => {
          if (typeof facts.host !== 'string') return false;
          const colon = wildcardHostPort ? facts.host.indexOf(':') : -1;
          return regexp.test(colon < 0 ? facts.host : facts.host.slice(0, colon));
        };
      }),
    ),
  ClientIP: (args, positionOf) => {
    const checker = compileIpChecker(args);
    if ('invalid' in checker) {
      throw argumentError(`invalid IP or CIDR \`${args[checker.invalid] ?? ''}\` for ClientIP`, 'an IPv4/IPv6 address or CIDR', positionOf, checker.invalid);
    }
    return (facts) => typeof facts.clientIp === 'string' && checker.contains(facts.clientIp);
  },
  Path: pathTemplates('path'),
  PathPrefix: pathTemplates('prefix'),
  Method: (args) => {
    const methods = args.map((m) => m.toUpperCase());
    return (facts) => methods.includes(facts.method);
  },
  Headers: (args) =>
    allOf([...pairs(args)].map(([key, { value }]): Matcher => (value === '' ? (f) => hasHeader(f, key) : (f) => someHeader(f, key, (v) => v === value)))),
  HeadersRegexp: (args, positionOf) =>
    allOf(
      [...pairs(args)].map(([key, { value, index }]): Matcher => {
        if (value === '') return (f) => hasHeader(f, key);
        const re = compileGoRegExp(value, positionOf(index));
        return (f) => someHeader(f, key, (v) => re.test(v));
      }),
    ),
  Query: (args, positionOf) => {
    const pieces = args.flatMap((arg) => {
      const eq = arg.indexOf('=');
      return eq < 0 ? [arg] : [arg.slice(0, eq), arg.slice(eq + 1)];
    });
    if (pieces.length % 2 !== 0) throw arityError('Query', 'key=value pairs', pieces.length, positionOf);
    const matchers: Matcher[] = [];
    for (let i = 0; i < pieces.length; i += 2) {
      const key = pieces[i] ?? '';
      const { regexp } = compileMuxTemplate(`${key}=${pieces[i + 1] ?? ''}`, 'query', positionOf(Math.min(i / 2, args.length - 1)));
      matchers.push((facts) => {
        const first = queryOf(facts).get(key)?.[0];
        return regexp.test(first === undefined ? '' : `${key}=${first}`);
      });
    }
    return allOf(matchers);
  },
};
