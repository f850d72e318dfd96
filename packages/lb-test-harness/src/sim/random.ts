/**
 * A seeded pseudo-random source (mulberry32): 32 bits of state, good enough for simulations and
 * fully reproducible, so a simulated comparison with the same seed prints the same table.
 */

/** A function returning uniform numbers in [0, 1), seeded with a 32-bit integer. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
