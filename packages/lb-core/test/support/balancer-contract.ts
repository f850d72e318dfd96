/**
 * Test support: the conformance suite every balancer passes (strategies and decorated
 * strategies alike): empty, all-down, all-draining and zero-weight pools, removal
 * mid-rotation, recovery, unknown ids, in-flight bookkeeping, state kept across `update`, and
 * a property test over arbitrary operation sequences (`balancer-model.ts`). Imported by the
 * balancers' `*.test.ts`, with the fixtures of `balancer-fixtures.ts`; it lives under test/ so the
 * build and Nx production inputs leave it out.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ServerSpec } from '../../src/balancers/balancer';
import type { CreateBalancer, ExpectedSequence } from './balancer-fixtures';
import { client, pickIds, specs } from './balancer-fixtures';
import { checkSequence, operation } from './balancer-model';

/** What a strategy adds to the shared contract. */
export interface ContractOptions {
  /** Exact sequences (requests from distinct clients, no cookies), for deterministic strategies. */
  readonly sequences?: readonly ExpectedSequence[];
}

/** Runs the shared balancer contract against `create`. */
export function runBalancerContract(name: string, create: CreateBalancer, options: ContractOptions = {}): void {
  describe(`${name}: balancer contract`, () => {
    if (options.sequences !== undefined && options.sequences.length > 0) {
      it.each(options.sequences)('picks exactly $expected for weights $weights', ({ weights, expected }) => {
        const balancer = create(specs(weights.length, weights));
        expect(pickIds(balancer, expected.length).join('')).toBe(expected);
      });
    }

    it.each([
      { desc: 'an empty pool', servers: [] as ServerSpec[] },
      { desc: 'an all-zero pool', servers: specs(3, [0, 0, 0]) },
      {
        desc: 'a pool of negative and non-finite weights',
        servers: specs(3, [-1, Number.NaN, Number.POSITIVE_INFINITY]),
      },
    ])('picks nothing from $desc', ({ servers }) => {
      const balancer = create(servers);
      expect(balancer.pick()).toBeUndefined();
      expect(balancer.pick(client(1))).toBeUndefined();
    });

    it('works without a context and with an empty one', () => {
      const balancer = create(specs(3));
      expect(balancer.pick()?.id).toMatch(/^[abc]$/);
      expect(balancer.pick({})?.id).toMatch(/^[abc]$/);
    });

    it('treats a missing weight as 1 and reports each server', () => {
      const balancer = create([
        { id: 'a', url: 'http://a:80' },
        { id: 'b', url: 'http://b:80', weight: 3 },
      ]);
      expect(balancer.servers()).toEqual([
        expect.objectContaining({
          id: 'a',
          url: 'http://a:80',
          weight: 1,
          healthy: true,
          draining: false,
          inFlight: 0,
        }),
        expect.objectContaining({
          id: 'b',
          url: 'http://b:80',
          weight: 3,
          healthy: true,
          draining: false,
          inFlight: 0,
        }),
      ]);
    });

    it('picks every available server, and only those, over many requests', () => {
      const balancer = create(specs(4, [1, 0, 2, 1]));
      const picked = new Set(pickIds(balancer, 400));
      expect([...picked].sort()).toEqual(['a', 'c', 'd']);
    });

    it('gives down servers no picks, returns undefined when all are down, and serves again on recovery', () => {
      const balancer = create(specs(3));
      balancer.setHealthy('b', false);
      expect(new Set(pickIds(balancer, 200))).not.toContain('b');
      balancer.setHealthy('a', false);
      balancer.setHealthy('c', false);
      expect(pickIds(balancer, 10)).toEqual(Array(10).fill(undefined));
      balancer.setHealthy('b', true);
      expect(pickIds(balancer, 10)).toEqual(Array(10).fill('b'));
      expect(balancer.servers().map((s) => s.healthy)).toEqual([false, true, false]);
    });

    it('gives draining servers no new clients, and none at all when all drain', () => {
      const balancer = create(specs(3));
      balancer.setDraining('a', true);
      expect(new Set(pickIds(balancer, 200))).toEqual(new Set(['b', 'c']));
      balancer.setDraining('b', true);
      balancer.setDraining('c', true);
      expect(balancer.pick(client(0))).toBeUndefined();
      balancer.setDraining('a', false);
      expect(pickIds(balancer, 5)).toEqual(Array(5).fill('a'));
      expect(balancer.servers().map((s) => s.draining)).toEqual([false, true, true]);
    });

    it('stops picking a server removed mid-rotation and keeps serving the others', () => {
      const balancer = create(specs(3));
      pickIds(balancer, 4);
      balancer.update(specs(3).filter((s) => s.id !== 'b'));
      expect(new Set(pickIds(balancer, 200, 7))).toEqual(new Set(['a', 'c']));
      expect(balancer.servers().map((s) => s.id)).toEqual(['a', 'c']);
    });

    it('keeps health, drain flags and in-flight counts of unchanged servers across update', () => {
      const balancer = create(specs(3));
      balancer.setHealthy('a', false);
      balancer.setDraining('b', true);
      balancer.begin('c');
      balancer.update([...specs(4), { id: 'a', url: 'http://dup:80' }]);
      expect(
        balancer
          .servers()
          .map(({ id, url, healthy, draining, inFlight }) => ({ id, url, healthy, draining, inFlight })),
      ).toEqual([
        { id: 'a', url: 'http://a:80', healthy: false, draining: false, inFlight: 0 },
        { id: 'b', url: 'http://b:80', healthy: true, draining: true, inFlight: 0 },
        { id: 'c', url: 'http://c:80', healthy: true, draining: false, inFlight: 1 },
        { id: 'd', url: 'http://d:80', healthy: true, draining: false, inFlight: 0 },
      ]);
      balancer.end('c');
      expect(new Set(pickIds(balancer, 200))).toEqual(new Set(['c', 'd']));
    });

    it('applies a changed url and weight to the same server', () => {
      const balancer = create(specs(1));
      balancer.update([{ id: 'a', url: 'http://moved:81', weight: 0 }]);
      expect(balancer.pick(client(0))).toBeUndefined();
      balancer.update([{ id: 'a', url: 'http://moved:81', weight: 2 }]);
      expect(balancer.pick(client(0))).toMatchObject({ id: 'a', url: 'http://moved:81', weight: 2 });
    });

    it('ignores unknown ids', () => {
      const balancer = create(specs(2));
      const before = balancer.servers();
      balancer.setHealthy('zz', false);
      balancer.setDraining('zz', true);
      balancer.begin('zz');
      balancer.end('zz');
      expect(balancer.servers()).toEqual(before);
      expect(new Set(pickIds(balancer, 50))).toEqual(new Set(['a', 'b']));
    });

    it('counts in-flight requests and never goes below zero', () => {
      const balancer = create(specs(2));
      balancer.begin('a');
      balancer.begin('a');
      balancer.begin('b');
      balancer.end('a');
      balancer.end('b');
      balancer.end('b');
      expect(balancer.servers().map((s) => s.inFlight)).toEqual([1, 0]);
    });

    it('never throws and only picks available servers, for any sequence of operations', () => {
      fc.assert(
        fc.property(fc.array(operation, { maxLength: 40 }), (ops) => checkSequence(create, ops)),
        { numRuns: 150 },
      );
    });
  });
}
