import { describe, expect, it } from 'vitest';
import { runBalancerContract } from '../../test/support/balancer-contract';
import { pickIds, seededRandom, specs, tally } from '../../test/support/balancer-fixtures';
import { leastConnections } from './least-connections';

runBalancerContract('least-connections', (servers) => leastConnections(servers), {
  sequences: [
    { weights: [1, 1, 1], expected: 'abcabc' },
    { weights: [3, 1, 0], expected: 'ababab' },
  ],
});

describe('least-connections', () => {
  it('rotates through ties, so an idle pool behaves as round-robin', () => {
    expect(pickIds(leastConnections(specs(3)), 6).join('')).toBe('abcabc');
  });

  it.each([
    { desc: 'fewest in-flight wins', weights: [], inFlight: { a: 2, b: 1, c: 3 }, expected: 'b' },
    {
      desc: 'weight-aware: 2 in flight on weight 3 beats 1 on weight 1',
      weights: [3, 1],
      inFlight: { a: 2, b: 1 },
      expected: 'a',
    },
    {
      desc: 'weight-aware: 3 in flight on weight 2 loses to 1 on weight 1',
      weights: [2, 1],
      inFlight: { a: 3, b: 1 },
      expected: 'b',
    },
    { desc: 'an idle server wins over any loaded one', weights: [100, 1], inFlight: { a: 1, b: 0 }, expected: 'b' },
  ])('$desc', ({ weights, inFlight, expected }) => {
    const balancer = leastConnections(specs(Object.keys(inFlight).length, weights));
    for (const [id, n] of Object.entries(inFlight)) for (let i = 0; i < n; i++) balancer.begin(id);
    expect(balancer.pick()?.id).toBe(expected);
  });

  it('rotates among tied servers even when others are busier', () => {
    const balancer = leastConnections(specs(3));
    balancer.begin('a');
    expect(pickIds(balancer, 4).join('')).toBe('bcbc');
  });

  it('keeps in-flight shares in proportion to weight under a steady load', () => {
    const balancer = leastConnections(specs(3, [1, 2, 1]));
    const random = seededRandom(7);
    const open: string[] = [];
    const served: string[] = [];
    for (let step = 0; step < 4000; step++) {
      const server = balancer.pick();
      if (server === undefined) throw new Error('no server');
      balancer.begin(server.id);
      open.push(server.id);
      served.push(server.id);
      while (open.length > 8) {
        const [done] = open.splice(Math.floor(random() * open.length), 1);
        if (done !== undefined) balancer.end(done);
      }
    }
    const share = tally(served);
    expect((share.b ?? 0) / (share.a ?? 1)).toBeGreaterThan(1.6);
    expect((share.b ?? 0) / (share.a ?? 1)).toBeLessThan(2.4);
    expect((share.a ?? 0) / (share.c ?? 1)).toBeGreaterThan(0.8);
    expect((share.a ?? 0) / (share.c ?? 1)).toBeLessThan(1.25);
  });
});
