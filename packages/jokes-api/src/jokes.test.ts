import { describe, expect, it } from 'vitest';
import { seeded } from '../test/listen';
import { JOKES, findJoke, pickJokes } from './jokes';

describe('joke book', () => {
  it('holds at least 100 jokes', () => {
    expect(JOKES.length).toBeGreaterThanOrEqual(100);
  });

  it('numbers jokes 1..n with unique ids', () => {
    expect(JOKES.map((j) => j.id)).toEqual(JOKES.map((_, i) => i + 1));
    expect(new Set(JOKES.map((j) => j.id)).size).toBe(JOKES.length);
  });

  it('has no repeated setups and no blank or untrimmed text', () => {
    expect(new Set(JOKES.map((j) => j.setup.toLowerCase())).size).toBe(JOKES.length);
    for (const joke of JOKES) {
      expect(joke.setup).toMatch(/^\S.*\S$/);
      expect(joke.punchline).toMatch(/^\S.*\S$/);
    }
  });

  it('is frozen', () => {
    expect(Object.isFrozen(JOKES)).toBe(true);
    expect(Object.isFrozen(JOKES[0])).toBe(true);
  });
});

describe('pickJokes', () => {
  it.each([
    { desc: 'zero', count: 0, expected: 0 },
    { desc: 'one', count: 1, expected: 1 },
    { desc: 'ten', count: 10, expected: 10 },
    { desc: 'more than the book', count: 10_000, expected: JOKES.length },
    { desc: 'negative', count: -3, expected: 0 },
  ])('returns $expected distinct jokes for $desc', ({ count, expected }) => {
    const picked = pickJokes(count, seeded(7));
    expect(picked).toHaveLength(expected);
    expect(new Set(picked.map((j) => j.id)).size).toBe(expected);
  });

  it('is deterministic for a given random source', () => {
    expect(pickJokes(5, seeded(42))).toEqual(pickJokes(5, seeded(42)));
    expect(pickJokes(5, seeded(42))).not.toEqual(pickJokes(5, seeded(43)));
  });

  it('can reach every joke', () => {
    const seen = new Set<number>();
    const random = seeded(1);
    for (let i = 0; i < 2_000; i += 1) for (const j of pickJokes(1, random)) seen.add(j.id);
    expect(seen.size).toBe(JOKES.length);
  });

  it('does not reorder the book', () => {
    const before = JOKES.map((j) => j.id);
    pickJokes(10, seeded(3));
    expect(JOKES.map((j) => j.id)).toEqual(before);
  });
});

describe('findJoke', () => {
  it.each([
    { id: 1, found: true },
    { id: JOKES.length, found: true },
    { id: 0, found: false },
    { id: JOKES.length + 1, found: false },
    { id: 1.5, found: false },
  ])('id $id found=$found', ({ id, found }) => {
    expect(findJoke(id)?.id).toBe(found ? id : undefined);
  });
});
