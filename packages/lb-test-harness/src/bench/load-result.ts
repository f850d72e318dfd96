/** The result of one load run, whichever generator produced it. */
export interface LoadResult {
  /** Completed requests. */
  readonly requests: number;
  /** Measured seconds. */
  readonly seconds: number;
  /** Requests per second. */
  readonly rps: number;
  /** Median latency, ms. */
  readonly p50Ms: number;
  /** 99th percentile latency, ms. */
  readonly p99Ms: number;
  /** Socket errors, timeouts and non-2xx answers. */
  readonly errors: number;
}
