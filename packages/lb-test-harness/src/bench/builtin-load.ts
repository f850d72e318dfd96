/**
 * The built-in load generator, used when wrk is not installed: an undici pool of N keep-alive
 * connections, each driven by one closed loop for a fixed time. It runs inside the harness's
 * Node process, so it saturates a proxy less than wrk does; reports say which one ran.
 */
import { Pool } from 'undici';
import { percentile } from '../stats';
import type { LoadResult } from './load-result';

/** Runs closed-loop load against `url` for `seconds` over `connections` connections. */
export async function runBuiltinLoad(url: string, seconds: number, connections: number): Promise<LoadResult> {
  const target = new URL(url);
  const pool = new Pool(target.origin, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  const loop = async (): Promise<void> => {
    while (performance.now() < end) {
      const t0 = performance.now();
      try {
        const res = await pool.request({ path: target.pathname + target.search, method: 'GET' });
        await res.body.dump();
        if (res.statusCode < 200 || res.statusCode >= 400) errors++;
        latencies.push(performance.now() - t0);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  const elapsed = (performance.now() - started) / 1000;
  await pool.close();
  return {
    requests: latencies.length,
    seconds: elapsed,
    rps: latencies.length / elapsed,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    errors,
  };
}
