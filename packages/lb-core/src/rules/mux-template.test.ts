import { describe, expect, it } from 'vitest';
import { compileMuxTemplate, goQuoteMeta } from './mux-template';

describe('gorilla/mux templates', () => {
  it.each([
    { tpl: '/products/{id:[0-9]+}', kind: 'path' as const, pattern: '^/products/(?P<v0>[0-9]+)$' },
    { tpl: '/u/{name}', kind: 'path' as const, pattern: '^/u/(?P<v0>[^/]+)$' },
    { tpl: '/v{n:[0-9]{1,2}}', kind: 'prefix' as const, pattern: '^/v(?P<v0>[0-9]{1,2})' },
    { tpl: '{sub}.a.com', kind: 'host' as const, pattern: '^(?P<v0>[^.]+)\\.a\\.com$' },
    { tpl: 'k=', kind: 'query' as const, pattern: '^k=.*$' },
  ])('$tpl ($kind) → $pattern', ({ tpl, kind, pattern }) => {
    expect(compileMuxTemplate(tpl, kind).pattern).toBe(pattern);
  });

  it('quotes Go metacharacters', () => {
    expect(goQuoteMeta('a.b+c*(d)|[e]{f}^$\\')).toBe('a\\.b\\+c\\*\\(d\\)\\|\\[e\\]\\{f\\}\\^\\$\\\\');
  });

  it('a host template with : in its pattern matches the port too (gorilla wildcardHostPort)', () => {
    expect(compileMuxTemplate('{h:[a-z]+}', 'host').wildcardHostPort).toBe(true);
    expect(compileMuxTemplate('{h:(?:a)}', 'host').wildcardHostPort).toBe(false);
  });
});
