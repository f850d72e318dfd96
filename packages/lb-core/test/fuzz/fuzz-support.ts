/**
 * Fuzz-only support shared by the rule fuzz tests: run sizes (scaled by `JUNCTION_FUZZ_SCALE` for
 * an opt-in bigger run; a fixed seed unless `JUNCTION_FUZZ_SEED` gives one, or `random`), a tally of inputs and
 * refusals by error code printed at the end, a per-input time check that names inputs slow enough
 * to look like a hang, and request facts built from a rule's own arguments so that matching takes
 * the true branches as well as the false ones. `JUNCTION_FUZZ_TRACE=<file>` writes each input to
 * the file before it runs, so a hang or a crash of the whole process leaves its input behind.
 */
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import type { RequestFacts, RuleNode } from '../../src/rules/ast';

/** Multiplier of every run size (default 1: the CI-sized run). */
export const FUZZ_SCALE = Math.max(0, Number(process.env.JUNCTION_FUZZ_SCALE ?? '1') || 1);
const SEED = process.env.JUNCTION_FUZZ_SEED;
/** A file to write each input to before it runs, to name the input of a hang or a crash of the process. */
const TRACE = process.env.JUNCTION_FUZZ_TRACE;

/** The seed of the CI-sized run. */
export const DEFAULT_SEED = 20_261_206;

/** One input slower than this is reported as a (near-)hang: far above any sane parse or match. */
export const SLOW_INPUT_MS = 1_000;

/** fast-check parameters for `runs` inputs, bounded in time as a whole as well. */
export function fuzzParams(runs: number, timeLimitMs = 40_000): fc.Parameters<unknown> {
  // CI runs one fixed, reproducible sample; `JUNCTION_FUZZ_SEED=random` explores (see the report line).
  const seed =
    SEED === undefined ? DEFAULT_SEED : SEED === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(SEED);
  if (TRACE !== undefined) writeFileSync(`${TRACE}.seed`, `${seed}\n`, { flag: 'a' });
  return {
    numRuns: Math.round(runs * FUZZ_SCALE),
    interruptAfterTimeLimit: timeLimitMs * Math.max(1, FUZZ_SCALE),
    markInterruptAsFailure: false,
    seed,
  };
}

/** Counts inputs, acceptances and refusals by code; `report()` prints one line. */
export class Tally {
  inputs = 0;
  readonly outcomes = new Map<string, number>();
  readonly slow: { input: string; ms: number }[] = [];
  readonly #started = performance.now();

  constructor(readonly title: string) {}

  /** Records the outcome of one input (an error code, or e.g. `accepted`). */
  count(outcome: string): void {
    this.inputs += 1;
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
  }

  /** Runs `fn` on `input`, recording it as slow when it takes longer than {@link SLOW_INPUT_MS}. */
  timed<T>(input: unknown, fn: () => T): T {
    if (TRACE !== undefined) writeFileSync(TRACE, JSON.stringify(input));
    const start = performance.now();
    try {
      return fn();
    } finally {
      const ms = performance.now() - start;
      if (ms > SLOW_INPUT_MS) this.slow.push({ input: JSON.stringify(input).slice(0, 2_000), ms: Math.round(ms) });
    }
  }

  report(): string {
    const seconds = ((performance.now() - this.#started) / 1000).toFixed(1);
    const refused = [...this.outcomes].filter(([k]) => k.includes('LB_')).reduce((n, [, v]) => n + v, 0);
    const byCode = [...this.outcomes]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    return `${this.title}: ${this.inputs} inputs in ${seconds} s, ${refused} refused; by outcome: ${byCode}`;
  }
}

/** Every argument of every matcher of an AST (iteratively: chains may be long). */
export function ruleArguments(ast: RuleNode): string[] {
  const out: string[] = [];
  const stack = [ast];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.kind === 'matcher') out.push(...node.args);
    else if (node.kind === 'not') stack.push(node.expr);
    else stack.push(node.left, node.right);
  }
  return out;
}

const headerValue = fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 }), fc.constant(undefined));

/** Arbitrary request facts, including hostile header names and malformed hosts, queries and IPs. */
export const requestFacts: fc.Arbitrary<RequestFacts> = fc.record({
  method: fc.oneof(fc.constantFrom('GET', 'POST', 'get', 'DELETE'), fc.string()),
  host: fc.oneof(
    fc.constantFrom('a', 'example.com', 'b.example.com:8080', '[::1]:80', 'A:1', '', 'x.'),
    fc.string({ unit: 'binary' }),
  ),
  path: fc.oneof(
    fc.constantFrom('/', '/api', '/api/1', '/x/y', '/%2F', `/${'a'.repeat(40)}!`),
    fc.string({ unit: 'binary' }),
  ),
  query: fc.oneof(fc.constantFrom('', 'a=1&b', 'q=%zz;x', 'k=%ff', '__proto__=1'), fc.string({ unit: 'binary' })),
  headers: fc.dictionary(
    fc.oneof(fc.constantFrom('x-a', 'content-type', '__proto__', 'constructor', 'toString'), fc.string()),
    headerValue,
    { maxKeys: 4 },
  ),
  clientIp: fc.oneof(fc.constantFrom('10.0.0.1', '::ffff:10.0.0.1', '::1', '[::1]', '192.168.1.1', 'x'), fc.string()),
});

/**
 * Request facts made of the rule's own arguments (a host that is a Host argument, a path that is
 * a Path argument, a header named and valued after a Header's…), chosen by `pick`.
 */
export function factsFromArguments(args: readonly string[], pick: number, base: RequestFacts): RequestFacts {
  if (args.length === 0) return base;
  const at = (k: number) => args[(pick + k) % args.length] ?? '';
  return {
    method: at(0).toUpperCase(),
    host: at(1),
    path: at(2),
    query: `${at(3)}=${at(4)}&${at(5)}`,
    headers: { ...base.headers, [at(6).toLowerCase()]: at(7) },
    clientIp: at(8),
  };
}
