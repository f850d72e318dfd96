/**
 * The `lb-server` child of the memory-per-route benchmark (memory-routes.bench.ts): starts it with
 * a file provider, `--expose-gc` and a preload answering SIGUSR2 with a full GC and
 * `process.memoryUsage()` on stderr; follows the configurations it reports applying; reads its
 * resident memory (`VmRSS` from /proc/<pid>/status) 2 s after a load and once settled (at least
 * BENCH_MIN_SETTLE_MS, then until it holds still for BENCH_STEADY_MS, at most
 * BENCH_MAX_SETTLE_MS), and again after a full GC. Every wait has a deadline.
 */
import { NODE_FLAGS, PROCESS_ENV } from '../bin/node-flags.mjs';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
export const KB = 1024;
export const MB = 1024 * KB;
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 2_000);
const MIN_SETTLE_MS = Number(process.env.BENCH_MIN_SETTLE_MS ?? 30_000);
const STEADY_MS = Number(process.env.BENCH_STEADY_MS ?? 5_000);
const MAX_SETTLE_MS = Number(process.env.BENCH_MAX_SETTLE_MS ?? 60_000);
/** On SIGUSR2: a full GC, then `MEMORY <json>` on stderr. */
const PROBE = `data:text/javascript,${encodeURIComponent(
  "process.on('SIGUSR2', () => { gc(); gc(); process.stderr.write('MEMORY ' + JSON.stringify(process.memoryUsage()) + '\\n'); });",
)}`;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** How to run lb-server: the entry (a built `main.js`, or tsx and `src/main.ts`) and added options. */
export interface Launch {
  readonly entry: readonly string[];
  readonly lbArgs: readonly string[];
}

/** A running `lb-server` child and what it has logged. */
export interface Child {
  readonly proc: ChildProcess;
  /** Generations the child reported applying, with their router counts. */
  readonly applied: { generation: number; routers: number }[];
  memory(): Promise<Omit<Row, 'label'>>;
  stop(): Promise<void>;
}

/** The process's resident memory, bytes. */
function rssOf(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match === null ? 0 : Number(match[1]) * KB;
}

/** Polls `probe` every 20 ms until it returns a value; throws after `ms`. */
export async function until<T>(probe: () => T | undefined, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Starts lb-server on `file` with the Node flags Junction ships with, then `flags`. */
export async function start(file: string, flags: readonly string[], launch: Launch): Promise<Child> {
  const proc = spawn(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      PROBE,
      ...NODE_FLAGS,
      ...flags,
      ...launch.entry,
      `--providers.file.filename=${file}`,
      '--entryPoints.web.address=127.0.0.1:0',
      '--log.level=INFO',
      ...launch.lbArgs,
    ],
    { cwd: PACKAGE, stdio: ['ignore', 'pipe', 'pipe'], env: { ...PROCESS_ENV, ...process.env } },
  );
  const applied: { generation: number; routers: number }[] = [];
  let pending: ((line: string) => void) | undefined;
  let out = '';
  let err = '';
  proc.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const lines = out.split('\n');
    out = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      const entry = JSON.parse(line) as { msg?: string; generation?: number; routers?: number };
      if (entry.msg === 'configuration applied')
        applied.push({ generation: entry.generation ?? 0, routers: entry.routers ?? 0 });
    }
  });
  proc.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    const at = err.indexOf('MEMORY ');
    const end = err.indexOf('\n', at);
    if (at >= 0 && end > at && pending !== undefined) {
      pending(err.slice(at + 7, end));
      err = err.slice(end + 1);
    }
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return {
    proc,
    applied,
    async memory() {
      const pid = proc.pid ?? 0;
      const started = Date.now();
      await sleep(SETTLE_MS);
      const early = rssOf(pid);
      // V8's memory reducer gives back the young generation (grown by the parse) some 10–20 s
      // after the last collection: wait MIN_SETTLE_MS, then until RSS holds still for STEADY_MS
      // (at most MAX_SETTLE_MS).
      let rss = early;
      let stableSince = Date.now();
      const settling = (): boolean => Date.now() - started < MIN_SETTLE_MS || Date.now() - stableSince < STEADY_MS;
      while (settling() && Date.now() - started < MAX_SETTLE_MS) {
        await sleep(500);
        const now = rssOf(pid);
        if (Math.abs(now - rss) > MB / 2) stableSince = Date.now();
        rss = now;
      }
      const settledMs = Date.now() - started;
      const line = new Promise<string>((resolve, reject) => {
        pending = resolve;
        setTimeout(() => reject(new Error(`no memory report (stderr: ${err.slice(-500)})`)), 10_000).unref();
      });
      proc.kill('SIGUSR2');
      const usage = JSON.parse(await line) as { heapUsed: number };
      await sleep(200);
      return { early, rss, settledMs, gcRss: rssOf(pid), heapUsed: usage.heapUsed };
    },
    async stop() {
      proc.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (proc.exitCode === null) proc.kill('SIGKILL');
    },
  };
}

/** One row of the table. */
export interface Row {
  readonly label: string;
  /** RSS SETTLE_MS after the load. */
  readonly early: number;
  /** RSS once it held still (the memory reducer has run), and when that was. */
  readonly rss: number;
  readonly settledMs: number;
  readonly gcRss: number;
  readonly heapUsed: number;
}
