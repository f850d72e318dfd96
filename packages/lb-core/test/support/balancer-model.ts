/**
 * Test support: the property half of the balancer contract. Arbitrary sequences of operations
 * (update, health, drain, begin/end, pick) are replayed against a balancer and a plain model of
 * which servers are usable; every pick must be one of them, and `undefined` only when none is.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { ServerSpec } from '../../src/balancers/balancer';
import type { CreateBalancer } from './balancer-fixtures';
import { client, specs } from './balancer-fixtures';

const ids = fc.constantFrom('a', 'b', 'c', 'd', 'zz');
const weight = fc.option(
  fc.oneof(fc.integer({ min: -2, max: 5 }), fc.double({ min: 0, max: 3, noNaN: true }), fc.constant(Number.NaN)),
  { nil: undefined },
);
const serverSpec = fc
  .record({ id: ids, url: fc.constantFrom('http://x:1', 'http://y:2'), weight })
  .map(({ weight: w, ...rest }) => (w === undefined ? rest : { ...rest, weight: w }));
/** One operation on a balancer. */
export type Op =
  | { op: 'update'; servers: ServerSpec[] }
  | { op: 'health'; id: string; flag: boolean }
  | { op: 'drain'; id: string; flag: boolean }
  | { op: 'begin' | 'end'; id: string }
  | { op: 'pick'; client: number };
/** Any one operation, over a few ids, odd weights included. */
export const operation: fc.Arbitrary<Op> = fc.oneof(
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
export function checkSequence(create: CreateBalancer, ops: readonly Op[]): void {
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
