/**
 * Test support: the conformance suite every balancer passes (strategies and decorated
 * strategies alike): empty, all-down, all-draining and zero-weight pools, removal
 * mid-rotation, recovery, unknown ids, in-flight bookkeeping, state kept across `update`, and
 * a property test over arbitrary operation sequences. Imported by the balancers' `*.test.ts`;
 * it lives under test/ so the build and Nx production inputs leave it out.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Balancer, PickContext, ServerSpec } from '../../src/balancers/balancer';

/** Builds a fresh balancer of the strategy under test over `servers`. */
export type CreateBalancer = (servers: readonly ServerSpec[]) => Balancer;

/** `n` servers `a`, `b`, `c`… with URLs `http://a:80`… and the given weights (default none). */
export function specs(n: number, weights: readonly (number | undefined)[] = []): ServerSpec[] {
  return Array.from({ length: n }, (_, i) => {
    const id = String.fromCharCode(97 + i);
    const weight = weights[i];
    return weight === undefined ? { id, url: `http://${id}:80` } : { id, url: `http://${id}:80`, weight };
  });
}

/** A request context from client number `i` (distinct IPs, so hashing strategies spread). */
export function client(i: number): PickContext {
  return { clientIp: `10.0.${(i >> 8) & 255}.${i & 255}` };
}

/** The ids picked by `count` requests from distinct clients. */
export function pickIds(balancer: Balancer, count: number, from = 0): (string | undefined)[] {
  return Array.from({ length: count }, (_, i) => balancer.pick(client(from + i))?.id);
}

/** A seeded pseudo-random source in [0, 1) (mulberry32), for deterministic randomised tests. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Counts picks per id, ignoring `undefined`. */
export function tally(ids: Iterable<string | undefined>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const id of ids) if (id !== undefined) out[id] = (out[id] ?? 0) + 1;
  return out;
}

/** An exact pick sequence a deterministic strategy must produce from a fresh pool. */
export interface ExpectedSequence {
  readonly weights: readonly (number | undefined)[];
  /** Ids picked in order, one letter each, e.g. `aabacaa`. */
  readonly expected: string;
}

/** Round-robin's exact sequences: rotation in order, weights only in or out. */
export const ROUND_ROBIN_SEQUENCES: readonly ExpectedSequence[] = [
  { weights: [1, 1, 1], expected: 'abcabc' },
  { weights: [5, 1, 1], expected: 'abcabc' },
  { weights: [0, 1, 1, 0], expected: 'bcbcbc' },
];

/** nginx smooth weighted round-robin's exact sequences (5, 1, 1 → `a a b a c a a`). */
export const SWRR_SEQUENCES: readonly ExpectedSequence[] = [
  { weights: [5, 1, 1], expected: 'aabacaa'.repeat(3) },
  { weights: [1, 1, 1], expected: 'abcabc' },
  { weights: [2, 1], expected: 'abaaba' },
  { weights: [3, 2], expected: 'ababaababa' },
  { weights: [undefined, 2], expected: 'babbab' },
  { weights: [4, 0, 2], expected: 'acaacaaca' },
];

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
      { desc: 'a pool of negative and non-finite weights', servers: specs(3, [-1, Number.NaN, Number.POSITIVE_INFINITY]) },
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
      const balancer = create([{ id: 'a', url: 'http://a:80' }, { id: 'b', url: 'http://b:80', weight: 3 }]);
      expect(balancer.servers()).toEqual([
        expect.objectContaining({ id: 'a', url: 'http://a:80', weight: 1, healthy: true, draining: false, inFlight: 0 }),
        expect.objectContaining({ id: 'b', url: 'http://b:80', weight: 3, healthy: true, draining: false, inFlight: 0 }),
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
      expect(balancer.servers().map(({ id, url, healthy, draining, inFlight }) => ({ id, url, healthy, draining, inFlight }))).toEqual([
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
      fc.assert(fc.property(fc.array(operation, { maxLength: 40 }), (ops) => checkSequence(create, ops)), { numRuns: 150 });
    });
  });
}

const ids = fc.constantFrom('a', 'b', 'c', 'd', 'zz');
const weight = fc.option(fc.oneof(fc.integer({ min: -2, max: 5 }), fc.double({ min: 0, max: 3, noNaN: true }), fc.constant(Number.NaN)), { nil: undefined });
const serverSpec = fc.record({ id: ids, url: fc.constantFrom('http://x:1', 'http://y:2'), weight }).map(({ weight: w, ...rest }) => (w === undefined ? rest : { ...rest, weight: w }));
type Op =
  | { op: 'update'; servers: ServerSpec[] }
  | { op: 'health'; id: string; flag: boolean }
  | { op: 'drain'; id: string; flag: boolean }
  | { op: 'begin' | 'end'; id: string }
  | { op: 'pick'; client: number };
const operation: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('update' as const), servers: fc.array(serverSpec, { maxLength: 5 }) }),
  fc.record({ op: fc.constantFrom('health' as const, 'drain' as const), id: ids, flag: fc.boolean() }),
  fc.record({ op: fc.constantFrom('begin' as const, 'end' as const), id: ids }),
  fc.record({ op: fc.constant('pick' as const), client: fc.nat(1000) }),
);

/** The model's view of one server. */
interface State {
  spec: ServerSpec;
  healthy: boolean;
  draining: boolean;
}

/** Replays `ops` against a fresh balancer and a simple model; checks every pick. */
function checkSequence(create: CreateBalancer, ops: readonly Op[]): void {
  const initial = specs(3);
  const balancer = create(initial);
  const model = new Map<string, State>(initial.map((s) => [s.id, { spec: s, healthy: true, draining: false }]));
  const usable = (s: State): boolean =>
    s.healthy && !s.draining && (s.spec.weight === undefined || (Number.isFinite(s.spec.weight) && s.spec.weight > 0));
  for (const op of ops) {
    switch (op.op) {
      case 'update': {
        balancer.update(op.servers);
        const next = new Map<string, State>();
        for (const spec of op.servers) {
          if (!next.has(spec.id)) next.set(spec.id, { healthy: true, draining: false, ...model.get(spec.id), spec });
        }
        model.clear();
        for (const [id, state] of next) model.set(id, state);
        break;
      }
      case 'health':
      case 'drain': {
        if (op.op === 'health') balancer.setHealthy(op.id, op.flag);
        else balancer.setDraining(op.id, op.flag);
        const state = model.get(op.id);
        if (state !== undefined && op.op === 'health') state.healthy = op.flag;
        if (state !== undefined && op.op === 'drain') state.draining = op.flag;
        break;
      }
      case 'begin':
        balancer.begin(op.id);
        break;
      case 'end':
        balancer.end(op.id);
        break;
      case 'pick': {
        const picked = balancer.pick(client(op.client));
        expect(picked === undefined).toBe(![...model.values()].some(usable));
        if (picked !== undefined) {
          const state = model.get(picked.id);
          expect(state !== undefined && usable(state)).toBe(true);
          expect(picked.url).toBe(state?.spec.url);
        }
        break;
      }
    }
  }
}
