/**
 * Parser for Traefik 1.x rules (`traefik.frontend.rule` labels), following v1.7 `rules/rules.go`:
 * the rule splits on `;` into functions that must all match (AND); each function is `Name:values`,
 * split on `:` with empty pieces dropped and the rest re-joined (so `{name:regex}` templates
 * survive), values split on `,` and trimmed; names are exact (`Host`, not `host`).
 *
 * Output is the common AST (matchers with v2 semantics, which is how 1.7 built them on gorilla/mux)
 * plus path modifiers:
 * - `Host`, `HostRegexp`, `Path`, `PathPrefix`, `Method` with several values → OR of single matchers;
 * - `Headers`/`HeadersRegexp` → AND of key/value pairs; `Query` → AND of `k=v` pairs (split on `=`);
 * - `PathStrip`/`PathPrefixStrip` → `Path`/`PathPrefix` + `stripPrefix` (prefixes longest first);
 * - `PathStripRegex`/`PathPrefixStripRegex` → the same with templates + `stripPrefixRegex`;
 * - `AddPrefix`, `ReplacePath`, `ReplacePathRegex` (`regex replacement`, space-separated) → modifiers
 *   only (the last value wins, as in 1.7).
 * Modifiers are returned in 1.7's execution order: stripPrefixRegex, stripPrefix, addPrefix,
 * replacePathRegex, replacePath, each marked `v1: true` (1.7's stripping and prefixing rules).
 * A rule must contain at least one matcher.
 */
import { createError } from '../errors';
import type { PathModifier, RuleNode } from './ast';
import { compileGoRegExp } from './go-regexp';
import { leafMatcher } from './leaves';
import type { V1Function } from './matchers';
import { V1_FUNCTIONS } from './matchers';
import { compileMuxTemplate } from './mux-template';
import { fields } from './v1-fields';
import type { Field } from './v1-fields';

/** The v1 parse result. */
export interface V1Rule {
  readonly ast: RuleNode;
  readonly modifiers: readonly PathModifier[];
}

interface Mods {
  stripPrefixRegex?: PathModifier;
  stripPrefix?: PathModifier;
  addPrefix?: PathModifier;
  replacePathRegex?: PathModifier;
  replacePath?: PathModifier;
}

const MATCHER_OF: Partial<Record<V1Function, string>> = {
  Host: 'Host',
  HostRegexp: 'HostRegexp',
  Path: 'Path',
  PathPrefix: 'PathPrefix',
  Method: 'Method',
  PathStrip: 'Path',
  PathPrefixStrip: 'PathPrefix',
  PathStripRegex: 'Path',
  PathPrefixStripRegex: 'PathPrefix',
};

/** Parses a v1 rule. Throws `LbError` with `position` and `expected`. */
export function parseV1(rule: string): V1Rule {
  const nodes: RuleNode[] = [];
  const mods: Mods = {};
  for (const segment of fields(rule, ';', 0)) {
    const node = parseFunction(segment, mods);
    if (node !== undefined) nodes.push(node);
  }
  const [first, ...rest] = nodes;
  if (first === undefined) {
    throw createError('LB_RULE_SYNTAX', 'expected at least one matcher (Host, Path, PathPrefix…)', {
      position: 0,
      expected: 'a matcher like Host:example.com',
    });
  }
  const ast = rest.reduce<RuleNode>((left, right) => ({ kind: 'and', left, right }), first);
  const order = [mods.stripPrefixRegex, mods.stripPrefix, mods.addPrefix, mods.replacePathRegex, mods.replacePath];
  return { ast, modifiers: order.filter((m): m is PathModifier => m !== undefined) };
}

