/**
 * Fuzz-only generators of Traefik rules for the rule fuzz tests: grammar-aware v2/v3 expressions
 * (every matcher name in several spellings, arguments shaped for each matcher, backtick and
 * double-quoted strings with Go escapes, `!`, `&&`, `||`, parentheses, odd white space), v1 rules
 * (`Name:a,b;Name:…` with templates and modifiers), mutations of both (deletions, insertions of
 * rule tokens, duplications, truncations), raw text, deep nesting and near-limit huge rules.
 */
import fc from 'fast-check';
import { MAX_RULE_DEPTH, MAX_RULE_LENGTH } from '../../src/rules/parse';
import { V1_FUNCTIONS } from '../../src/rules/matchers';

/** One generated rule and the syntax it is parsed with. */
export interface RuleCase {
  readonly rule: string;
  readonly syntax: 'auto' | 'v1' | 'v2' | 'v3';
}

const V3_NAMES = [
  'ClientIP',
  'Method',
  'Host',
  'HostRegexp',
  'Path',
  'PathRegexp',
  'PathPrefix',
  'Header',
  'HeaderRegexp',
  'Query',
  'QueryRegexp',
];
const V2_NAMES = ['HostHeader', 'Headers', 'HeadersRegexp'];
const ODD_NAMES = [
  'pathPrefix',
  'Hots',
  'HostSNI',
  'PathPrefixStrip',
  'Label',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'Ĥost',
  'x',
];

/** A matcher name: canonical, lower, upper, title-cased (all accepted) or unknown. */
const matcherName = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...V3_NAMES, ...V2_NAMES) },
  {
    weight: 3,
    arbitrary: fc
      .constantFrom(...V3_NAMES, ...V2_NAMES)
      .chain((n) => fc.constantFrom(n.toLowerCase(), n.toUpperCase(), n.charAt(0) + n.slice(1).toLowerCase())),
  },
  { weight: 1, arbitrary: fc.constantFrom(...ODD_NAMES) },
);

const REGEX_PARTS = [
  'a',
  'b',
  '.',
  '*',
  '+',
  '?',
  '{2}',
  '{1,3}',
  '{2,}',
  '(?:',
  '(',
  ')',
  '|',
  '[a-z]',
  '[^/]',
  '[',
  ']',
  '^',
  '$',
  '\\d',
  '\\w',
  '\\.',
  '\\b',
  '(?i)',
  '(?s)',
  '(?P<n>',
  '(?<m>',
  '\\pL',
  '\\p{Greek}',
  '[[:alpha:]]',
  '\\Q.*\\E',
  '\\x{41}',
  '\\z',
  '\\A',
  '(?=',
  '\\1',
  'é',
  '😀',
  '{',
  '}',
  '\\',
];
/** Regexp-ish text. Nested quantifiers are possible: see the fuzz tests for how hangs are handled. */
const regexText = fc.array(fc.constantFrom(...REGEX_PARTS), { minLength: 1, maxLength: 8 }).map((p) => p.join(''));

const TEMPLATE_VARS = [
  '{id}',
  '{id:[0-9]+}',
  '{x:.*}',
  '{sub:[a-z]+}',
  '{a:(?:b|c)}',
  '{x:(a)}',
  '{:x}',
  '{x:}',
  '{',
  '}',
  '{x:[a-z]{2,3}}',
  '{p:\\d+}',
];
const template = (prefix: string) =>
  fc
    .array(
      fc.oneof(fc.constantFrom(...TEMPLATE_VARS), fc.constantFrom('/', 'api', '.', 'example', 'com', '-', ':', '=')),
      { maxLength: 5 },
    )
    .map((p) => prefix + p.join(''));

const weird = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);

