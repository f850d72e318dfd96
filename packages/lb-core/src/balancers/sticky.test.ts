import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PickContext } from './balancer';
import { consistentHash } from './consistent-hash';
import { runBalancerContract } from '../../test/support/balancer-contract';
import {
  client,
  pickIds,
  ROUND_ROBIN_SEQUENCES,
  seededRandom,
  specs,
  SWRR_SEQUENCES,
} from '../../test/support/balancer-fixtures';
import { defaultCookieName } from './cookie';
import { p2c } from './p2c';
import { roundRobin } from './round-robin';
import { withSlowStart } from './slow-start';
import { smoothWeighted } from './smooth-weighted';
import { isStickyBalancer, stickyCookieValue, withSticky, type StickyBalancer } from './sticky';

runBalancerContract(
  'sticky(round-robin)',
  (servers) => withSticky(roundRobin(servers), { serviceName: 'svc', secret: 'k' }),
  { sequences: ROUND_ROBIN_SEQUENCES },
);
runBalancerContract('sticky(weighted)', (servers) => withSticky(smoothWeighted(servers), { cookieName: 'lb' }), {
  sequences: SWRR_SEQUENCES,
});
runBalancerContract('sticky(p2c)', (servers) => withSticky(p2c(servers, { random: seededRandom(2) })));
runBalancerContract('sticky(consistent-hash)', (servers) => withSticky(consistentHash(servers)));
runBalancerContract(
  'sticky(slow-start(weighted))',
  (servers) => withSticky(withSlowStart(smoothWeighted(servers), { window: 1000, now: () => 0 })),
  { sequences: SWRR_SEQUENCES },
);

/** A request carrying `value` in cookie `name`. */
function withCookie(name: string, value: string | undefined): PickContext {
  return { cookie: (asked) => (asked === name ? value : undefined) };
}

/** The cookie value a `Set-Cookie` header sets. */
function valueOf(setCookie: string | undefined): string | undefined {
  return setCookie?.split(';')[0]?.split('=')[1];
}

function sticky(n = 3, options = {}): StickyBalancer {
  return withSticky(roundRobin(specs(n)), { serviceName: 'svc', secret: 'secret', ...options });
}

