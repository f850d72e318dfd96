import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PickContext } from './balancer';
import { consistentHash } from './consistent-hash';
import { runBalancerContract } from '../../test/support/balancer-contract';
import { client, specs, tally } from '../../test/support/balancer-fixtures';

runBalancerContract('consistent-hash', (servers) => consistentHash(servers));
runBalancerContract('consistent-hash (header)', (servers) => consistentHash(servers, { header: 'X-User' }));

/** The server id each of `count` clients maps to. */
function mapping(balancer: ReturnType<typeof consistentHash>, count: number): (string | undefined)[] {
  return Array.from({ length: count }, (_, i) => balancer.pick(client(i))?.id);
}

describe('consistent-hash', () => {
  it('sends a client to the same server every time', () => {
    const balancer = consistentHash(specs(5));
    const first = mapping(balancer, 200);
    expect(mapping(balancer, 200)).toEqual(first);
  });

  it.each([
    {
      desc: 'removing',
      change: (b: ReturnType<typeof consistentHash>) => b.update(specs(5).filter((s) => s.id !== 'c')),
    },
    { desc: 'marking down', change: (b: ReturnType<typeof consistentHash>) => b.setHealthy('c', false) },
    { desc: 'draining', change: (b: ReturnType<typeof consistentHash>) => b.setDraining('c', true) },
  ])('$desc a server remaps only the keys it owned', ({ change }) => {
    const balancer = consistentHash(specs(5));
    const before = mapping(balancer, 2000);
    change(balancer);
    const after = mapping(balancer, 2000);
    let moved = 0;
    before.forEach((id, i) => {
      if (id === 'c') {
        expect(after[i]).not.toBe('c');
        moved++;
      } else expect(after[i]).toBe(id);
    });
    expect(moved).toBeGreaterThan(250);
  });

  it('adding a server moves keys only onto the new server', () => {
    const balancer = consistentHash(specs(4));
    const before = mapping(balancer, 2000);
    balancer.update(specs(5));
    const after = mapping(balancer, 2000);
    const moved = after.filter((id, i) => id !== before[i]);
    expect(new Set(moved)).toEqual(new Set(['e']));
    expect(moved.length).toBeGreaterThan(300);
    expect(moved.length).toBeLessThan(500);
  });

  it('restores the original mapping when a server comes back', () => {
    const balancer = consistentHash(specs(5));
    const before = mapping(balancer, 500);
    balancer.setHealthy('b', false);
    balancer.setHealthy('b', true);
    expect(mapping(balancer, 500)).toEqual(before);
  });

  it.each([
    { weights: [1, 1, 1, 1], expected: [0.25, 0.25, 0.25, 0.25] },
    { weights: [1, 2, 3], expected: [1 / 6, 2 / 6, 3 / 6] },
    { weights: [0.5, 4.5], expected: [0.1, 0.9] },
  ])('shares keys in proportion to weights $weights', ({ weights, expected }) => {
    const share = tally(mapping(consistentHash(specs(weights.length, weights)), 12000));
    specs(weights.length).forEach((s, i) => expect((share[s.id] ?? 0) / 12000).toBeCloseTo(expected[i] ?? 0, 1));
  });

  it.each([
    {
      desc: 'the configured header first',
      ctx: { clientIp: '1.1.1.1', header: () => 'user-7' },
      sameAs: { clientIp: '9.9.9.9', header: () => 'user-7' },
    },
    {
      desc: 'the client IP when the header is missing',
      ctx: { clientIp: '1.1.1.1', header: () => undefined },
      sameAs: { clientIp: '1.1.1.1' },
    },
    {
      desc: 'the client IP when the header is empty',
      ctx: { clientIp: '1.1.1.1', header: () => '' },
      sameAs: { clientIp: '1.1.1.1' },
    },
    { desc: 'one fixed server without header or IP', ctx: {}, sameAs: undefined },
  ])('keys on $desc', ({ ctx, sameAs }: { ctx: PickContext; sameAs: PickContext | undefined }) => {
    const balancer = consistentHash(specs(16), { header: 'X-User' });
    expect(balancer.pick(ctx)?.id).toBe(balancer.pick(sameAs)?.id);
  });

  it('asks for the header by its lower-case name', () => {
    const asked: string[] = [];
    consistentHash(specs(2), { header: 'X-User' }).pick({ header: (name) => (asked.push(name), 'k') });
    expect(asked).toEqual(['x-user']);
  });

  it('uses an injected hash', () => {
    const byId: Record<string, number> = { a: 1, b: 2, c: 3 };
    const balancer = consistentHash(specs(3), { hash: (text) => byId[text] ?? 0 });
    const everyone = new Set(Array.from({ length: 50 }, (_, i) => balancer.pick(client(i))?.id));
    expect(everyone.size).toBe(1);
  });

  it('remaps only the keys of servers that leave, for any pool change', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), (n, keep) => {
        const all = specs(
          n,
          Array.from({ length: n }, (_, i) => 1 + (i % 3)),
        );
        const balancer = consistentHash(all);
        const before = mapping(balancer, 300);
        const kept = all.filter((_, i) => keep[i]);
        balancer.update(kept);
        const after = mapping(balancer, 300);
        const keptIds = new Set(kept.map((s) => s.id));
        before.forEach((id, i) => {
          if (id !== undefined && keptIds.has(id)) expect(after[i]).toBe(id);
        });
      }),
    );
  });
});
