import { describe, expect, it } from 'vitest';
import { SessionCounter, readSessionId } from './session';

describe('readSessionId', () => {
  it.each([
    { desc: 'no header', header: undefined, expected: undefined },
    { desc: 'only cookie', header: 'session=abc-123', expected: 'abc-123' },
    { desc: 'among others', header: 'a=1; session=xyz_9; b=2', expected: 'xyz_9' },
    { desc: 'quoted value', header: 'session="q1"', expected: 'q1' },
    { desc: 'first of duplicates', header: 'session=one; session=two', expected: 'one' },
    { desc: 'prefix-named cookie ignored', header: 'mysession=nope', expected: undefined },
    { desc: 'illegal characters', header: 'session=a%20b', expected: undefined },
    { desc: 'empty value', header: 'session=', expected: undefined },
    { desc: 'too long', header: `session=${'x'.repeat(65)}`, expected: undefined },
  ])('$desc → $expected', ({ header, expected }) => {
    expect(readSessionId(header)).toBe(expected);
  });
});

describe('SessionCounter', () => {
  it('counts per session', () => {
    const counter = new SessionCounter();
    expect([counter.hit('a'), counter.hit('a'), counter.hit('b'), counter.hit('a')]).toEqual([1, 2, 1, 3]);
  });

  it('forgets the least recently used session beyond its limit', () => {
    const counter = new SessionCounter(2);
    counter.hit('a');
    counter.hit('b');
    counter.hit('a'); // a is now the most recent
    counter.hit('c'); // evicts b
    expect(counter.size).toBe(2);
    expect(counter.hit('a')).toBe(3);
    expect(counter.hit('b')).toBe(1);
  });
});
