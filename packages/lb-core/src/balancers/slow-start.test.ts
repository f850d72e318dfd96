import { describe, expect, it } from 'vitest';
import { consistentHash } from './consistent-hash';
import { runBalancerContract } from '../../test/support/balancer-contract';
import { pickIds, ROUND_ROBIN_SEQUENCES, specs, SWRR_SEQUENCES, tally } from '../../test/support/balancer-fixtures';
import { leastConnections } from './least-connections';
import { roundRobin } from './round-robin';
import { withSlowStart } from './slow-start';
import { smoothWeighted } from './smooth-weighted';

/** A clock the test moves by hand. */
function manualClock(start = 0): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => (time += ms) };
}

runBalancerContract(
  'slow-start(weighted)',
  (servers) => withSlowStart(smoothWeighted(servers), { window: 1000, now: manualClock().now }),
  { sequences: SWRR_SEQUENCES },
);
runBalancerContract('slow-start(round-robin)', (servers) => withSlowStart(roundRobin(servers), { window: 1000 }), {
  sequences: ROUND_ROBIN_SEQUENCES,
});
runBalancerContract('slow-start(least-connections)', (servers) =>
  withSlowStart(leastConnections(servers), { window: 1000, now: manualClock().now }),
);
runBalancerContract('slow-start(consistent-hash)', (servers) =>
  withSlowStart(consistentHash(servers), { window: 1000, now: manualClock().now }),
);

/** Share of `id` over `count` picks. */
function shareOf(balancer: { pick: () => { id: string } | undefined }, id: string, count: number): number {
  return (tally(Array.from({ length: count }, () => balancer.pick()?.id))[id] ?? 0) / count;
}

describe('slow start', () => {
  it('ramps a joining server linearly from 10 % to its full weight over the window', () => {
    const clock = manualClock();
    const balancer = withSlowStart(smoothWeighted(specs(2)), { window: 1000, now: clock.now });
    balancer.update(specs(3));
    expect(shareOf(balancer, 'c', 2100)).toBeCloseTo(0.1 / 2.1, 2);
    clock.advance(500);
    expect(shareOf(balancer, 'c', 2500)).toBeCloseTo(0.5 / 2.5, 2);
    clock.advance(500);
    expect(shareOf(balancer, 'c', 3000)).toBeCloseTo(1 / 3, 2);
  });

  it('reports the configured weight and, while ramping, the effective one', () => {
    const clock = manualClock();
    const balancer = withSlowStart(smoothWeighted(specs(1)), { window: 1000, now: clock.now });
    balancer.update(specs(2, [1, 4]));
    clock.advance(250);
    balancer.pick();
    expect(balancer.servers()[1]).toMatchObject({ id: 'b', weight: 4, effectiveWeight: 1 });
    expect(balancer.pick()).toMatchObject({ weight: expect.any(Number) });
    clock.advance(750);
    balancer.pick();
    expect(balancer.servers()[1]).not.toHaveProperty('effectiveWeight');
  });

  it('returns the configured server, not the scaled one', () => {
    const clock = manualClock();
    const balancer = withSlowStart(smoothWeighted([]), { window: 1000, now: clock.now });
    balancer.update([{ id: 'a', url: 'http://a:80', weight: 3 }]);
    expect(balancer.pick()).toEqual({ id: 'a', url: 'http://a:80', weight: 3 });
  });

  it('does not ramp the initial servers', () => {
    const balancer = withSlowStart(smoothWeighted(specs(2)), { window: 1000, now: manualClock().now });
    expect(shareOf(balancer, 'b', 1000)).toBe(0.5);
  });

  it('ramps a server that recovers from down, not one that was only drained', () => {
    const clock = manualClock();
    const balancer = withSlowStart(smoothWeighted(specs(2)), { window: 1000, now: clock.now });
    balancer.setHealthy('b', false);
    balancer.setDraining('a', true);
    balancer.setHealthy('b', true);
    balancer.setDraining('a', false);
    expect(shareOf(balancer, 'b', 1100)).toBeCloseTo(0.1 / 1.1, 2);
    expect(shareOf(balancer, 'a', 10)).toBeGreaterThan(0.5);
  });

  it('has no effect with a window of 0', () => {
    const balancer = withSlowStart(smoothWeighted(specs(2)), { window: 0, now: manualClock().now });
    balancer.update(specs(3));
    expect(pickIds(balancer, 6).join('')).toBe('abcabc');
  });

  it('makes a ramping server look busier to least-connections', () => {
    const clock = manualClock();
    const balancer = withSlowStart(leastConnections(specs(1)), { window: 1000, now: clock.now });
    balancer.update(specs(2));
    balancer.begin('a');
    balancer.begin('b');
    expect(balancer.pick()?.id).toBe('a');
  });

  it('leaves round-robin unchanged: rotation ignores weights (documented)', () => {
    const balancer = withSlowStart(roundRobin(specs(2)), { window: 1000, now: manualClock().now });
    balancer.update(specs(3));
    expect(pickIds(balancer, 6).join('')).toBe('abcabc');
  });

  it('reads the clock only while a ramp runs', () => {
    let reads = 0;
    const balancer = withSlowStart(smoothWeighted(specs(3)), { window: 1000, now: () => (reads++, 0) });
    pickIds(balancer, 100);
    expect(reads).toBe(0);
  });
});

describe('slow start with tiny weights', () => {
  it('keeps a joining server with the smallest positive weight in rotation (no underflow to 0)', () => {
    // Found by the contract's property test: 5e-324 × 0.1 is 0 in doubles.
    const balancer = withSlowStart(leastConnections(specs(3)), { window: 1000, now: manualClock().now });
    balancer.update([{ id: 'd', url: 'http://x:1', weight: 5e-324 }]);
    expect(balancer.pick()?.id).toBe('d');
  });
});
