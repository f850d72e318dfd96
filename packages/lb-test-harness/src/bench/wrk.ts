/**
 * wrk as the load generator: one thread (`-t1`), N keep-alive connections, `--latency` for the
 * percentiles, and a parser for its text output. wrk is a small C program, so it loads the
 * proxy far harder per CPU than a Node generator would.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { LoadResult } from './load-result';

const run = promisify(execFile);

/** Converts a wrk duration (`812.00us`, `1.23ms`, `2.00s`, `1.00m`) to milliseconds. */
export function wrkDurationMs(text: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (m === null) return Number.NaN;
  const value = Number(m[1]);
  const unit = m[2];
  return unit === 'us' ? value / 1000 : unit === 'ms' ? value : unit === 's' ? value * 1000 : value * 60_000;
}

/** Parses `wrk --latency` output. Throws when the summary lines are missing. */
export function parseWrk(output: string): LoadResult {
  const done = /(\d+) requests in ([\d.]+)(us|ms|s|m),/.exec(output);
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(output);
  if (done === null || rps === null) throw new Error(`unrecognised wrk output:\n${output}`);
  const pct = (p: string): number => {
    const m = new RegExp(`^\\s*${p}%\\s+(\\S+)`, 'm').exec(output);
    return m === null ? Number.NaN : wrkDurationMs(m[1] as string);
  };
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(output);
  const errors =
    (socket === null ? 0 : socket.slice(1).reduce((a, n) => a + Number(n), 0)) +
    (non2xx === null ? 0 : Number(non2xx[1]));
  return {
    requests: Number(done[1]),
    seconds: wrkDurationMs(`${done[2]}${done[3]}`) / 1000,
    rps: Number(rps[1]),
    p50Ms: pct('50'),
    p99Ms: pct('99'),
    errors,
  };
}

/**
 * Runs wrk against `url` for `seconds` with `connections` connections; `wrap` may pin it to a
 * CPU (taskset).
 */
export async function runWrk(
  wrk: string,
  url: string,
  seconds: number,
  connections: number,
  wrap: (command: string, args: readonly string[]) => { command: string; args: string[] } = (command, args) => ({
    command,
    args: [...args],
  }),
): Promise<LoadResult> {
  const cmd = wrap(wrk, ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '--timeout', '5s', url]);
  const { stdout } = await run(cmd.command, cmd.args, { timeout: (seconds + 15) * 1000 });
  return parseWrk(stdout);
}
