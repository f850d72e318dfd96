/**
 * Test-only: maximal-size hostile rules (close to the 64 KiB cap) that stress every loop of the
 * parser and the regexp translator. Used by the property tests to show parsing stays bounded.
 */
import { MAX_RULE_LENGTH } from '../../src/rules/parse';

const fill = (prefix: string, unit: string, suffix: string): string =>
  prefix + unit.repeat(Math.floor((MAX_RULE_LENGTH - prefix.length - suffix.length) / unit.length)) + suffix;

/** [description, rule, syntax] triples. */
export const ADVERSARIAL_RULES: readonly (readonly [string, string, 'auto' | 'v2'])[] = [
  ['POSIX openers in one class', fill('PathRegexp(`[', '[:', ']`)'), 'auto'],
  ['POSIX classes', fill('PathRegexp(`[', '[:alpha:]', ']`)'), 'auto'],
  ['deep regexp groups', fill('PathRegexp(`', '(', '`)'), 'auto'],
  ['many regexp groups', fill('PathRegexp(`', '(a)', '`)'), 'auto'],
  ['many named groups', `PathRegexp(\`${Array.from({ length: 5000 }, (_, i) => `(?P<n${i}>a)`).join('')}\`)`, 'auto'],
  ['many braces', fill('PathRegexp(`', 'a{', '`)'), 'auto'],
  ['many repeats', fill('PathRegexp(`', 'a{1,1000}', '`)'), 'auto'],
  ['many quoted runs', fill('PathRegexp(`', '\\Qa', '`)'), 'auto'],
  ['many Unicode escapes', fill('PathRegexp(`', '\\p{L}', '`)'), 'auto'],
  ['long alternation', fill('PathRegexp(`', 'ab|', 'c`)'), 'auto'],
  ['long || chain', fill('', 'Host(`a`) || ', 'Host(`b`)'), 'auto'],
  ['long && chain of negations', fill('', '!Path(`/`) && ', 'Path(`/`)'), 'auto'],
  ['deep parentheses', fill('', '(', 'Host(`a`)'), 'auto'],
  ['deep negations', fill('', '!', 'Host(`a`)'), 'auto'],
  ['long quoted string', fill('Path("/', '\\x41\\u00e9', '")'), 'auto'],
  ['v1 many hosts', fill('Host:', 'a,', 'b'), 'auto'],
  ['v1 many strip regexes', fill('PathStripRegex:', '/{a},', '/b'), 'auto'],
  ['v1 many segments', fill('', 'Host:a;', 'Path:/'), 'auto'],
  ['v1 many colons', fill('HostRegexp:', '{a:b}:', 'c'), 'auto'],
  ['v2 many header pairs', `Headers(${fill('', '`a`,`b`,', '`c`,`d`').slice(0, MAX_RULE_LENGTH - 20)})`, 'v2'],
  [
    'v2 many header regexps',
    `HeadersRegexp(${Array.from({ length: 3000 }, (_, i) => `\`k${i}\`,\`^v${i}$\``).join(',')})`,
    'v2',
  ],
  ['v2 many path templates', `Path(${Array.from({ length: 3000 }, (_, i) => `\`/{p${i}:[0-9]+}\``).join(',')})`, 'v2'],
  ['v2 many query pairs', `Query(${Array.from({ length: 4000 }, (_, i) => `\`k${i}=v\``).join(',')})`, 'v2'],
  [
    'v2 many client IPs',
    `ClientIP(${Array.from({ length: 3000 }, (_, i) => `\`10.0.${i % 256}.0/24\``).join(',')})`,
    'v2',
  ],
];