describe('sticky sessions', () => {
  it('names the cookie after the service by default', () => {
    expect(sticky().cookieName).toBe(defaultCookieName('svc'));
    expect(sticky(3, { cookieName: 'my session' }).cookieName).toBe('my_session');
  });

  it('sets a Set-Cookie header with an opaque keyed value on a fresh pick', () => {
    const balancer = sticky(3, { httpOnly: true, secure: true, sameSite: 'Lax', maxAge: 60 });
    const pick = balancer.pickSticky();
    expect(pick?.server.id).toBe('a');
    expect(pick?.setCookie).toMatch(
      new RegExp(`^${balancer.cookieName}=[0-9a-f]{16}; Path=/; Max-Age=60; HttpOnly; Secure; SameSite=Lax$`),
    );
    expect(pick?.setCookie).not.toContain('http://a');
    expect(valueOf(pick?.setCookie)).not.toBe(valueOf(sticky(3, { secret: 'other' }).pickSticky()?.setCookie));
  });

  it('sends a client back to its server with no new cookie, and keeps the rotation for others', () => {
    const balancer = sticky();
    const first = balancer.pickSticky();
    const ctx = withCookie(balancer.cookieName, valueOf(first?.setCookie));
    for (let i = 0; i < 5; i++) expect(balancer.pickSticky(ctx)).toEqual({ server: first?.server });
    expect(pickIds(balancer, 3).join('')).toBe('bca');
  });

  it('allocates nothing on a cookie hit (the same result object is returned)', () => {
    const balancer = sticky();
    const ctx = withCookie(balancer.cookieName, valueOf(balancer.setCookieFor('b')));
    expect(balancer.pickSticky(ctx)).toBe(balancer.pickSticky(ctx));
  });

  it.each([
    { desc: 'an unknown value', change: () => {}, value: 'deadbeefdeadbeef' },
    { desc: 'a forged value (a server URL)', change: () => {}, value: 'http://b:80' },
    { desc: 'a server that is gone', change: (b: StickyBalancer) => b.update(specs(3).filter((s) => s.id !== 'b')) },
    { desc: 'a server that is down', change: (b: StickyBalancer) => b.setHealthy('b', false) },
    { desc: 'a server whose weight is 0', change: (b: StickyBalancer) => b.update(specs(3, [1, 0, 1])) },
  ])(
    're-picks and re-issues the cookie for $desc',
    ({ change, value }: { change: (b: StickyBalancer) => void; value?: string }) => {
      const balancer = sticky();
      const cookie = value ?? valueOf(balancer.setCookieFor('b'));
      change(balancer);
      const pick = balancer.pickSticky(withCookie(balancer.cookieName, cookie));
      expect(pick?.server.id).not.toBe('b');
      expect(pick?.setCookie).toBe(balancer.setCookieFor(pick?.server.id ?? ''));
    },
  );

  it('keeps existing clients on a draining server but sends no new ones there', () => {
    const balancer = sticky();
    const pinned = withCookie(balancer.cookieName, valueOf(balancer.setCookieFor('b')));
    balancer.setDraining('b', true);
    expect(balancer.pick(pinned)?.id).toBe('b');
    expect(new Set(pickIds(balancer, 30))).toEqual(new Set(['a', 'c']));
  });

  it('serves a returning client again once its server recovers', () => {
    const balancer = sticky();
    const pinned = withCookie(balancer.cookieName, valueOf(balancer.setCookieFor('c')));
    balancer.setHealthy('c', false);
    expect(balancer.pick(pinned)?.id).not.toBe('c');
    balancer.setHealthy('c', true);
    expect(balancer.pickSticky(pinned)).toEqual({ server: expect.objectContaining({ id: 'c' }) });
  });

  it('takes over the health of the wrapped balancer', () => {
    const inner = roundRobin(specs(2));
    inner.setHealthy('a', false);
    const balancer = withSticky(inner, { secret: 's' });
    expect(balancer.pick(withCookie(balancer.cookieName, valueOf(balancer.setCookieFor('a'))))?.id).toBe('b');
  });

  it('answers setCookieFor only for current servers', () => {
    const balancer = sticky();
    expect(balancer.setCookieFor('a')).toMatch(/^_[0-9a-f]{8}=[0-9a-f]{16}; Path=\/$/);
    expect(balancer.setCookieFor('zz')).toBeUndefined();
  });

  it('uses an injected hash, made cookie-safe', () => {
    const balancer = withSticky(roundRobin(specs(1)), { cookieName: 'c', hash: (key, id) => `${key}:${id} x` });
    expect(balancer.setCookieFor('a')).toBe('c=%3Aa%20x; Path=/');
  });

  describe('the value derives from the server id alone', () => {
    it('is the same in two balancers that share nothing (other strategy, order, URLs)', () => {
      const one = withSticky(roundRobin(specs(3)), { serviceName: 'svc' });
      const moved = specs(3)
        .reverse()
        .map((s) => ({ ...s, url: `http://10.9.9.${s.id.charCodeAt(0)}:8080` }));
      const two = withSticky(smoothWeighted(moved), { serviceName: 'svc' });
      for (const id of ['a', 'b', 'c']) expect(two.setCookieFor(id)).toBe(one.setCookieFor(id));
      const issued = one.pickSticky();
      for (let i = 0; i < 4; i++)
        expect(two.pickSticky(withCookie(two.cookieName, valueOf(issued?.setCookie)))?.server.id).toBe(
          issued?.server.id,
        );
    });

    it('differs between different ids and reveals neither the id nor the URL', () => {
      fc.assert(
        fc.property(fc.uniqueArray(fc.string({ minLength: 1 }), { minLength: 2, maxLength: 40 }), (ids) => {
          const values = ids.map(stickyCookieValue);
          expect(new Set(values).size).toBe(ids.length);
          for (const value of values) expect(value).toMatch(/^[0-9a-f]{16}$/);
        }),
      );
      const balancer = withSticky(roundRobin([{ id: 'lab/static/1', url: 'http://10.0.0.1:8080', weight: 1 }]));
      expect(balancer.setCookieFor('lab/static/1')).not.toMatch(/10\.0\.0\.1|static|lab/);
    });

    it('is the documented derivation: SipHash-2-4, zero key, "junction-sticky:<id>" (test vector)', () => {
      // Computed independently (reference SipHash-2-4 in Python). Changing these moves every
      // sticky client once when replicas are upgraded: a breaking change.
      expect(stickyCookieValue('lab/static/1')).toBe('db56a1745281f280');
      expect(stickyCookieValue('http://10.0.0.1:8080')).toBe('d7df10a0f075e22e');
      expect(withSticky(roundRobin(specs(1))).setCookieFor('a')).toMatch(
        new RegExp(`=${stickyCookieValue('a')}; Path=/$`),
      );
    });

    it('with a secret: agreed by balancers given the same one, different from the default', () => {
      const keyed = (secret: string): string | undefined =>
        valueOf(withSticky(roundRobin(specs(2)), { secret }).setCookieFor('b'));
      expect(keyed('k1')).toBe(keyed('k1'));
      expect(keyed('k1')).not.toBe(keyed('k2'));
      expect(keyed('k1')).not.toBe(stickyCookieValue('b'));
    });
  });

  it('is recognised by isStickyBalancer', () => {
    expect(isStickyBalancer(sticky())).toBe(true);
    expect(isStickyBalancer(roundRobin([]))).toBe(false);
  });

  it('keeps a client on its server for as long as that server stays available', () => {
    const change = fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd'),
      kind: fc.constantFrom('down', 'up', 'drain', 'undrain'),
    });
    fc.assert(
      fc.property(fc.nat(50), fc.array(change, { maxLength: 30 }), (clientNo, changes) => {
        const balancer = withSticky(smoothWeighted(specs(4, [3, 1, 2, 1])), { secret: 'k' });
        const first = balancer.pickSticky(client(clientNo));
        const ctx = { ...client(clientNo), ...withCookie(balancer.cookieName, valueOf(first?.setCookie)) };
        let up = true;
        for (const { id, kind } of changes) {
          if (kind === 'down' || kind === 'up') balancer.setHealthy(id, kind === 'up');
          else balancer.setDraining(id, kind === 'drain');
          if (id === first?.server.id && kind === 'down') up = false;
          if (!up) return;
          expect(balancer.pickSticky(ctx)?.server.id).toBe(first?.server.id);
          expect(balancer.pickSticky(ctx)?.setCookie).toBeUndefined();
        }
      }),
    );
  });
});
