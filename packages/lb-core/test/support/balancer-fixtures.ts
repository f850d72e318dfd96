/**
 * Test support: fixtures the balancer tests share: server lists, client contexts, pick
 * tallies, a seeded random source, and the exact pick sequences of the deterministic strategies
 * (round-robin, nginx smooth weighted round-robin).
 */
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
