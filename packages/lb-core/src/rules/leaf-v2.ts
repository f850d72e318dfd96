/**
 * Leaf matchers of Traefik v2 (`matcher_v2.go`, on Traefik's fork of gorilla/mux, containous/mux),
 * also used for v1 rules, whose matchers Traefik 1.7 built on the same routes (`leaf-v1.ts` holds
 * the few that differ):
 * - `Host`/`HostHeader`: any of the hosts, as v3 `Host` without wildcards (`*.a.com` is literal);
 * - `HostRegexp`: any host template, matched case-insensitively (`(?i)`) against the Host header
 *   without its port (`muxHost`: `[::1]:80` → `::1`, `[::1]` stays); capturing groups are allowed;
 * - `Path`/`PathPrefix`: any gorilla path template (anchored; prefix templates at the start only),
 *   a template without `{` is a plain string (exact / prefix);
 * - `Method`: any method (upper-cased); `ClientIP`: any IP or CIDR;
 * - `Headers(k, v, …)`/`HeadersRegexp(k, re, …)`: every pair must match, on any line of the header
 *   (a repeated key keeps its last value, as gorilla's map does); `Host` and `Transfer-Encoding` are
 *   never present (Go takes them out of the headers);
 * - `Query(`k=v`, …)`: arguments are split at their first `=` and the pieces re-paired (Traefik's
 *   quirk: `Query(`a`, `b`)` means `a=b`); each pair is a gorilla query template matched against the
 *   first value of the key (an empty value means "present").
 */
import type { Matcher, PositionOf } from './leaf-common';
import {
  anyOf,
  allOf,
  argumentError,
  arityError,
  hasHeader,
  HEADERS_HIDDEN_FROM_MATCHERS,
  NEVER,
  someHeader,
} from './leaf-common';
import { compileGoRegExp } from './go-regexp';
import { canonicalHost, hostEquals, isAscii, muxHost } from './host';
import { compileIpChecker } from './ip';
import { compileMuxTemplate } from './mux-template';
import { queryOf } from './query';

/** Builds the matcher of one leaf from its arguments. */
export type Builder = (args: readonly string[], positionOf: PositionOf) => Matcher;

const host: Builder = (args, positionOf) => {
  const hosts = args.map((value, i) => {
    if (!isAscii(value))
      throw argumentError(
        `invalid value \`${value}\` for Host: non-ASCII characters are not allowed`,
        'an ASCII (punycode) host',
        positionOf,
        i,
      );
    return value.toLowerCase();
  });
  return anyOf(hosts.map((h) => (facts) => typeof facts.host === 'string' && hostEquals(canonicalHost(facts.host), h)));
};

/** `HostRegexp` over host templates, reading the request host through `hostOf`. */
export function hostTemplates(hostOf: (raw: string) => string): Builder {
  return (args, positionOf) =>
    anyOf(
      args.map((tpl, i): Matcher => {
        if (!isAscii(tpl))
          throw argumentError(
            `invalid value \`${tpl}\` for HostRegexp: non-ASCII characters are not allowed`,
            'an ASCII host template',
            positionOf,
            i,
          );
        const { regexp } = compileMuxTemplate(tpl, 'host', positionOf(i));
        return (facts) => typeof facts.host === 'string' && regexp.test(hostOf(facts.host).toLowerCase());
      }),
    );
}

function pathTemplates(kind: 'path' | 'prefix'): Builder {
  return (args, positionOf) =>
    anyOf(
      args.map((tpl, i): Matcher => {
        if (!tpl.startsWith('/'))
          throw argumentError(`path \`${tpl}\` does not start with '/'`, "a path starting with '/'", positionOf, i);
        if (!tpl.includes('{')) {
          return kind === 'path'
            ? (facts) => facts.path === tpl
            : (facts) => typeof facts.path === 'string' && facts.path.startsWith(tpl);
        }
        const { regexp } = compileMuxTemplate(tpl, kind, positionOf(i));
        return (facts) => typeof facts.path === 'string' && regexp.test(facts.path);
      }),
    );
}

/** Key/value pairs as gorilla's map keeps them (a repeated key keeps its last value and index). */
function pairs(args: readonly string[]): Map<string, { readonly value: string; readonly index: number }> {
  const map = new Map<string, { value: string; index: number }>();
  for (let i = 0; i + 1 < args.length; i += 2)
    map.set((args[i] ?? '').toLowerCase(), { value: args[i + 1] ?? '', index: i + 1 });
  return map;
}

/** v2 (and v1) builders by canonical name. */
export const V2_BUILDERS: Readonly<Record<string, Builder>> = {
  Host: host,
  HostHeader: host,
  HostRegexp: hostTemplates(muxHost),
  ClientIP: (args, positionOf) => {
    const checker = compileIpChecker(args);
    if ('invalid' in checker) {
      throw argumentError(
        `invalid IP or CIDR \`${args[checker.invalid] ?? ''}\` for ClientIP`,
        'an IPv4/IPv6 address or CIDR',
        positionOf,
        checker.invalid,
      );
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
    allOf(
      [...pairs(args)].map(([key, { value }]): Matcher => {
        if (HEADERS_HIDDEN_FROM_MATCHERS.has(key)) return NEVER;
        if (value === '') return (f) => hasHeader(f, key);
        const equal = (v: string): boolean => v === value;
        return (f) => someHeader(f, key, equal);
      }),
    ),
  HeadersRegexp: (args, positionOf) =>
    allOf(
      [...pairs(args)].map(([key, { value, index }]): Matcher => {
        const re = value === '' ? undefined : compileGoRegExp(value, positionOf(index));
        if (HEADERS_HIDDEN_FROM_MATCHERS.has(key)) return NEVER;
        if (re === undefined) return (f) => hasHeader(f, key);
        const test = (v: string): boolean => re.test(v);
        return (f) => someHeader(f, key, test);
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
      const { regexp } = compileMuxTemplate(
        `${key}=${pieces[i + 1] ?? ''}`,
        'query',
        positionOf(Math.min(i / 2, args.length - 1)),
      );
      matchers.push((facts) => {
        const first = queryOf(facts).get(key)?.[0];
        return regexp.test(first === undefined ? '' : `${key}=${first}`);
      });
    }
    return allOf(matchers);
  },
};
