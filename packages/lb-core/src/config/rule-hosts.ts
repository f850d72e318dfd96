/**
 * The host names a router's rule serves, for TLS: which certificate names (and TLS options) a
 * router needs, and which domains an ACME resolver obtains for it when the router gives no
 * `tls.domains`. As Traefik's `ParseDomains`: every `Host` (and v2 `HostHeader`, v1 `Host:`)
 * argument anywhere in the rule except under a negation, lower-cased, deduplicated, in order.
 * `HostRegexp` and `HostSNI` name no host. (traefik `pkg/muxer/http/mux.go` `ParseDomains`)
 */
import type { RuleNode, RuleSyntax } from '../rules/ast';
import { parseRule } from '../rules/parse';

const HOST_MATCHERS = new Set(['Host', 'HostHeader']);

function collect(node: RuleNode, out: string[]): void {
  switch (node.kind) {
    case 'matcher':
      if (HOST_MATCHERS.has(node.name)) for (const arg of node.args) out.push(arg.trim().toLowerCase());
      return;
    case 'not':
      return;
    case 'and':
    case 'or':
      collect(node.left, out);
      collect(node.right, out);
  }
}

/**
 * The hosts of `rule`: exact names and `*.example.com` wildcards (a bare `*` or an empty name is
 * left out). A rule that does not parse names none (the route table reports it).
 */
export function ruleHosts(rule: string, syntax: RuleSyntax | 'auto' = 'auto'): string[] {
  let ast: RuleNode;
  try {
    ast = parseRule(rule, { syntax }).ast;
  } catch {
    return [];
  }
  const found: string[] = [];
  collect(ast, found);
  return [...new Set(found.filter((h) => h !== '' && h !== '*' && (!h.startsWith('*') || h.startsWith('*.'))))];
}

/** The domains an ACME resolver obtains for hosts without `tls.domains`: one per exact host (Traefik). */
export function defaultTlsDomains(hosts: readonly string[]): { main: string; sans: string[] }[] {
  return hosts.filter((h) => !h.includes('*')).map((main) => ({ main, sans: [] }));
}
