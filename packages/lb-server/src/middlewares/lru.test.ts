import { describe, expect, it } from 'vitest';
import { LruSet } from './lru';

describe('LruSet', () => {
  it('drops the least recently used key past capacity', () => {
    const lru = new LruSet(2);
    lru.add('a');
    lru.add('b');
    expect(lru.has('a')).toBe(true); // refreshes a: b is now the oldest
    lru.add('c');
    expect([lru.has('a'), lru.has('b'), lru.has('c'), lru.size]).toEqual([true, false, true, 2]);
  });

  it('re-adding a key does not grow it', () => {
    const lru = new LruSet(3);
    lru.add('a');
    lru.add('a');
    expect(lru.size).toBe(1);
  });
});
