/**
 * Fuzz-only generators of the pieces of a Traefik rule: matcher names in several spellings (and
 * unknown ones), regexp-ish text, mux templates, argument text shaped for each kind of matcher,
 * quoted arguments (backticks, double quotes with valid and invalid Go escapes, broken strings) and
 * odd white space. Combined into whole rules by rule-expression-arbitraries.ts.
 */
import fc from 'fast-check';

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
export const matcherName = fc.oneof(
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
export const regexText = fc
  .array(fc.constantFrom(...REGEX_PARTS), { minLength: 1, maxLength: 8 })
  .map((p) => p.join(''));

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
export const template = (prefix: string) =>
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

export const space = fc.constantFrom('', '', ' ', ' ', '  ', '\t', '\n', '\r\n', '\u00a0');
