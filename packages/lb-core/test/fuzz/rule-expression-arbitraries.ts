/**
 * Fuzz-only generators of whole rule texts: calls of any shape or shaped for their matcher (right
 * arity and argument kinds), grammar-aware v2/v3 expressions with `!`, `&&`, `||` and parentheses,
 * and Traefik 1.x rules (`Name:a,b;Name:…` with templates and modifiers).
 */
import fc from 'fast-check';
import { V1_FUNCTIONS } from '../../src/rules/matchers';
import { argumentText, matcherName, quoted, space, template } from './rule-argument-arbitraries';

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

export const call = fc.oneof({ weight: 6, arbitrary: shapedCall }, { weight: 1, arbitrary: anyCall });
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
