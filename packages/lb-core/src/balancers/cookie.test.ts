import { describe, expect, it } from 'vitest';
import { isLbError } from '../errors';
import { cookieAttributes, cookieNameFor, defaultCookieName, sanitizeCookieName, toCookieValue } from './cookie';

describe('sticky cookie', () => {
  it.each([
    { input: 'session', expected: 'session' },
    { input: 'my cookie;x=1', expected: 'my_cookie_x_1' },
    { input: "a!#$%&'*+-.^_`|~Z9", expected: "a!#$%&'*+-.^_`|~Z9" },
    { input: '(a)<b>@c,d:e\\f"g/h[i]j?k{l}m\tn', expected: '_a__b__c_d_e_f_g_h_i_j_k_l_m_n' },
    { input: 'café☕', expected: 'caf__' },
    { input: '\u0000\u007f', expected: '__' },
  ])('sanitises the custom name $input to $expected', ({ input, expected }) => {
    expect(sanitizeCookieName(input)).toBe(expected);
  });

  it('derives a short, stable default name from the service name', () => {
    const name = defaultCookieName('whoami@docker');
    expect(name).toMatch(/^_[0-9a-f]{8}$/);
    expect(defaultCookieName('whoami@docker')).toBe(name);
    expect(defaultCookieName('other@docker')).not.toBe(name);
  });

  it.each([
    { desc: 'a custom name wins, sanitised', cookieName: 'my name', expected: 'my_name' },
    { desc: 'an empty custom name falls back to the default', cookieName: '', expected: defaultCookieName('svc') },
    { desc: 'no custom name gives the default', cookieName: undefined, expected: defaultCookieName('svc') },
  ])('$desc', ({ cookieName, expected }) => {
    expect(cookieNameFor(cookieName, 'svc')).toBe(expected);
  });

  it.each([
    { desc: 'Traefik defaults: only Path=/', attrs: {}, expected: '; Path=/' },
    {
      desc: 'every flag, in Go http.SetCookie order',
      attrs: { secure: true, httpOnly: true, sameSite: 'lax', maxAge: 3600, path: '/app', domain: '.example.com' },
      expected: '; Path=/app; Domain=example.com; Max-Age=3600; HttpOnly; Secure; SameSite=Lax',
    },
    { desc: 'SameSite=None', attrs: { sameSite: 'none', secure: true }, expected: '; Path=/; Secure; SameSite=None' },
    { desc: 'SameSite in any case', attrs: { sameSite: 'STRICT' }, expected: '; Path=/; SameSite=Strict' },
    { desc: 'an unknown SameSite sends none', attrs: { sameSite: 'default' }, expected: '; Path=/' },
    { desc: 'a negative max age expires now', attrs: { maxAge: -1 }, expected: '; Path=/; Max-Age=0' },
    { desc: 'a fractional max age is truncated', attrs: { maxAge: 59.9 }, expected: '; Path=/; Max-Age=59' },
    { desc: 'an empty path is left out', attrs: { path: '' }, expected: '' },
  ])('formats $desc', ({ attrs, expected }) => {
    expect(cookieAttributes(attrs)).toBe(expected);
  });

  it.each([
    { desc: 'a path with ;', attrs: { path: '/a;Domain=evil' }, at: 'sticky.cookie.path' },
    { desc: 'a path with a newline', attrs: { path: '/a\r\nX: y' }, at: 'sticky.cookie.path' },
    { desc: 'a non-ASCII domain', attrs: { domain: 'exämple.com' }, at: 'sticky.cookie.domain' },
    { desc: 'a non-finite max age', attrs: { maxAge: Number.NaN }, at: 'sticky.cookie.maxAge' },
  ])('rejects $desc with LB_CONFIG_INVALID', ({ attrs, at }) => {
    let error: unknown;
    try {
      cookieAttributes(attrs);
    } catch (caught) {
      error = caught;
    }
    expect(isLbError(error) && error.code === 'LB_CONFIG_INVALID' && error.details.path === at).toBe(true);
  });

  it.each([
    { input: '0123abcdef', expected: '0123abcdef' },
    { input: 'a b;c"d', expected: 'a%20b%3Bc%22d' },
    { input: '', expected: '_' },
  ])('keeps cookie values valid: $input → $expected', ({ input, expected }) => {
    expect(toCookieValue(input)).toBe(expected);
  });
});
