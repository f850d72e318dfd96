import { describe, expect, it } from 'vitest';
import { compileMuxTemplate, goQuoteMeta } from './mux-template';

describe('gorilla/mux templates', () => {
  it.each([
    { tpl: '/products/{id:[0-9]+}', kind: 'path' as const, pattern: '^/products/(?P<v0>[0-9]+)$' },
    { tpl: '/u/{name}', kind: 'path' as const, pattern: '^/u/(?P<v0>[^/]+)$' },
    { tpl: '/v{n:[0-9]{1,2}}', kind: 'prefix' as const, pattern: '^/v(?P<v0>[0-9]{1,2})' },
    // containous/mux regexp.go newRouteRegexp: "Host matching is case insensitive" (here: lower-cased literals, (?i:) variables)
    { tpl: '{sub}.A.com', kind: 'host' as const, pattern: '^(?P<v0>(?i:[^.]+))\\.a\\.com$' },
    { tpl: 'k=', kind: 'query' as const, pattern: '^k=.*$' },
  ])('$tpl ($kind) → $pattern', ({ tpl, kind, pattern }) => {
    expect(compileMuxTemplate(tpl, kind).pattern).toBe(pattern);
  });

  it('quotes Go metacharacters', () => {
    expect(goQuoteMeta('a.b+c*(d)|[e]{f}^$\\')).toBe('a\\.b\\+c\\*\\(d\\)\\|\\[e\\]\\{f\\}\\^\\$\\\\');
  });

  it('a long host name does not spend the (?i) letter budget', () => {
    expect(
      compileMuxTemplate(`{sub:[a-z0-9-]{1,63}}.${'abcdefghij'.repeat(25)}.example.com`, 'host').lowerCaseInput,
    ).toBe(true);
  });

  it('allows capturing groups in a variable (traefik matcher_v2_test.go TestHostRegexp "capturing group")', () => {
    expect(compileMuxTemplate('{subdomain:(foo\\.)?bar\\.com}', 'host').regexp.test('foo.bar.com')).toBe(true);
    expect(compileMuxTemplate('/{id:(a|b)}', 'path').regexp.test('/b')).toBe(true);
  });
});
