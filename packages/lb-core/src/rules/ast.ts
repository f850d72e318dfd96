/**
 * The one AST every rule dialect (Traefik v1, v2, v3) parses into, the request facts matchers
 * read, and the path modifiers a rule may carry (v1's PathPrefixStrip, AddPrefix, …).
 * Matching never rewrites a request: modifiers are data the proxy applies after matching.
 */

/** The rule dialects. `v1` is Traefik 1.x (`Host:a;PathPrefixStrip:/x`), `v2` and `v3` are Traefik's. */
export type RuleSyntax = 'v1' | 'v2' | 'v3';

/** A node of a parsed rule. `pos` is the 0-based offset in the rule text. */
export type RuleNode =
  | { readonly kind: 'and'; readonly left: RuleNode; readonly right: RuleNode }
  | { readonly kind: 'or'; readonly left: RuleNode; readonly right: RuleNode }
  | { readonly kind: 'not'; readonly expr: RuleNode; readonly pos: number }
  | { readonly kind: 'matcher'; readonly name: string; readonly args: readonly string[]; readonly pos: number };

/**
 * A path rewrite attached to a router, applied after matching in Traefik's fixed order.
 * `stripPrefix` adds `X-Forwarded-Prefix`; `replacePath`/`replacePathRegex` add `X-Replaced-Path`.
 * `v1: true` marks the modifiers of a v1 rule, which behave as Traefik 1.7's (see path-modifiers).
 */
export type PathModifier =
  | { readonly kind: 'stripPrefix'; readonly prefixes: readonly string[]; readonly v1?: boolean }
  | { readonly kind: 'stripPrefixRegex'; readonly regex: readonly string[]; readonly v1?: boolean }
  | { readonly kind: 'addPrefix'; readonly prefix: string; readonly v1?: boolean }
  | { readonly kind: 'replacePath'; readonly path: string; readonly v1?: boolean }
  | { readonly kind: 'replacePathRegex'; readonly regex: string; readonly replacement: string; readonly v1?: boolean };

/**
 * What a matcher may read of a request. Built once per request by the proxy; read-only.
 * Header names are lower-case.
 */
export interface RequestFacts {
  /** The method exactly as sent (`GET`); method tokens are case-sensitive (RFC 9110 §9.1). */
  readonly method: string;
  /** The Host header (or `:authority`) as sent, possibly with a port. */
  readonly host: string;
  /** The request path, without the query string. */
  readonly path: string;
  /** The raw query string without the leading `?` (empty when none). */
  readonly query: string;
  /** Request headers with lower-case names. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /**
   * The header lines as received, names and values alternating (Node's `IncomingMessage.rawHeaders`).
   * When present, header matchers read it: each line is its own value, as in Traefik, whereas
   * `headers` joins a repeated header into one value (or drops the repeats of some headers).
   */
  readonly rawHeaders?: readonly string[];
  /** The client's IP address (the TCP peer, or the trusted forwarded address). */
  readonly clientIp: string;
}
