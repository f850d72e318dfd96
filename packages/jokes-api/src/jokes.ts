/**
 * The joke book: 100+ clean, numbered jokes shipped with the package, plus the two
 * lookups the API needs (a random sample and a lookup by id). Data lives in
 * `jokes.json` so it can be edited without touching code.
 */
import data from './jokes.json' with { type: 'json' };

/** One joke as served by the API. Ids are positive integers, unique within the book. */
export interface Joke {
  readonly id: number;
  readonly setup: string;
  readonly punchline: string;
}

/** A source of uniform random numbers in [0, 1), injectable so tests are deterministic. */
export type RandomSource = () => number;

/** Every joke in the book, frozen, in id order. */
export const JOKES: readonly Joke[] = Object.freeze(data.map((joke) => Object.freeze({ ...joke })));

/**
 * Picks `count` distinct jokes uniformly at random (a partial Fisher–Yates shuffle over a
 * copy of the ids), so a response never repeats a joke. `count` is clamped to the book size.
 */
export function pickJokes(count: number, random: RandomSource = Math.random, book: readonly Joke[] = JOKES): Joke[] {
  const pool = [...book];
  const n = Math.max(0, Math.min(Math.floor(count), pool.length));
  for (let i = 0; i < n; i += 1) {
    const j = i + Math.floor(random() * (pool.length - i));
    const picked = pool[j] as Joke;
    pool[j] = pool[i] as Joke;
    pool[i] = picked;
  }
  return pool.slice(0, n);
}

/** Finds a joke by id; `undefined` when no joke has that id. */
export function findJoke(id: number, book: readonly Joke[] = JOKES): Joke | undefined {
  return book.find((joke) => joke.id === id);
}
