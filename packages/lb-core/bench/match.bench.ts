/**
 * Route-table match benchmark: median and p99 time per `table.match()` at 10, 1,000 and 10,000
 * routers, host-based (``Host(`svc-N.example.com`)``), wildcard-host-based
 * (``Host(`*.svc-N.example.com`)``, Traefik 3.7) and path-based (``PathPrefix(`/svc-N/`)``),
 * and at 10 and 1,000 regexp routers (``PathRegexp(`^/svc-N/[0-9]+$`)``, which no index can pin, so
 * every one is tried), for a hit on the last-defined router and for a miss, next to a naive linear
 * scan for contrast.
 *
 * Method: each sample times a batch of calls with `process.hrtime.bigint()` and divides by the
 * batch size (batches are sized to ~0.5 ms so timer overhead is negligible); the table reports the
 * median and the 99th percentile of the per-call averages over the samples. Bounded: a fixed
 * number of samples per scenario, a few seconds in total.
 *
 * Run from packages/lb-core: `npx tsx --conditions=junction-source bench/match.bench.ts`
 */
import type { RequestFacts } from '../src/rules/ast';
import { compileRoutes } from '../src/routing/route-table';
import type { RouteTable } from '../src/routing/route-table';

type Kind = 'host' | 'wildcard' | 'path' | 'regex';
const SIZES: Readonly<Record<Kind, readonly number[]>> = {
  host: [10, 1_000, 10_000],
  wildcard: [10, 10_000],
  path: [10, 1_000, 10_000],
  regex: [10, 1_000],
};
const SAMPLES = 200;
const TARGET_SAMPLE_NS = 500_000n;
let sink = 0;

interface Scenario {
  readonly kind: Kind;
  readonly size: number;
  readonly table: RouteTable<number>;
  readonly compileMs: number;
  readonly hit: RequestFacts;
  readonly miss: RequestFacts;
}

function facts(host: string, path: string): RequestFacts {
  return { method: 'GET', host, path, query: '', headers: {}, clientIp: '10.0.0.1' };
}

const RULES: Readonly<Record<Kind, (i: number) => string>> = {
  host: (i) => `Host(\`svc-${i}.example.com\`)`,
  wildcard: (i) => `Host(\`*.svc-${i}.example.com\`)`,
  path: (i) => `PathPrefix(\`/svc-${i}/\`)`,
  regex: (i) => `PathRegexp(\`^/svc-${i}/[0-9]+$\`)`,
};

function build(kind: Kind, size: number): Scenario {
  const rules = Array.from({ length: size }, (_, i) => ({
    name: `svc-${i}`,
    rule: RULES[kind](i),
    data: i,
  }));
  const start = process.hrtime.bigint();
  const { table, errors } = compileRoutes(rules);
  const compileMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (errors.length > 0) throw new Error(`unexpected errors: ${errors.length}`);
  const last = size - 1;
  if (kind === 'wildcard')
    return {
      kind,
      size,
      table,
      compileMs,
      hit: facts(`api.svc-${last}.example.com:8080`, '/'),
      miss: facts('api.nope.example.com', '/'),
    };
  if (kind === 'host')
    return {
      kind,
      size,
      table,
      compileMs,
      hit: facts(`svc-${last}.example.com:8080`, '/'),
      miss: facts('nope.example.com', '/'),
    };
  const hitPath = kind === 'path' ? `/svc-${last}/jokes` : `/svc-${last}/42`;
  return { kind, size, table, compileMs, hit: facts('example.com', hitPath), miss: facts('example.com', '/nope/x') };
}

/** Per-call nanoseconds: median and p99 over samples of batched calls. */
function measure(call: () => number): { median: number; p99: number } {
  for (let i = 0; i < 2_000; i++) sink += call();
  let batch = 1;
  for (;;) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) sink += call();
    if (process.hrtime.bigint() - start >= TARGET_SAMPLE_NS || batch >= 1 << 20) break;
    batch *= 2;
  }
  const perCall: number[] = [];
  for (let s = 0; s < SAMPLES; s++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) sink += call();
    perCall.push(Number(process.hrtime.bigint() - start) / batch);
  }
  perCall.sort((a, b) => a - b);
  return {
    median: perCall[Math.floor(perCall.length / 2)] ?? NaN,
    p99: perCall[Math.floor(perCall.length * 0.99)] ?? NaN,
  };
}

function linear(table: RouteTable<number>, request: RequestFacts): number {
  for (const route of table.routes) if (route.matches(request)) return route.data;
  return -1;
}

function fmt(ns: number): string {
  return ns >= 10_000 ? `${(ns / 1000).toFixed(1)} µs` : `${ns.toFixed(0)} ns`;
}

const rows: string[][] = [];
const started = Date.now();
for (const kind of ['host', 'wildcard', 'path', 'regex'] as const) {
  for (const size of SIZES[kind]) {
    const scenario = build(kind, size);
    for (const outcome of ['hit', 'miss'] as const) {
      const request = scenario[outcome];
      const expected = outcome === 'hit' ? size - 1 : undefined;
      if (scenario.table.match(request)?.data !== expected) throw new Error(`${kind}/${size}/${outcome}: wrong route`);
      const indexed = measure(() => scenario.table.match(request)?.data ?? -1);
      const naive = measure(() => linear(scenario.table, request));
      rows.push([
        kind,
        String(size),
        outcome,
        fmt(indexed.median),
        fmt(indexed.p99),
        fmt(naive.median),
        `${scenario.compileMs.toFixed(1)} ms`,
      ]);
    }
  }
}

const header = ['routers', 'count', 'request', 'median', 'p99', 'linear median', 'compile'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));
console.log(
  `\nnode ${process.version}, ${SAMPLES} samples per cell, total ${((Date.now() - started) / 1000).toFixed(1)} s (sink ${sink % 7})`,
);