/** Argument text shaped for each kind of matcher, plus anything at all. */
export const argumentText = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'a',
      'example.com',
      'B.Example.COM.',
      'xn--bcher-kva.example',
      'é.com',
      '[::1]',
      'a:80',
      '*.x',
      ' ',
      'localhost',
    ),
  },
  { weight: 3, arbitrary: fc.constantFrom('/', '/api', '/api/', 'api', '/%2F', '/é', '/a b', '//') },
  { weight: 3, arbitrary: template('/') },
  { weight: 1, arbitrary: template('') },
  { weight: 3, arbitrary: regexText },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '10.0.0.0/8',
      '::1',
      '192.168.1.1',
      '10.0.0.1/33',
      '::ffff:10.0.0.0/104',
      'fe80::1%eth0',
      '1.2.3',
      '::/0',
      '01.2.3.4',
      '0.0.0.0/0',
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'GET',
      'post',
      'PATCH',
      'GET POST',
      'X-A',
      'content-type',
      '__proto__',
      'constructor',
      'toString',
    ),
  },
  { weight: 2, arbitrary: fc.constantFrom('a=1', 'a=', '=1', 'k=v=w', '{x}={y:[0-9]+}', 'a={v}', '__proto__=1', 'q') },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 3, arbitrary: weird },
);

/** Go escapes for one character, valid ones and (rarely) invalid ones. */
function goEscaped(ch: string, style: number): string {
  const cp = ch.codePointAt(0) ?? 0;
  if (ch === '"') return '\\"';
  if (ch === '\\') return '\\\\';
  if (ch === '\n') return '\\n';
  if (cp > 0xffff) return style % 2 === 0 ? `\\U${cp.toString(16).padStart(8, '0')}` : ch;
  if (cp >= 0xd800 && cp <= 0xdfff) return `\\u${cp.toString(16)}`; // invalid in Go: refused
  if (cp > 0x7f) return style % 3 === 0 ? `\\u${cp.toString(16).padStart(4, '0')}` : ch;
  if (cp < 0x20 || style % 7 === 0)
    return style % 2 === 0 ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\${cp.toString(8).padStart(3, '0')}`;
  return ch;
}

const BAD_ESCAPES = ['\\q', '\\x4', '\\u12', '\\400', '\\U00110000', '\\', "\\'"];

/** A quoted argument: backticks, double quotes with escapes, or a broken string. */
export const quoted = fc.tuple(argumentText, fc.nat(20), fc.constantFrom(...BAD_ESCAPES)).map(([text, style, bad]) => {
  if (style < 9) return `\`${text}\``;
  if (style < 18) return `"${[...text].map((ch) => goEscaped(ch, style)).join('')}"`;
  return [`'${text}'`, `"${text}${bad}"`, `\`${text}`, `"${text}`, text][style - 18] ?? text;
});

const space = fc.constantFrom('', '', ' ', ' ', '  ', '\t', '\n', '\r\n', '\u00a0');

/** Any call: any name, 0–4 arguments of any shape, sometimes broken punctuation. */
const anyCall = fc
  .tuple(matcherName, space, fc.array(fc.tuple(quoted, space), { maxLength: 4 }), fc.nat(30))
  .map(([name, sp, args, odd]) => {
    const list = args.map(([q, s]) => `${q}${s}`).join(odd === 0 ? ' ' : odd === 1 ? ',,' : ', ');
    return odd === 2 ? `${name}${sp}${list}` : `${name}${sp}(${list}${odd === 3 ? ',' : ''})`;
  });

