/**
 * Static analysis of a rule's AST for the route index: the literal hosts, exact paths or path
 * prefixes *every* match requires. A rule is host-pinned when each way of matching needs `Host`
 * equal to one of a finite set of literal hosts, or (v3 wildcards, `*.example.com`) a host whose
 * part after its first label is one of a finite set of suffixes (`example.com`). For `a && b`
 * either side's pins suffice (literal sets are intersected); for `a || b` both sides must be
 * pinned and the sets are united; `!x` pins nothing; the bare v3 `Host(`*`)`, `*.` and a v1
 * bracketed host (whose canonical form differs between dialects) pin nothing. Path pins work the same with literal `Path` (exact) and `PathPrefix` values
 * (v1/v2 templates with `{…}` are not literal). Pins are necessary conditions only: the compiled
 * rule still decides.
 */
import type { RuleNode, RuleSyntax } from '../rules/ast';
import { flatten } from '../rules/compile';
import { hostKey } from '../rules/host';

/** Hosts a rule requires: a host key from `exact`, or a host whose suffix after its first label is in `wildcard`. */
export interface HostPins {
  readonly exact: ReadonlySet<string>;
  readonly wildcard: ReadonlySet<string>;
}

/** Literal paths a rule requires: an exact path or a prefix from these sets. */
export interface PathPins {
  readonly exact: ReadonlySet<string>;
  readonly prefixes: ReadonlySet<string>;
}

const HOST_MATCHERS = new Set(['Host', 'HostHeader']);

const NO_HOSTS: ReadonlySet<string> = new Set();

/** The pins of one host value of a `Host` matcher, or `undefined` when it cannot be pinned. */
function pinOf(value: string, syntax: RuleSyntax): HostPins | undefined {
  const host = value.toLowerCase();
  if (syntax === 'v3' && host.startsWith('*')) {
    const suffix = host.startsWith('*.') ? hostKey(host.slice(2)) : '';
    return suffix === '' ? undefined : { exact: NO_HOSTS, wildcard: new Set([suffix]) };
  }
  if (syntax === 'v1' && host.startsWith('[') && host.endsWith(']')) return undefined;
  return { exact: new Set([hostKey(host)]), wildcard: NO_HOSTS };
}

/** The hosts a match requires (see the module comment), or `undefined`. */
export function hostPins(node: RuleNode, syntax: RuleSyntax): HostPins | undefined {
  switch (node.kind) {
    case 'matcher': {
      if (!HOST_MATCHERS.has(node.name)) return undefined;
      return unite(node.args.map((a) => pinOf(a, syntax)));
    }
    case 'not':
      return undefined;
    case 'and': {
      let literal: Set<string> | undefined;
      let other: HostPins | undefined;
      for (const operand of flatten(node, 'and')) {
        const pins = hostPins(operand, syntax);
        if (pins === undefined) continue;
        if (pins.wildcard.size > 0) other ??= pins;
        else
          literal =
            literal === undefined ? new Set(pins.exact) : new Set([...literal].filter((h) => pins.exact.has(h)));
      }
      return literal === undefined ? other : { exact: literal, wildcard: NO_HOSTS };
    }
    case 'or':
      return unite(flatten(node, 'or').map((operand) => hostPins(operand, syntax)));
  }
}

/** The union of pins, or `undefined` when one of them is. */
function unite(all: readonly (HostPins | undefined)[]): HostPins | undefined {
  const exact = new Set<string>();
  const wildcard = new Set<string>();
  for (const pins of all) {
    if (pins === undefined) return undefined;
    for (const h of pins.exact) exact.add(h);
    for (const s of pins.wildcard) wildcard.add(s);
  }
  return { exact, wildcard };
}

/** The literal paths a match requires, or `undefined`. */
export function pathPins(node: RuleNode, syntax: RuleSyntax): PathPins | undefined {
  switch (node.kind) {
    case 'matcher': {
      if (node.name !== 'Path' && node.name !== 'PathPrefix') return undefined;
      if (syntax !== 'v3' && node.args.some((a) => a.includes('{'))) return undefined;
      const set = new Set(node.args);
      return node.name === 'Path' ? { exact: set, prefixes: new Set() } : { exact: new Set(), prefixes: set };
    }
    case 'not':
      return undefined;
    case 'and': {
      let best: PathPins | undefined;
      for (const operand of flatten(node, 'and')) {
        const pins = pathPins(operand, syntax);
        if (pins !== undefined && (best === undefined || size(pins) < size(best))) best = pins;
      }
      return best;
    }
    case 'or': {
      const exact = new Set<string>();
      const prefixes = new Set<string>();
      for (const operand of flatten(node, 'or')) {
        const pins = pathPins(operand, syntax);
        if (pins === undefined) return undefined;
        for (const p of pins.exact) exact.add(p);
        for (const p of pins.prefixes) prefixes.add(p);
      }
      return { exact, prefixes };
    }
  }
}

function size(pins: PathPins): number {
  return pins.exact.size + pins.prefixes.size;
}