function parseFunction(segment: Field, mods: Mods): RuleNode | undefined {
  const parts = fields(segment.text, ':', segment.pos);
  const [head, ...tail] = parts;
  if (head === undefined)
    throw createError('LB_RULE_SYNTAX', 'expected a function name before values', {
      position: segment.pos,
      expected: 'Name:value',
    });
  const { text: name, pos: namePos } = trimmed(head);
  if (!(V1_FUNCTIONS as readonly string[]).includes(name)) {
    throw createError('LB_RULE_UNKNOWN_MATCHER', `unknown function ${name} in v1 syntax`, {
      position: namePos,
      expected: V1_FUNCTIONS.join(', '),
      found: name,
    });
  }
  const fn = name as V1Function;
  const values = joinedValues(tail).map(trimmed);
  if (values.length === 0)
    throw createError('LB_RULE_ARITY', `${fn} expects at least one value`, {
      position: namePos,
      expected: 'at least one value',
    });
  for (const v of values) {
    if (v.text === '')
      throw createError('LB_RULE_ARGUMENT', `empty value for ${fn}`, {
        position: v.pos,
        expected: 'a non-empty value',
      });
  }
  const last = values[values.length - 1] as Field;
  switch (fn) {
    case 'AddPrefix':
      mods.addPrefix = { kind: 'addPrefix', prefix: last.text, v1: true };
      return undefined;
    case 'ReplacePath':
      mods.replacePath = { kind: 'replacePath', path: last.text, v1: true };
      return undefined;
    case 'ReplacePathRegex': {
      const parts = last.text.split(' ');
      if (parts.length !== 2)
        throw createError('LB_RULE_ARGUMENT', 'ReplacePathRegex expects `regex replacement` separated by one space', {
          position: last.pos,
          expected: 'regex replacement',
        });
      const [regex = '', replacement = ''] = parts;
      compileGoRegExp(regex.trim(), last.pos);
      mods.replacePathRegex = {
        kind: 'replacePathRegex',
        regex: regex.trim(),
        replacement: replacement.trim(),
        v1: true,
      };
      return undefined;
    }
    case 'Headers':
    case 'HeadersRegexp':
      return pairsNode(fn, values, namePos);
    case 'Query': {
      const pieces = values.flatMap((v) => v.text.split('=').map((text) => ({ text, pos: v.pos })));
      if (pieces.length % 2 !== 0)
        throw createError('LB_RULE_ARITY', 'Query expects key=value pairs', {
          position: namePos,
          expected: 'key=value pairs',
        });
      const pairs = chunk(pieces).map(([k, v]) => ({ text: `${k.text}=${v.text}`, pos: k.pos }));
      return chain(
        'and',
        pairs.map((p) => matcher('Query', [p.text], p.pos)),
      );
    }
    default:
      break;
  }
  if (fn === 'PathStrip' || fn === 'PathPrefixStrip')
    mods.stripPrefix = { kind: 'stripPrefix', prefixes: longestFirst(values).map((v) => v.text), v1: true };
  if (fn === 'PathStripRegex' || fn === 'PathPrefixStripRegex') {
    const regex = longestFirst(values).map((v) => compileMuxTemplate(v.text, 'prefix', v.pos).pattern);
    mods.stripPrefixRegex = { kind: 'stripPrefixRegex', regex, v1: true };
  }
  const matcherName = MATCHER_OF[fn] ?? fn;
  return chain(
    'or',
    values.map((v) => matcher(matcherName, [v.text], v.pos)),
  );
}

function pairsNode(fn: 'Headers' | 'HeadersRegexp', values: readonly Field[], namePos: number): RuleNode {
  if (values.length % 2 !== 0)
    throw createError('LB_RULE_ARITY', `${fn} expects key,value pairs`, {
      position: namePos,
      expected: 'key,value pairs',
    });
  return chain(
    'and',
    chunk(values).map(([k, v]) => matcher(fn, [k.text, v.text], k.pos, [k.pos, v.pos])),
  );
}

function matcher(name: string, args: readonly string[], pos: number, positions: readonly number[] = [pos]): RuleNode {
  const node: RuleNode = { kind: 'matcher', name, args, pos };
  leafMatcher('v1', node, (i) => positions[i] ?? pos);
  return node;
}

function chain(kind: 'and' | 'or', nodes: readonly RuleNode[]): RuleNode {
  const [first, ...rest] = nodes as [RuleNode, ...RuleNode[]];
  return rest.reduce<RuleNode>((left, right) => ({ kind, left, right }), first);
}

function chunk<T>(items: readonly T[]): [T, T][] {
  const out: [T, T][] = [];
  for (let i = 0; i + 1 < items.length; i += 2) out.push([items[i] as T, items[i + 1] as T]);
  return out;
}

/** A field without surrounding white space, at its first other character (a blank field stays at its start). */
function trimmed(f: Field): Field {
  const text = f.text.trim();
  return { text, pos: text === '' ? f.pos : f.pos + (f.text.length - f.text.trimStart().length) };
}

/** Traefik 1.7's `bySize` order: longest first (stable for equal lengths). */
function longestFirst(values: readonly Field[]): Field[] {
  return [...values].sort((a, b) => b.text.length - a.text.length);
}

/** The values after the name: the remaining `:`-pieces re-joined with `:`, then split on `,`. */
function joinedValues(tail: readonly Field[]): Field[] {
  let joined = '';
  const offsets: number[] = [];
  for (const [k, piece] of tail.entries()) {
    if (k > 0) {
      joined += ':';
      offsets.push(piece.pos - 1);
    }
    joined += piece.text;
    for (let j = 0; j < piece.text.length; j++) offsets.push(piece.pos + j);
  }
  return fields(joined, ',', 0).map((f) => ({ text: f.text, pos: offsets[f.pos] ?? 0 }));
}
