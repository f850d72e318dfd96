import { describe, expect, it } from 'vitest';
import { CookieJar } from './cookie-jar';

describe('CookieJar', () => {
  it('keeps name=value of Set-Cookie headers and renders a Cookie header', () => {
    const jar = new CookieJar();
    expect(jar.header()).toBeUndefined();
    jar.set('lb_sticky=abc123; Path=/; HttpOnly');
    jar.set('session=s-1; Path=/; SameSite=Lax');
    jar.set('session=s-2');
    expect(jar.get('lb_sticky')).toBe('abc123');
    expect(jar.header()).toBe('lb_sticky=abc123; session=s-2');
  });
  it.each([{ header: 'session=x; Max-Age=0' }, { header: 'session=x; max-age=-1' }])(
    'deletes on $header',
    ({ header }) => {
      const jar = new CookieJar();
      jar.set('session=keep');
      jar.set(header);
      expect(jar.get('session')).toBeUndefined();
    },
  );
  it('ignores a header without a name', () => {
    const jar = new CookieJar();
    jar.set('=oops');
    jar.set('novalue');
    expect(jar.header()).toBeUndefined();
  });
});
