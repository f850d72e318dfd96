/**
 * Pinned forwarding benchmark (a script, not a test; issue #12's method): the proxy under test
 * alone on CPU 1, `wrk -t1 -c50` and two nginx backends on CPU 0, so what is measured is the
 * proxy's own cost. Targets: the raw `Pool.dispatch` reference (`dispatch-reference-server.ts`),
 * Junction from this checkout and, with `BENCH_BEFORE_DIR=<an lb-server package folder>`, an
 * older Junction beside it; with `BENCH_VARIANT_ARGS='<flags>'`, this Junction again with extra
 * flags (e.g. `--ping --ping.entryPoint=web`: an entry point with an internal route, so requests
 * go through Fastify's catch-all route instead of the direct route) and/or with
 * `BENCH_VARIANT_NODE_FLAGS='<node flags>'` (e.g. `--max-semi-space-size=8`, which overrides the
 * shipped `NODE_FLAGS` value) and/or with `BENCH_VARIANT_ENV='NAME=value …'` added to its environment
 * (e.g. `MALLOC_ARENA_MAX=2`). Junction runs the issue's configuration: one router with a Host rule,
 * a two-server service with a sticky cookie configured (not sent by wrk), Prometheus metrics on.
 *
 * Per target and round: requests/s and p99 from wrk, CPU µs per request from the process's
 * utime+stime (/proc/<pid>/stat) over the run, RSS at rest and peak (VmHWM); rounds are
 * interleaved, the table shows medians and ratios to the reference. `BENCH_CPU_PROF=<dir>` runs
 * every target with `--cpu-prof` into that folder (read them with `cpu-profile-top.ts`).
 *
 * Environment: BENCH_DURATION_S (8), BENCH_ROUNDS (3), BENCH_CONNECTIONS (50). Bounded: rounds ×
 * targets × (duration + 2 s warm-up). Needs wrk, nginx, taskset and 2 CPUs.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { cpuMicros, memory, startJunction, startNginxBackends, startReference } from './pinned-targets';

const DURATION_S = Math.min(Number(process.env.BENCH_DURATION_S ?? 8), 30);
const ROUNDS = Math.min(Number(process.env.BENCH_ROUNDS ?? 3), 7);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PROF_DIR = process.env.BENCH_CPU_PROF;
const HERE = fileURLToPath(new URL('..', import.meta.url));

if (availableParallelism() < 2) {
  console.log('pinned benchmark: needs 2 CPUs (one for the proxy alone); skipped');
  process.exit(0);
}

interface Target {
  readonly name: string;
  readonly proc: ChildProcess;
  readonly port: number;
  readonly idleRss: number;
}
interface Run {
  readonly rps: number;
  readonly p99Ms: number;
  readonly cpuUsPerReq: number;
  readonly peakRss: number;
}

/** Parses wrk's `--latency` output. */
function parseWrk(out: string): { rps: number; requests: number; p99Ms: number; errors: number } {
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const requests = Number(/(\d+) requests in/.exec(out)?.[1]);
  const p99 = /\s99%\s+([\d.]+)(us|ms|s)/.exec(out);
  const scale = p99?.[2] === 'us' ? 0.001 : p99?.[2] === 's' ? 1000 : 1;
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const errors = non2xx + (socket === null ? 0 : socket.slice(1).reduce((a, b) => a + Number(b), 0));
  return { rps, requests, p99Ms: Number(p99?.[1]) * scale, errors };
}

function wrk(port: number, seconds: number): string {
  return execFileSync(
    'taskset',
    [
      '-c',
      '0',
      'wrk',
      '-t1',
      `-c${CONNECTIONS}`,
      `-d${seconds}s`,
      '--latency',
      '-H',
      'Host: bench.local',
      `http://127.0.0.1:${port}/`,
    ],
    { encoding: 'utf8' },
  );
}

