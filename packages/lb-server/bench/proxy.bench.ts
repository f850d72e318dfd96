/**
 * Proxy benchmark (a script, not a test: `npm run bench` in packages/lb-server). Starts two
 * upstream `node:http` servers, Junction and a bare Node proxy, each in its own child process,
 * then drives closed-loop load from this process against (a) one backend directly, (b) the same
 * backends through Junction and (c) through the bare Node proxy (`node:http` + undici, nothing
 * else: the floor of what a Node proxy costs), in interleaved rounds, and prints requests/s,
 * p50/p99 latency and the ratios. Bounded: ROUNDS × 3 runs of DURATION_MS plus warm-ups
 * (about 40 s with the defaults).
 *
 * Environment: BENCH_CONNECTIONS (default 32), BENCH_DURATION_MS (4000), BENCH_ROUNDS (3).
 * The figures depend on the machine; on few cores the load generator, the proxy and the
 * backends compete for CPU, which this script reports but does not hide.
 */
import { availableParallelism } from 'node:os';
import { runLoad, type LoadResult } from './load';
import { child } from './fork-child';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const DURATION_MS = Math.min(Number(process.env.BENCH_DURATION_MS ?? 4_000), 10_000);
const ROUNDS = Math.min(Number(process.env.BENCH_ROUNDS ?? 3), 5);
const fmt = (r: LoadResult): string =>
  `${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50Ms.toFixed(2).padStart(6)} ms   p99 ${r.p99Ms.toFixed(2).padStart(6)} ms   ${r.requests} requests${r.failures > 0 ? `, ${r.failures} FAILED` : ''}`;

const upstreams = await child<{ ports: number[] }>('./upstream-server.ts');
const junction = await child<{ port: number }>('./junction-server.ts', upstreams.reply);
const bare = await child<{ port: number }>('./bare-proxy-server.ts', upstreams.reply);
const NAMES = ['direct', 'junction', 'bare'] as const;
type Name = (typeof NAMES)[number];
const targets: Record<Name, { origin: string; host: string; path: string }> = {
  direct: {
    origin: `http://127.0.0.1:${upstreams.reply.ports[0] ?? 0}`,
    host: 'bench.local',
    path: '/api/jokes/random',
  },
  junction: { origin: `http://127.0.0.1:${junction.reply.port}`, host: 'bench.local', path: '/api/jokes/random' },
  bare: { origin: `http://127.0.0.1:${bare.reply.port}`, host: 'bench.local', path: '/api/jokes/random' },
};
console.log(
  `proxy benchmark: ${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION_MS} ms per target, ${availableParallelism()} CPUs, Node ${process.version}`,
);
for (const target of Object.values(targets))
  await runLoad(target.origin, { connections: CONNECTIONS, durationMs: 1_000, host: target.host, path: target.path }); // warm-up

const results: Record<Name, LoadResult[]> = { direct: [], junction: [], bare: [] };
try {
  for (let round = 1; round <= ROUNDS; round++) {
    for (const name of NAMES) {
      const target = targets[name];
      const result = await runLoad(target.origin, {
        connections: CONNECTIONS,
        durationMs: DURATION_MS,
        host: target.host,
        path: target.path,
      });
      results[name].push(result);
      console.log(`round ${round}  ${name.padEnd(8)} ${fmt(result)}`);
    }
  }
} finally {
  for (const c of [upstreams, junction, bare]) c.proc.kill();
}
const median = (list: LoadResult[], key: 'rps' | 'p50Ms' | 'p99Ms'): number => {
  const sorted = list.map((r) => r[key]).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const summary = Object.fromEntries(
  NAMES.map((name) => [
    name,
    {
      rps: median(results[name], 'rps'),
      p50: median(results[name], 'p50Ms'),
      p99: median(results[name], 'p99Ms'),
    },
  ]),
) as Record<Name, { rps: number; p50: number; p99: number }>;
const LABELS: Record<Name, string> = {
  direct: 'backend direct',
  junction: 'through Junction',
  bare: 'bare Node proxy',
};
console.log('\nmedian of rounds');
for (const name of NAMES) {
  const r = summary[name];
  console.log(
    `  ${LABELS[name].padEnd(17)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(2)} ms   p99 ${r.p99.toFixed(2)} ms`,
  );
}
console.log(`  Junction / direct throughput:          ${(summary.junction.rps / summary.direct.rps).toFixed(2)}`);
console.log(`  Junction / bare Node proxy throughput: ${(summary.junction.rps / summary.bare.rps).toFixed(2)}`);
process.exit(0);
