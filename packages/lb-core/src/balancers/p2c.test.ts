import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runBalancerContract } from '../../test/support/balancer-contract';
import { pickIds, seededRandom, specs, tally } from '../../test/support/balancer-fixtures';
import { p2c } from './p2c';

runBalancerContract('p2c', (servers) => p2c(servers, { random: seededRandom(1) }));
runBalancerContract('p2c (Math.random)', (servers) => p2c(servers));

/** A random source that replays `values`, then repeats the last one. */
function replay(...values: number[]): () => number {
  let i = 0;
  return () => values[Math.min(i++, values.length - 1)] ?? 0;
}

describe('p2c', () => {
  it.each([
    { desc: 'the less loaded of the two draws wins', draws: [0, 0.5], inFlight: { a: 1 }, expected: 'c' },
    { desc: 'the first draw wins a tie of equal weights', draws: [0.9, 0], inFlight: {}, expected: 'c' },
    { desc: 'the second draw never repeats the first', draws: [0.5, 0.5], inFlight: { c: 1 }, expected: 'b' },
    {
      desc: 'a server outside the two draws is never considered',
      draws: [0, 0],
      inFlight: { a: 5, b: 5 },
      expected: 'a',
    },
    { desc: 'a random source returning 1 still draws in range', draws: [1, 1], inFlight: { b: 1 }, expected: 'c' },
  ])('$desc', ({ draws, inFlight, expected }) => {
    const balancer = p2c(specs(3), { random: replay(...draws) });
    for (const [id, n] of Object.entries(inFlight)) for (let i = 0; i < n; i++) balancer.begin(id);
    expect(balancer.pick()?.id).toBe(expected);
  });

  it.each([
    { desc: 'compares in-flight per weight', weights: [4, 1], inFlight: { a: 3, b: 1 }, expected: 'a' },
    {
      desc: 'breaks an exact tie towards the heavier server',
      weights: [1, 2],
      inFlight: { a: 1, b: 2 },
      expected: 'b',
    },
  ])('$desc', ({ weights, inFlight, expected }) => {
    const balancer = p2c(specs(2, weights), { random: replay(0, 0) });
    for (const [id, n] of Object.entries(inFlight)) for (let i = 0; i < n; i++) balancer.begin(id);
    expect(balancer.pick()?.id).toBe(expected);
  });

  it('spreads an idle pool roughly evenly', () => {
    const share = tally(pickIds(p2c(specs(4), { random: seededRandom(3) }), 8000));
    for (const id of ['a', 'b', 'c', 'd']) expect(Math.abs((share[id] ?? 0) - 2000)).toBeLessThan(250);
  });

  it('never picks the more loaded of its two draws', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(5), { minLength: 2, maxLength: 6 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (loads, r1, r2) => {
          const servers = specs(loads.length);
          const balancer = p2c(servers, { random: replay(r1, r2) });
          servers.forEach((s, i) => {
            for (let k = 0; k < (loads[i] ?? 0); k++) balancer.begin(s.id);
          });
          const i = Math.min(Math.floor(r1 * loads.length), loads.length - 1);
          let j = Math.min(Math.floor(r2 * (loads.length - 1)), loads.length - 2);
          if (j >= i) j += 1;
          const id = balancer.pick()?.id;
          const picked = servers.findIndex((s) => s.id === id);
          expect([i, j]).toContain(picked);
          expect(loads[picked]).toBe(Math.min(loads[i] ?? 0, loads[j] ?? 0));
        },
      ),
    );
  });
});
