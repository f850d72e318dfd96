/**
 * New TLS handshakes per second with `openssl s_time -new`: each of N client processes opens a
 * connection, does a full handshake (a new session every time: no resumption, unlike wrk, whose
 * reconnects resume the session), sends `GET / HTTP/1.0`, reads the answer until the server
 * closes, and starts again, for a whole number of seconds. s_time is C and costs the client
 * about what the handshake costs the server, so N processes on the load CPU may bound a fast
 * server; the run reports that CPU's busy share beside the figures.
 */
import { execFile } from 'node:child_process';
import type { LoadResult } from './load-result';

/** What one `s_time -new` run printed. */
export interface STimeRun {
  /** Connections completed (each a full handshake and one request). */
  readonly connections: number;
  /** Bytes of answer read per connection (0 when the server answered nothing). */
  readonly bytesPerConnection: number;
  /**
   * Wall-clock seconds the client ran, measured around the process: s_time stops once
   * `time(NULL)` passes start + `-time`, so it runs between `-time` and `-time` + 1 s, and the
   * "real seconds" it prints are whole seconds.
   */
  readonly seconds?: number;
}

/** Parses `openssl s_time -new` output; `undefined` when its summary is missing. */
export function parseSTime(output: string): STimeRun | undefined {
  const m = /(\d+) connections in \d+ real seconds, (\d+) bytes read per connection/.exec(output);
  if (m === null) return undefined;
  return { connections: Number(m[1]), bytesPerConnection: Number(m[2]) };
}

/** The handshake run's result: a {@link LoadResult} (no latency percentiles) and the bytes per connection. */
export interface HandshakeResult extends LoadResult {
  readonly bytesPerConnection: number;
  /** What the first failed client printed last (s_time stops at its first failed connection). */
  readonly failure?: string;
}

/**
 * Sums the clients' runs: the rate is the sum of each client's connections over its own seconds
 * (`seconds` when it has none); a client that failed (no summary) counts as one error.
 */
export function combineSTime(
  runs: readonly (STimeRun | undefined)[],
  seconds: number,
  failure?: string,
): HandshakeResult {
  const ok = runs.filter((r): r is STimeRun => r !== undefined);
  const connections = ok.reduce((a, r) => a + r.connections, 0);
  const rps = ok.reduce((a, r) => a + r.connections / Math.max(r.seconds ?? seconds, 1e-3), 0);
  return {
    ...(failure === undefined || ok.length === runs.length ? {} : { failure }),
    requests: connections,
    seconds: Math.max(seconds, ...ok.map((r) => r.seconds ?? 0)),
    rps,
    p50Ms: Number.NaN,
    p99Ms: Number.NaN,
    errors: runs.length - ok.length,
    bytesPerConnection:
      connections === 0 ? 0 : ok.reduce((a, r) => a + r.connections * r.bytesPerConnection, 0) / connections,
  };
}

/**
 * Runs `clients` `openssl s_time -new` processes against `hostPort` for `seconds` (whole
 * seconds, at least 1), each through `wrap` (taskset), and combines them.
 */
export async function runHandshakes(
  openssl: string,
  hostPort: string,
  seconds: number,
  clients: number,
  wrap: (command: string, args: readonly string[]) => { command: string; args: string[] } = (command, args) => ({
    command,
    args: [...args],
  }),
): Promise<HandshakeResult> {
  const whole = Math.max(1, Math.round(seconds));
  let failure: string | undefined;
  const one = (): Promise<STimeRun | undefined> =>
    new Promise((resolve) => {
      const cmd = wrap(openssl, ['s_time', '-connect', hostPort, '-new', '-time', String(whole), '-www', '/']);
      const started = performance.now();
      execFile(cmd.command, cmd.args, { timeout: (whole + 15) * 1000 }, (err, stdout, stderr) => {
        const parsed = err === null ? parseSTime(stdout) : undefined;
        const run = parsed === undefined ? undefined : { ...parsed, seconds: (performance.now() - started) / 1000 };
        const tail = `${stdout}\n${stderr}`.trim().split('\n').slice(-3).join(' | ');
        if (run === undefined) failure ??= `${err?.message.split('\n')[0] ?? 'no summary'}: ${tail}`;
        resolve(run);
      });
    });
  return combineSTime(await Promise.all(Array.from({ length: clients }, one)), whole, failure);
}
