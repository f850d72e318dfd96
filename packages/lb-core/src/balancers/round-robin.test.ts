import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runBalancerContract } from '../../test/support/balancer-contract';
import { pickIds, ROUND_ROBIN_SEQUENCES, specs } from '../../test/support/balancer-fixtures';
import { roundRobin } from './round-robin';

runBalancerContract('round-robin', (servers) => roundRobin(servers), { sequences: ROUND_ROBIN_SEQUENCES });

describe('round-robin', () => {
  it.each([
    { desc: 'rotates in configuration order', weights: [], down: [], expected: 'abcabc' },
    { desc: 'ignores weight proportions', weights: [5, 1, 1], down: [], expected: 'abcabc' },
    { desc: 'skips a down server without a double turn', weights: [], down: ['b'], expected: 'acacac' },
    { desc: 'skips zero weights', weights: [0, 1, 1, 0], down: [], expected: 'bcbcbc' },
  ])('$desc', ({ weights, down, expected }) => {
    const balancer = roundRobin(specs(weights.length || 3, weights));
    for (const id of down) balancer.setHealthy(id, false);
    expect(pickIds(balancer, 6).join('')).toBe(expected);
  });

  it.each([
    { desc: 'adding a server continues the rotation', picks: 1, next: specs(4), expected: 'bcdab' },
    {
      desc: 'removing the next server continues after it',
      picks: 1,
      next: specs(3).filter((s) => s.id !== 'b'),
      expected: 'cacac',
    },
    {
      desc: 'removing the last picked server continues with the next',
      picks: 2,
      next: specs(3).filter((s) => s.id !== 'b'),
      expected: 'cacac',
    },
    {
      desc: 'reordering continues with the server that was next',
      picks: 1,
      next: [...specs(3)].reverse(),
      expected: 'bacba',
    },
    { desc: 'an unchanged list continues where it was', picks: 2, next: specs(3), expected: 'cabca' },
  ])('$desc', ({ picks, next, expected }) => {
    const balancer = roundRobin(specs(3));
    pickIds(balancer, picks);
    balancer.update(next);
    expect(pickIds(balancer, 5).join('')).toBe(expected);
  });

  it('continues the rotation after a recovery', () => {
    const balancer = roundRobin(specs(3));
    balancer.setHealthy('b', false);
    expect(pickIds(balancer, 2).join('')).toBe('ac');
    balancer.setHealthy('b', true);
    expect(pickIds(balancer, 4).join('')).toBe('abca');
  });

  it('gives every available server an equal share, within one pick', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        fc.nat(200),
        (n, up, count) => {
          const balancer = roundRobin(specs(n));
          specs(n).forEach((s, i) => balancer.setHealthy(s.id, up[i] ?? true));
          const counts = new Map<string, number>();
          for (const id of pickIds(balancer, count)) if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
          const available = specs(n).filter((_, i) => up[i]).length;
          if (available === 0 || count === 0) {
            expect(counts.size).toBe(0);
            return;
          }
          const values = [...counts.values()];
          expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
          expect(counts.size).toBe(Math.min(available, count));
        },
      ),
    );
  });
});