const SAFE_REGEX = [
  'a',
  'b',
  '[a-z]+',
  '\\d+',
  '.*',
  '(?:a|b)',
  '^',
  '$',
  '\\.',
  '[^/]*',
  '(?i)',
  '(x)',
  '(?P<n>y)',
  '\\pL',
  'é',
];
const safeRegex = fc.array(fc.constantFrom(...SAFE_REGEX), { minLength: 1, maxLength: 5 }).map((p) => p.join(''));
const host = fc.constantFrom('a', 'example.com', 'B.Example.COM.', 'xn--bcher-kva.example', 'localhost', 'a-b.c', 'x.');
const path = fc.oneof(fc.constantFrom('/', '/api', '/api/', '/x/y', '/%2F', '/é', '/a b'), template('/'));
const header = fc.constantFrom('X-A', 'content-type', 'Accept', '__proto__', 'constructor', 'toString');
const ip = fc.constantFrom(
  '10.0.0.0/8',
  '::1',
  '192.168.1.1',
  '::ffff:10.0.0.0/104',
  '::/0',
  '0.0.0.0/0',
  '10.0.0.1',
  'fe80::/10',
);
const text = fc.oneof(fc.constantFrom('1', 'v', 'json', 'GET', 'a b'), fc.string({ minLength: 1, maxLength: 6 }));
const SHAPES: Readonly<Record<string, fc.Arbitrary<string[]>>> = {
  Host: fc.array(host, { minLength: 1, maxLength: 3 }),
  HostHeader: fc.array(host, { minLength: 1, maxLength: 2 }),
  HostRegexp: fc.array(
    fc.oneof(
      safeRegex,
      template('').map((t) => `{s:[a-z]+}.${t}`),
    ),
    { minLength: 1, maxLength: 2 },
  ),
  Path: fc.array(path, { minLength: 1, maxLength: 2 }),
  PathPrefix: fc.array(path, { minLength: 1, maxLength: 2 }),
  PathRegexp: fc.tuple(safeRegex).map((a) => [...a]),
  Method: fc.array(fc.constantFrom('GET', 'post', 'PUT', 'DELETE'), { minLength: 1, maxLength: 2 }),
  Header: fc.tuple(header, text).map((a) => [...a]),
  HeaderRegexp: fc.tuple(header, safeRegex).map((a) => [...a]),
  Headers: fc.tuple(header, text).map((a) => [...a]),
  HeadersRegexp: fc.tuple(header, safeRegex).map((a) => [...a]),
  Query: fc.oneof(
    fc.tuple(text).map((a) => [...a]),
    fc.tuple(text, text).map((a) => [...a]),
    fc.constantFrom<string[]>(['a=1'], ['a={v}', 'b=']),
  ),
  QueryRegexp: fc.tuple(text, safeRegex).map((a) => [...a]),
  ClientIP: fc.array(ip, { minLength: 1, maxLength: 2 }),
};

/** A call shaped for its matcher (right arity and argument kinds, usually valid). */
const shapedCall = fc
  .constantFrom(...Object.keys(SHAPES))
  .chain((name) => fc.tuple(fc.constant(name), SHAPES[name] ?? fc.constant([]), fc.nat(3)))
  .map(
    ([name, args, style]) =>
      `${name}(${args.map((a) => (style === 0 && !a.includes('"') && !a.includes('\\') ? `"${a}"` : `\`${a}\``)).join(', ')})`,
  );

const call = fc.oneof({ weight: 6, arbitrary: shapedCall }, { weight: 1, arbitrary: anyCall });
const binary = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('&&', '||') },
  { weight: 1, arbitrary: fc.constantFrom('&', '|', 'and', '&&!') },
);

/** v2/v3 expressions over `leaf` calls joined with `op`. */
const expressions = (leaf: fc.Arbitrary<string>, op: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.letrec<{ expr: string }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 4, arbitrary: leaf },
      { weight: 1, arbitrary: fc.tuple(space, tie('expr')).map(([s, e]) => `!${s}${e}`) },
      { weight: 1, arbitrary: fc.tuple(space, tie('expr'), space).map(([s, e, t]) => `(${s}${e}${t})`) },
      { weight: 2, arbitrary: fc.tuple(tie('expr'), space, op, space, tie('expr')).map((p) => p.join('')) },
    ),
  })).expr;

/** Grammar-aware v2/v3 expressions, with the odd unknown name, bad argument or bad operator. */
export const expressionText = expressions(call, binary);
/** v2/v3 expressions of matcher-shaped calls only, which mostly parse. */
export const validishText = expressions(shapedCall, fc.constantFrom('&&', '||'));

const v1Name = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...V1_FUNCTIONS) },
  { weight: 1, arbitrary: fc.constantFrom('host', 'PathPrefixstrip', 'Hosts', 'Host(', '', ' Host') },
);
const v1Value = fc.oneof(
  { weight: 6, arbitrary: argumentText.filter((t) => !t.includes(';')) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'X-A,1',
      'a=1',
      'a=1,b=2',
      '^/a/(.*) /b/$1',
      '^/(?P<x>.*) /$x',
      '/p',
      'a b c',
      '{sub:[a-z]+}.example.com',
      'a,,b',
      ' , ',
    ),
  },
);

/** Traefik 1.x rules: `Name:value,value;Name:…`. */
export const v1Text = fc
  .array(
    fc.tuple(
      v1Name,
      fc.constantFrom(':', ':', ': ', ' : ', '::'),
      fc.array(v1Value, { minLength: 1, maxLength: 3 }),
      fc.constantFrom(',', ',', ', '),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .chain((segments) =>
    fc
      .constantFrom(';', ';', '; ', ';;')
      .map((sep) => segments.map(([n, c, vs, comma]) => `${n}${c}${vs.join(comma)}`).join(sep)),
  );

const TOKENS = [
  'Host(',
  'Path(',
  '`',
  '"',
  "'",
  '&&',
  '||',
  '!',
  '(',
  ')',
  ',',
  ':',
  ';',
  '{',
  '}',
  '\\',
  '=',
  ' ',
  '\n',
  'é',
  '😀',
  '\u0000',
  '\ud800',
  'Host:',
  'a',
];
interface Mutation {
  readonly kind: number;
  readonly at: number;
  readonly len: number;
  readonly token: string;
}
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.nat(4),
  at: fc.nat(),
  len: fc.nat(8),
  token: fc.constantFrom(...TOKENS),
});

