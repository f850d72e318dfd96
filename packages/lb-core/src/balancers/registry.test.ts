import { describe, expect, it } from 'vitest';
import { isLbError } from '../errors';
import { pickIds, specs } from '../../test/support/balancer-fixtures';
import { createBalancer, DEFAULT_STRATEGY, resolveStrategy, STRATEGY_NAMES } from './registry';

describe('strategy registry', () => {
  it.each([
    { input: undefined, expected: 'weighted' },
    { input: '', expected: 'weighted' },
    { input: '  ', expected: 'weighted' },
    ...STRATEGY_NAMES.map((name) => ({ input: name, expected: name })),
    { input: 'wrr', expected: 'weighted' },
    { input: 'WRR', expected: 'weighted' },
    { input: 'p2c', expected: 'p2c' },
    { input: 'hrw', expected: 'consistent-hash' },
    { input: 'leasttime', expected: 'least-connections' },
    { input: 'least_conn', expected: 'least-connections' },
    { input: 'leastconn', expected: 'least-connections' },
    { input: 'round_robin', expected: 'round-robin' },
    { input: 'drr', expected: undefined },
    { input: 'constructor', expected: undefined },
    { input: '__proto__', expected: undefined },
  ])('resolves $input to $expected', ({ input, expected }) => {
    expect(resolveStrategy(input)).toBe(expected);
  });

  it.each(STRATEGY_NAMES.map((name) => ({ name })))('creates a working $name balancer', ({ name }) => {
    const balancer = createBalancer(name, specs(2));
    expect(balancer.strategy).toBe(name);
    expect(new Set(pickIds(balancer, 50))).toEqual(new Set(['a', 'b']));
  });

  it("defaults to smooth weighted, as Traefik's wrr: weights honoured, equal weights rotate", () => {
    expect(DEFAULT_STRATEGY).toBe('weighted');
    const weighted = createBalancer(undefined, specs(3, [5, 1, 1]));
    expect(weighted.strategy).toBe('weighted');
    expect(pickIds(weighted, 7).join('')).toBe('aabacaa');
    expect(pickIds(createBalancer(undefined, specs(3)), 6).join('')).toBe('abcabc');
  });

  it('passes options to the strategy that uses them', () => {
    const draws: number[] = [];
    const balancer = createBalancer('p2c', specs(3), { random: () => (draws.push(0), 0) });
    balancer.pick();
    expect(draws).toHaveLength(2);
    const hashed = createBalancer('hrw', specs(8), { hashHeader: 'X-Key' });
    const a = hashed.pick({ clientIp: '1.1.1.1', header: (name) => (name === 'x-key' ? 'k' : undefined) });
    const b = hashed.pick({ clientIp: '2.2.2.2', header: (name) => (name === 'x-key' ? 'k' : undefined) });
    expect(a?.id).toBe(b?.id);
  });

  it('throws a coded LB_CONFIG_UNKNOWN_STRATEGY error for an unknown name', () => {
    let error: unknown;
    try {
      createBalancer('fastest', specs(1));
    } catch (caught) {
      error = caught;
    }
    expect(isLbError(error)).toBe(true);
    expect(isLbError(error) && error.code).toBe('LB_CONFIG_UNKNOWN_STRATEGY');
    expect(isLbError(error) && error.details.strategy).toBe('fastest');
    expect(isLbError(error) && error.statusCode).toBeUndefined();
  });
});