function measure(target: Target): Run {
  const pid = target.proc.pid as number;
  const before = cpuMicros(pid);
  const result = parseWrk(wrk(target.port, DURATION_S));
  const used = cpuMicros(pid) - before;
  if (result.errors > 0) console.log(`  ${target.name}: ${result.errors} errors or non-2xx answers`);
  return { rps: result.rps, p99Ms: result.p99Ms, cpuUsPerReq: used / result.requests, peakRss: memory(pid).peak };
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const backends = await startNginxBackends(0);
const procs: ChildProcess[] = [backends.proc];
const stop = (): void => {
  for (const proc of procs) proc.kill('SIGTERM');
};
try {
  const targets: Target[] = [];
  const add = async (name: string, start: Promise<{ proc: ChildProcess; port: number }>): Promise<void> => {
    const { proc, port } = await start;
    procs.push(proc);
    await new Promise((r) => setTimeout(r, 1_000));
    targets.push({ name, proc, port, idleRss: memory(proc.pid as number).rss });
  };
  const profFlags = (tag: string): string[] =>
    PROF_DIR === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${PROF_DIR}`, `--cpu-prof-name=${tag}.cpuprofile`];
  await add('reference', startReference(1, backends.urls, profFlags('reference')));
  await add('junction', startJunction(1, HERE, backends.urls, profFlags('junction')));
  const beforeDir = process.env.BENCH_BEFORE_DIR;
  if (beforeDir !== undefined)
    await add('junction-before', startJunction(1, beforeDir, backends.urls, profFlags('junction-before')));
  const variant = process.env.BENCH_VARIANT_ARGS;
  const variantFlags = process.env.BENCH_VARIANT_NODE_FLAGS;
  const variantEnv = process.env.BENCH_VARIANT_ENV;
  if (variant !== undefined || variantFlags !== undefined || variantEnv !== undefined) {
    const words = (text: string | undefined): string[] => (text ?? '').split(' ').filter(Boolean);
    const env = Object.fromEntries(
      words(variantEnv).map((word) => [word.split('=')[0], word.slice(word.indexOf('=') + 1)]),
    );
    // Node takes the last of a repeated V8 flag: these follow (and so override) NODE_FLAGS.
    await add(
      'junction-variant',
      startJunction(
        1,
        HERE,
        backends.urls,
        [...profFlags('junction-variant'), ...words(variantFlags)],
        words(variant),
        env,
      ),
    );
  }

  console.log(
    `pinned benchmark: wrk -t1 -c${CONNECTIONS} and 2 nginx backends on CPU 0, each proxy alone on CPU 1; ${ROUNDS} rounds of ${DURATION_S} s, Node ${process.version}`,
  );
  for (const target of targets) wrk(target.port, 2); // warm-up
  const runs = new Map<string, Run[]>(targets.map((t) => [t.name, []]));
  for (let round = 1; round <= ROUNDS; round++) {
    for (const target of targets) {
      const run = measure(target);
      runs.get(target.name)?.push(run);
      console.log(
        `round ${round}  ${target.name.padEnd(16)} ${run.rps.toFixed(0).padStart(7)} req/s  ${run.cpuUsPerReq.toFixed(1).padStart(6)} µs CPU/req  p99 ${run.p99Ms.toFixed(2)} ms`,
      );
    }
  }
  const ref = runs.get('reference') ?? [];
  const refRps = median(ref.map((r) => r.rps));
  const refCpu = median(ref.map((r) => r.cpuUsPerReq));
  const refP99 = median(ref.map((r) => r.p99Ms));
  console.log('\n| target | req/s | × ref | CPU µs/req | × ref | p99 ms | × ref | RSS idle → peak MiB |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---|');
  for (const target of targets) {
    const list = runs.get(target.name) ?? [];
    const rps = median(list.map((r) => r.rps));
    const cpu = median(list.map((r) => r.cpuUsPerReq));
    const p99 = median(list.map((r) => r.p99Ms));
    const peak = Math.max(...list.map((r) => r.peakRss));
    console.log(
      `| ${target.name} | ${rps.toFixed(0)} | ${(rps / refRps).toFixed(2)} | ${cpu.toFixed(1)} | ${(cpu / refCpu).toFixed(2)} | ${p99.toFixed(2)} | ${(p99 / refP99).toFixed(2)} | ${target.idleRss.toFixed(0)} → ${peak.toFixed(0)} |`,
    );
  }
} finally {
  stop();
  // let --cpu-prof targets write their profile on the way out
  await new Promise((r) => setTimeout(r, PROF_DIR === undefined ? 200 : 3_000));
}
process.exit(0);