/** Applies a mutation: delete, insert a token, duplicate a slice, replace a character, truncate. */
function mutate(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % (text.length + 1);
  switch (m.kind) {
    case 0:
      return text.slice(0, at) + text.slice(at + m.len);
    case 1:
      return text.slice(0, at) + m.token + text.slice(at);
    case 2:
      return text.slice(0, at + m.len) + text.slice(at, at + m.len) + text.slice(at + m.len);
    case 3:
      return text.slice(0, at) + m.token + text.slice(at + 1);
    default:
      return text.slice(0, at);
  }
}

const mutated = (base: fc.Arbitrary<string>) =>
  fc.tuple(base, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([t, ms]) => ms.reduce(mutate, t));
const syntax = fc.constantFrom('auto' as const, 'v1' as const, 'v2' as const, 'v3' as const);

/** The everyday mix: grammar-aware (mostly), mutated, and raw text, with a random syntax. */
export const ruleCase: fc.Arbitrary<RuleCase> = fc
  .oneof(
    { weight: 3, arbitrary: fc.tuple(validishText, fc.constantFrom('auto' as const, 'v2' as const, 'v3' as const)) },
    { weight: 5, arbitrary: fc.tuple(expressionText, fc.constantFrom('auto' as const, 'v2' as const, 'v3' as const)) },
    { weight: 2, arbitrary: fc.tuple(v1Text, fc.constantFrom('auto' as const, 'v1' as const)) },
    { weight: 3, arbitrary: fc.tuple(mutated(fc.oneof(expressionText, v1Text)), syntax) },
    {
      weight: 1,
      arbitrary: fc.tuple(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 40 })),
        syntax,
      ),
    },
  )
  .map(([rule, s]) => ({ rule, syntax: s }));

/** Mostly valid rules, for properties about accepted rules (route tables). */
export const validishCase: fc.Arbitrary<RuleCase> = fc
  .oneof(
    { weight: 4, arbitrary: fc.tuple(validishText, fc.constantFrom('auto' as const, 'v2' as const)) },
    { weight: 1, arbitrary: fc.tuple(v1Text, fc.constant('auto' as const)) },
  )
  .map(([rule, s]) => ({ rule, syntax: s }));

/** Nesting around the parser's depth cap, and long chains. */
export const deepCase: fc.Arbitrary<RuleCase> = fc
  .tuple(
    fc.integer({ min: MAX_RULE_DEPTH - 3, max: MAX_RULE_DEPTH + 3 }),
    fc.constantFrom('(', '!', '!(', '( !'),
    call,
    fc.nat(1),
  )
  .map(([depth, open, leaf, closed]) => {
    const closer = open === '(' || open === '!(' ? ')' : open === '( !' ? ')' : '';
    return { rule: `${open.repeat(depth)}${leaf}${closed === 0 ? closer.repeat(depth) : ''}`, syntax: 'auto' as const };
  });

/** Rules near and past the length limit: one generated piece repeated. */
export const hugeCase: fc.Arbitrary<RuleCase> = fc
  .tuple(
    fc.oneof(
      expressionText,
      v1Text,
      regexText.map((r) => `PathRegexp(\`${r}\`)`),
    ),
    fc.constantFrom(' || ', ' && ', ';', ',', ''),
    fc.integer({ min: -64, max: 64 }),
    syntax,
  )
  .map(([piece, sep, over, s]) => {
    const unit = piece + sep;
    const target = MAX_RULE_LENGTH + over;
    const rule = unit.repeat(Math.ceil(target / Math.max(1, unit.length))).slice(0, Math.max(0, target));
    return { rule, syntax: s };
  });
