/**
 * Shared set-up of the linear-time regexp tests (src/rules/go-regexp.linear*.test.ts): the input
 * sizes, a hostile path of a given size, and the generous per-test limit a hang runs into.
 */

/** Generous per-test limit: each case takes milliseconds; a backtracking engine takes years. */
export const TIMEOUT = 20_000;

/** A hostile path of `n` characters: `/` then a's then `!`. */
export const hostile = (n: number): string => `/${'a'.repeat(n - 2)}!`;
export const SIZES = [31, 100_000] as const;
