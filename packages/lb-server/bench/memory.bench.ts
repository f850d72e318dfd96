/**
 * Memory benchmark (a script, not a test: `npm run bench:memory` in packages/lb-server). Streaming
 * must cost a proxy a bounded window, not a share of the body. Starts an upstream, Junction and a
 * bare reference proxy (`node:http` + undici `pipeline`, bench/memory-bare-proxy.ts) as child
 * processes on loopback, then for each proxy runs (a) an upload streamed from the client, which
 * the upstream hashes, and (b) a download to a client reading slower than the upstream sends,
 * while sampling the proxy's RSS from /proc (VmRSS every 50 ms, VmHWM for the peak). Prints idle
 * RSS, peak, growth and throughput per scenario and Junction's growth over the reference's;
 * exits 1 when Junction's growth passes the goal (or a transfer is wrong), naming which.
 *
 * Modes: full (default: 200 MB upload, 2 GB download) or CI-sized with `--ci` or
 * BENCH_MEMORY_MODE=ci (200 MB upload, 500 MB download, < 60 s). Environment:
 * BENCH_UPLOAD_MB, BENCH_DOWNLOAD_MB, BENCH_READ_MBPS (the slow client's pace, default 200),
 * BENCH_GOAL_MB (default 32).
 */
import type { ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { sampleMemory, type MemoryWindow } from './memory-sampler';
import { slowDownload, upload, type Transfer } from './memory-scenarios';
import { child } from './fork-child';

const MB = 1024 * 1024;
const CI = process.argv.includes('--ci') || process.env.BENCH_MEMORY_MODE === 'ci';
const UPLOAD = Number(process.env.BENCH_UPLOAD_MB ?? 200) * MB;
const DOWNLOAD = Number(process.env.BENCH_DOWNLOAD_MB ?? (CI ? 500 : 2048)) * MB;
const READ_RATE = Number(process.env.BENCH_READ_MBPS ?? 200) * MB;
const GOAL = Number(process.env.BENCH_GOAL_MB ?? 32) * MB;
const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number): string => `${(bytes / MB).toFixed(1)} MB`;

/** One scenario's figures for one proxy. */
interface Result {
  readonly memory: MemoryWindow;
  readonly transfer: Transfer;
}

async function measure(pid: number, run: () => Promise<Transfer>): Promise<Result> {
  await settle(300);
  const sampler = sampleMemory(pid, 50);
  const transfer = await run();
  return { memory: sampler.stop(), transfer };
}

const upstream = await child<{ ports: number[] }>('./memory-upstream.ts');
const PROXIES = { junction: './junction-server.ts', bare: './memory-bare-proxy.ts' } as const;
/** Bytes the upstream has written in the current download, and the most ever ahead of the client. */
const flight = { written: 0, maxAhead: 0 };
upstream.proc.on('message', (m: { written?: number }) => {
  if (m.written !== undefined) flight.written = m.written;
});
const track = (received: number): void => {
  flight.maxAhead = Math.max(flight.maxAhead, flight.written - received);
};

console.log(
  `memory benchmark (${CI ? 'CI-sized' : 'full'}): upload ${mb(UPLOAD)}, download ${mb(DOWNLOAD)} read at ${mb(READ_RATE)}/s, ` +
    `goal: growth ≤ ${mb(GOAL)}; ${availableParallelism()} CPUs, Node ${process.version}`,
);
const SCENARIOS = {
  upload: (port: number) => upload(port, 'bench.local', UPLOAD, 30_000),
  download: (port: number) => {
    Object.assign(flight, { written: 0, maxAhead: 0 });
    return slowDownload(
      port,
      'bench.local',
      DOWNLOAD,
      READ_RATE,
      Math.max(20_000, (DOWNLOAD / READ_RATE) * 2_000),
      track,
    );
  },
};
type Scenario = keyof typeof SCENARIOS;
const results: Partial<Record<keyof typeof PROXIES, Partial<Record<Scenario, Result>>>> = {};
const failures: string[] = [];
let running: ChildProcess | undefined;
try {
  for (const scenario of Object.keys(SCENARIOS) as Scenario[]) {
    for (const name of Object.keys(PROXIES) as (keyof typeof PROXIES)[]) {
      // a fresh proxy per scenario: memory an earlier scenario left mapped would hide this one's growth
      const proxy = await child<{ port: number }>(PROXIES[name], upstream.reply);
      running = proxy.proc;
      const port = proxy.reply.port;
      await upload(port, 'bench.local', 4 * MB, 10_000); // warm-up: first-use allocations are not the body's
      await slowDownload(port, 'bench.local', 16 * MB, 1024 * MB, 10_000);
      const r = await measure(proxy.proc.pid as number, () => SCENARIOS[scenario](port));
      proxy.proc.kill();
      running = undefined;
      (results[name] ??= {})[scenario] = r;
      const growth = r.memory.peak - r.memory.idle;
      console.log(
        `${scenario.padEnd(9)}${name.padEnd(9)} idle ${mb(r.memory.idle).padStart(9)}  peak ${mb(r.memory.peak).padStart(9)}  growth ${mb(growth).padStart(8)}  ` +
          `${(r.transfer.bytes / MB / r.transfer.seconds).toFixed(0).padStart(5)} MB/s  ${r.transfer.seconds.toFixed(1).padStart(5)} s  (${r.memory.samples} samples${r.memory.kernelPeak ? ' + VmHWM' : ', VmHWM not resettable'})`,
      );
      if (r.transfer.problem !== undefined) failures.push(`${name} ${scenario}: ${r.transfer.problem}`);
      if (name === 'junction' && growth > GOAL)
        failures.push(`junction ${scenario}: RSS grew ${mb(growth)}, over the goal of ${mb(GOAL)}`);
      if (scenario === 'download')
        console.log(
          `${' '.repeat(18)} the upstream was at most ${mb(flight.maxAhead)} ahead of the client (socket buffers included)`,
        );
    }
    const j = results.junction?.[scenario]?.memory;
    const b = results.bare?.[scenario]?.memory;
    if (j !== undefined && b !== undefined) {
      const ratio = (j.peak - j.idle) / Math.max(MB, b.peak - b.idle);
      console.log(
        `${scenario.padEnd(9)}junction / bare: growth ×${ratio.toFixed(2)}, idle ${mb(j.idle)} / ${mb(b.idle)}`,
      );
    }
  }
} catch (error) {
  failures.push(`run failed: ${(error as Error).message}`);
} finally {
  running?.kill();
  upstream.proc.kill();
}
for (const failure of failures) console.log(`FAIL ${failure}`);
process.exit(failures.length === 0 ? 0 : 1);
