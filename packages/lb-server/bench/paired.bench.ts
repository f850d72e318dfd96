/**
 * Paired forwarding benchmark (a script, not a test), for a machine others are using: the proxies
 * compared run at the same time, all pinned to CPU 1, each loaded by its own `wrk -t1 -c50` on
 * CPU 0 (with the two nginx backends), so whatever else runs on the machine slows them alike.
 * The kernel shares CPU 1 between them, so the cheaper proxy per request answers more requests in
 * its share; the table gives each one's requests/s and CPU µs per request (utime+stime from
 * /proc over the round) and their ratios to the reference, per round and as medians, and its
 * peak RSS (VmHWM). Targets: the
 * raw `Pool.dispatch` reference, Junction from this checkout and, with
 * `BENCH_BEFORE_DIR=<an lb-server package folder>`, an older Junction; with
 * `BENCH_VARIANT_NODE_FLAGS='<node flags>'`, this Junction again with those flags too.
 *
 * Sequential runs (`pinned.bench.ts`) give absolute figures on a quiet machine; this one gives
 * ratios that hold while other work comes and goes. Caveat, measured: two copies of the same
 * Junction in the two Junction slots differ by 10-14 % (the first started is the slower; the
 * wrk start order is not the cause), so compare two builds by running twice with their slots
 * swapped (`BENCH_BEFORE_DIR` and the folder the script runs from) and averaging. Environment: BENCH_DURATION_S (6),
 * BENCH_ROUNDS (5). Bounded: rounds × (duration + 1 s). Needs wrk, nginx, taskset and 2 CPUs.
 */
import { execFile, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { cpuMicros, memory, startJunction, startNginxBackends, startReference } from './pinned-targets';

const DURATION_S = Math.min(Number(process.env.BENCH_DURATION_S ?? 6), 30);
const ROUNDS = Math.min(Number(process.env.BENCH_ROUNDS ?? 5), 15);
const HERE = fileURLToPath(new URL('..', import.meta.url));

if (availableParallelism() < 2) {
  console.log('paired benchmark: needs 2 CPUs; skipped');
  process.exit(0);
}

interface Target {
  readonly name: string;
  readonly proc: ChildProcess;
  readonly port: number;
}
interface Run {
  readonly rps: number;
  readonly cpuUsPerReq: number;
}

function wrk(port: number, seconds: number): Promise<{ rps: number; requests: number }> {
  return new Promise((resolve, reject) => {
    execFile(
      'taskset',
      ['-c', '0', 'wrk', '-t1', '-c50', `-d${seconds}s`, '-H', 'Host: bench.local', `http://127.0.0.1:${port}/`],
      (error, out) => {
        if (error !== null) return reject(error);
        resolve({
          rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]),
          requests: Number(/(\d+) requests in/.exec(out)?.[1]),
        });
      },
    );
  });
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const backends = await startNginxBackends(0);
const procs: ChildProcess[] = [backends.proc];
try {
  const targets: Target[] = [];
  const add = async (name: string, start: Promise<{ proc: ChildProcess; port: number }>): Promise<void> => {
    const { proc, port } = await start;
    procs.push(proc);
    targets.push({ name, proc, port });
  };
  await add('reference', startReference(1, backends.urls));
  await add('junction', startJunction(1, HERE, backends.urls));
  const beforeDir = process.env.BENCH_BEFORE_DIR;
  if (beforeDir !== undefined) await add('junction-before', startJunction(1, beforeDir, backends.urls));
  const variantFlags = process.env.BENCH_VARIANT_NODE_FLAGS;
  if (variantFlags !== undefined)
    await add('junction-variant', startJunction(1, HERE, backends.urls, variantFlags.split(' ').filter(Boolean)));
  console.log(
    `paired benchmark: ${targets.map((t) => t.name).join(', ')} at once on CPU 1, one wrk -t1 -c50 each and 2 nginx backends on CPU 0; ${ROUNDS} rounds of ${DURATION_S} s, Node ${process.version}`,
  );
  await Promise.all(targets.map((t) => wrk(t.port, 2))); // warm-up
  const runs = new Map<string, Run[]>(targets.map((t) => [t.name, []]));
  for (let round = 1; round <= ROUNDS; round++) {
    const before = targets.map((t) => cpuMicros(t.proc.pid as number));
    const results = await Promise.all(targets.map((t) => wrk(t.port, DURATION_S)));
    const line = targets.map((t, i) => {
      const result = results[i] as { rps: number; requests: number };
      const run = {
        rps: result.rps,
        cpuUsPerReq: (cpuMicros(t.proc.pid as number) - (before[i] as number)) / result.requests,
      };
      runs.get(t.name)?.push(run);
      return `${t.name} ${run.rps.toFixed(0)} req/s ${run.cpuUsPerReq.toFixed(1)} µs`;
    });
    console.log(`round ${round}  ${line.join('  |  ')}`);
  }
  const ref = runs.get('reference') ?? [];
  console.log('\n| target | req/s | × ref (median of rounds) | CPU µs/req | × ref (median of rounds) | peak RSS MiB |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const target of targets) {
    const list = runs.get(target.name) ?? [];
    const rpsRatio = median(list.map((r, i) => r.rps / (ref[i]?.rps ?? Number.NaN)));
    const cpuRatio = median(list.map((r, i) => r.cpuUsPerReq / (ref[i]?.cpuUsPerReq ?? Number.NaN)));
    console.log(
      `| ${target.name} | ${median(list.map((r) => r.rps)).toFixed(0)} | ${rpsRatio.toFixed(2)} | ${median(list.map((r) => r.cpuUsPerReq)).toFixed(1)} | ${cpuRatio.toFixed(2)} | ${memory(target.proc.pid as number).peak.toFixed(0)} |`,
    );
  }
} finally {
  for (const proc of procs) proc.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 200));
}
process.exit(0);
