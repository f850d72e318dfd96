/**
 * Micro-benchmark of `pick` for every strategy (and the decorators) at 3 and 100 servers.
 * Prints nanoseconds per pick; asserts nothing. Bounded: about 0.3 s per case, < 10 s in all.
 *
 *   npx tsx --conditions=junction-source bench/pick.bench.ts
 */
import type { Balancer, PickContext, ServerSpec } from '../src/balancers/balancer';
import { consistentHash } from '../src/balancers/consistent-hash';
import { leastConnections } from '../src/balancers/least-connections';
import { p2c } from '../src/balancers/p2c';
import { roundRobin } from '../src/balancers/round-robin';
import { withSlowStart } from '../src/balancers/slow-start';
import { smoothWeighted } from '../src/balancers/smooth-weighted';
import { withSticky } from '../src/balancers/sticky';

const WARMUP_PICKS = 200_000;
const CASE_BUDGET_NS = 250_000_000n;
const BATCH = 10_000;
const GOAL_NS = 200;

function servers(n: number): ServerSpec[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `srv-${i}`,
    url: `http://10.0.${i >> 8}.${i & 255}:8080`,
    weight: 1 + (i % 3),
  }));
}

/** 1024 distinct clients, so hashing and cookies see varied keys. */
const CLIENTS: PickContext[] = Array.from({ length: 1024 }, (_, i) => ({ clientIp: `192.168.${i >> 8}.${i & 255}` }));

interface Case {
  readonly name: string;
  readonly make: (specs: ServerSpec[]) => Balancer;
  /** Contexts to cycle through; defaults to {@link CLIENTS}. */
  readonly contexts?: (balancer: Balancer) => PickContext[];
}

const CASES: Case[] = [
  { name: 'round-robin', make: (s) => roundRobin(s) },
  { name: 'weighted (SWRR)', make: (s) => smoothWeighted(s) },
  { name: 'p2c', make: (s) => p2c(s) },
  { name: 'least-connections', make: (s) => leastConnections(s) },
  { name: 'consistent-hash', make: (s) => consistentHash(s) },
  { name: 'slow-start(weighted), idle', make: (s) => withSlowStart(smoothWeighted(s), { window: 30_000 }) },
  { name: 'sticky(weighted), no cookie', make: (s) => withSticky(smoothWeighted(s), { secret: 'bench' }) },
  {
    name: 'sticky(weighted), cookie hit',
    make: (s) => withSticky(smoothWeighted(s), { secret: 'bench' }),
    contexts: (balancer) => {
      const sticky = balancer as ReturnType<typeof withSticky>;
      return CLIENTS.map((ctx, i) => {
        const header = sticky.setCookieFor(`srv-${i % sticky.servers().length}`) ?? '';
        const value = header.slice(header.indexOf('=') + 1, header.indexOf(';'));
        return { ...ctx, cookie: (name: string) => (name === sticky.cookieName ? value : undefined) };
      });
    },
  },
];

let sink = 0;

function measure(balancer: Balancer, contexts: PickContext[]): number {
  const mask = contexts.length - 1;
  for (let i = 0; i < WARMUP_PICKS; i++) sink += balancer.pick(contexts[i & mask])?.weight ?? 0;
  let picks = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  while (elapsed < CASE_BUDGET_NS) {
    for (let i = 0; i < BATCH; i++) sink += balancer.pick(contexts[(picks + i) & mask])?.weight ?? 0;
    picks += BATCH;
    elapsed = process.hrtime.bigint() - start;
  }
  return Number(elapsed) / picks;
}

const rows: string[] = [];
for (const c of CASES) {
  const cells = [3, 100].map((n) => {
    const balancer = c.make(servers(n));
    const ns = measure(balancer, c.contexts?.(balancer) ?? CLIENTS);
    return `${ns.toFixed(0).padStart(6)} ns${ns > GOAL_NS ? ' *' : '  '}`;
  });
  rows.push(`| ${c.name.padEnd(30)} | ${cells.join(' | ')} |`);
}

console.log(`pick() cost, Node ${process.version} (goal ≤ ${GOAL_NS} ns; * = over)`);
console.log(`| ${'strategy'.padEnd(30)} | 3 servers   | 100 servers |`);
console.log(`|${'-'.repeat(32)}|-------------|-------------|`);
for (const row of rows) console.log(row);
if (sink === Number.NEGATIVE_INFINITY) console.log(sink);
