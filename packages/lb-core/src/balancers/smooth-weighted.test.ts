import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runBalancerContract } from '../../test/support/balancer-contract';
import { pickIds, specs, SWRR_SEQUENCES, tally } from '../../test/support/balancer-fixtures';
import { smoothWeighted } from './smooth-weighted';

runBalancerContract('weighted', (servers) => smoothWeighted(servers), { sequences: SWRR_SEQUENCES });

describe('smooth weighted round-robin', () => {
  it('handles fractional weights in proportion', () => {
    const balancer = smoothWeighted(specs(2, [0.5, 1.5]));
    expect(tally(pickIds(balancer, 400))).toEqual({ a: 100, b: 300 });
  });

  it('continues the sequence, not restarting it, when a server is added', () => {
    const balancer = smoothWeighted(specs(3, [5, 1, 1]));
    expect(pickIds(balancer, 3).join('')).toBe('aab');
    balancer.update([...specs(3, [5, 1, 1]), { id: 'd', url: 'http://d:80', weight: 0 }]);
    expect(pickIds(balancer, 4).join('')).toBe('acaa');
  });

  it('keeps the proportions after adding a weighted server, with no burst on it', () => {
    const balancer = smoothWeighted(specs(3, [5, 1, 1]));
    pickIds(balancer, 3);
    balancer.update(specs(4, [5, 1, 1, 1]));
    const next = pickIds(balancer, 80);
    expect(next.slice(0, 8).filter((id) => id === 'd')).toHaveLength(1);
    const share = tally(next);
    expect(Math.abs((share.a ?? 0) - 50)).toBeLessThanOrEqual(1);
    for (const id of ['b', 'c', 'd']) expect(Math.abs((share[id] ?? 0) - 10)).toBeLessThanOrEqual(1);
  });

  it('skips a down server without a burst when it comes back', () => {
    const balancer = smoothWeighted(specs(3, [5, 1, 1]));
    expect(pickIds(balancer, 2).join('')).toBe('aa');
    balancer.setHealthy('a', false);
    expect(pickIds(balancer, 4).join('')).toBe('bcbc');
    balancer.setHealthy('a', true);
    const after = pickIds(balancer, 7).join('');
    expect(after).not.toMatch(/a{5}/); // the steady sequence already has runs of 4 at the wrap
    expect(tally([...after])).toEqual({ a: 5, b: 1, c: 1 });
  });

  it('gives each server exactly its weight in every window of sum(weights) picks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 6 }),
        fc.nat(50),
        (weights, skip) => {
          const balancer = smoothWeighted(specs(weights.length, weights));
          pickIds(balancer, skip);
          const total = weights.reduce((sum, w) => sum + w, 0);
          const share = tally(pickIds(balancer, total));
          specs(weights.length, weights).forEach((s, i) => expect(share[s.id]).toBe(weights[i]));
        },
      ),
    );
  });
});
