/**
 * A small closed-loop HTTP load generator on undici: `connections` keep-alive connections, each
 * sending its next request as soon as the previous answer is read, for `durationMs`. Returns
 * requests per second, latency percentiles and the count of non-2xx answers or errors.
 */
import { Pool } from 'undici';

/** One measured run. */
export interface LoadResult {
  readonly requests: number;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly failures: number;
}

/** The value at quantile `q` of sorted `values`. */
export function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/** Drives load against `origin` (see module comment). */
export async function runLoad(
  origin: string,
  options: { connections: number; durationMs: number; host: string; path: string },
): Promise<LoadResult> {
  const pool = new Pool(origin, { connections: options.connections, pipelining: 1, keepAliveTimeout: 30_000 });
  const latencies: number[] = [];
  let failures = 0;
  const deadline = performance.now() + options.durationMs;
  const loop = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const start = performance.now();
      try {
        const res = await pool.request({ path: options.path, method: 'GET', headers: { host: options.host } });
        await res.body.dump();
        if (res.statusCode >= 300) failures += 1;
      } catch {
        failures += 1;
      }
      latencies.push(performance.now() - start);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: options.connections }, loop));
  const elapsed = performance.now() - started;
  await pool.close();
  const sorted = Float64Array.from(latencies).sort();
  return {
    requests: latencies.length,
    rps: (latencies.length * 1000) / elapsed,
    p50Ms: quantile(sorted, 0.5),
    p99Ms: quantile(sorted, 0.99),
    failures,
  };
}
