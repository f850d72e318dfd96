/**
 * The guard's idle list (`connection-guard.ts`): oldest first, a connection listed once, taken
 * out from anywhere. Shedding through it is tested end to end in `test/slow-clients.test.ts`.
 */
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { IdleList, newTracked, type Tracked } from './connection-guard';

const conn = (ip: string): Tracked => newTracked(ip, {} as Socket);

/** The list's addresses, oldest first, emptying it. */
function drain(list: IdleList): string[] {
  const out: string[] = [];
  for (let c = list.oldest(); c !== undefined; c = list.oldest()) {
    out.push(c.ip);
    list.delete(c);
  }
  return out;
}

describe('IdleList', () => {
  it('keeps connections oldest first; adding a listed one leaves it where it is', () => {
    const list = new IdleList();
    const [a, b, c] = [conn('a'), conn('b'), conn('c')];
    list.add(a);
    list.add(b);
    list.add(c);
    list.add(a);
    expect(drain(list)).toEqual(['a', 'b', 'c']);
    expect(list.oldest()).toBeUndefined();
  });

  it('takes a connection out from the middle, the head or the tail, and re-adds it as the newest', () => {
    const list = new IdleList();
    const [a, b, c, d] = [conn('a'), conn('b'), conn('c'), conn('d')];
    for (const x of [a, b, c, d]) list.add(x);
    list.delete(b); // middle
    list.delete(a); // head
    list.delete(d); // tail
    list.delete(d); // not listed: nothing happens
    expect(list.oldest()).toBe(c);
    list.add(b);
    list.add(a);
    expect(drain(list)).toEqual(['c', 'b', 'a']);
    expect([a, b, c, d].every((x) => !x.idleListed && x.idlePrev === undefined && x.idleNext === undefined)).toBe(true);
  });
});
