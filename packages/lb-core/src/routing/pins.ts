/**
 * Static analysis of a rule's AST for the route index: the literal hosts, exact paths or path
 * prefixes *every* match requires. A rule is host-pinned when each way of matching needs `Host`
 * equal to one of a finite set of literal hosts (for `a && b` either side's set suffices, so the
 * sets are intersected; for `a || b` both sides must be pinned and the sets are united; `!x`
 * pins nothing). Path pins work the same with literal `Path` (exact) and `PathPrefix` values
 * (v1/v2 templates with `{…}` are not literal). Pins are necessary conditions only: the compiled
 * rule still decides.
 */
import type { RuleNode, RuleSyntax } from '../rules/ast';
import { flatten } from '../rules/compile';
import { hostKey } from '../rules/host';

/** Literal paths a rule requires: an exact path or a prefix from these sets. */
export interface PathPins {
  readonly exact: ReadonlySet<string>;
  readonly prefixes: ReadonlySet<string>;
}

const HOST_MATCHERS = new Set(['Host', 'HostHeader']);

/** The host keys (lower-case, trailing dots removed) a match requires, or `undefined`. */
export function hostPins(node: RuleNode): ReadonlySet<string> | undefined {
  switch (node.kind) {
    case 'matcher':
      return HOST_MATCHERS.has(node.name) ? new Set(node.args.map((a) => hostKey(a.toLowerCase()))) : undefined;
    case 'not':
      return undefined;
    case 'and': {
      let result: Set<string> | undefined;
      for (const operand of flatten(node, 'and')) {
        const pins = hostPins(operand);
        if (pins === undefined) continue;
        result = result === undefined ? new Set(pins) : new Set([...result].filter((h) => pins.has(h)));
      }
      return result;
    }
    case 'or': {
      const result = new Set<string>();
      for (const operand of flatten(node, 'or')) {
        const pins = hostPins(operand);
        if (pins === undefined) return undefined;
        for (const h of pins) result.add(h);
      }
      return result;
    }
  }
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
