/**
 * Fuzz-only generators of Docker label values for the label translation fuzz test: values shaped
 * for each key (rules in v1 and v2 syntax, ports, booleans, durations, entry points and
 * references, URLs and strategies, header lists) or hostile (out-of-range numbers, bad durations,
 * broken rules, random and binary strings, huge and Unicode text). Keys: `label-keys.ts`.
 */
import fc from 'fast-check';
import { PROTO } from './label-keys';

const either = (...parts: string[]) => fc.constantFrom(...parts);

const RULES = [
  'Host:a',
  'Host:a,b;PathPrefixStrip:/x',
  'Host',
  'Host:é',
  'Host(`a`)',
  'Host(`a`) && PathPrefix(`/x`)',
  'Host(`a`',
  'PathRegexp(`(a+)+$`)',
  'HostRegexp(`{s:[a-z]+}.x`)',
  'Path(`/{id:[0-9]+}`)',
  '!',
  'Query(`a`, `1`)',
  'ClientIP(`10.0.0.0/33`)',
  'Header(`X`)',
];
/** A label value: shaped for some key, or hostile. */
export const labelValue = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...RULES) },
  {
    weight: 4,
    arbitrary: either(
      '80',
      '3000',
      '0',
      '65535',
      '65536',
      '-1',
      '1e3',
      '0x50',
      ' 80 ',
      '99999999999999999999',
      'NaN',
      '8080.5',
      '+443',
      '',
    ),
  },
  { weight: 2, arbitrary: either('true', 'false', 'TRUE', '1', 't', 'yes', 'maybe') },
  { weight: 2, arbitrary: either('10s', '1m30s', '-1s', 'soon', '0', '100ms', '5') },
  { weight: 3, arbitrary: either('web', 'a,b', 'web@docker', 'x@file', 'api@internal', 'websecure', ...PROTO) },
  {
    weight: 2,
    arbitrary: either(
      'http://10.0.0.1:80',
      'http://[::1]:80',
      'ftp://x',
      'not a url',
      'http',
      'https',
      'h2c',
      'wrr',
      'drr',
      'p2c',
      'fastest',
    ),
  },
  {
    weight: 2,
    arbitrary: either(
      'X-A:1||X-B:2',
      '__proto__:x',
      'constructor:y',
      'bad',
      '10.0.0.0/8,::1',
      'x',
      '/a,/b',
      'user:$apr1$x$y',
      'Lax',
      'none',
    ),
  },
  { weight: 2, arbitrary: fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('a', 'Host(`a`) || ', 'é', '😀', '{'), fc.integer({ min: 1_000, max: 70_000 }))
      .map(([u, n]) => u.repeat(Math.ceil(n / u.length))),
  },
);
