/**
 * Per-source token buckets with a bounded table, the state behind `rateLimit`.
 *
 * Each bucket follows Go's `golang.org/x/time/rate` reservation model, which Traefik uses: a
 * bucket holds up to `burst` tokens and refills at `ratePerMs`; a request takes one token, and
 * when none is left it may borrow one, the debt telling how long it must wait. A reservation
 * whose wait exceeds `maxDelayMs` is refused and cancelled (its token given back).
 *
 * Memory stays bounded two ways. A bucket idle for `(burst + 1) / rate` is full again, so it is
 * indistinguishable from a new one and can be dropped without changing any decision; the table
 * is kept in least-recently-used order so those idle buckets sit at its front and are swept on
 * insert. And the table never holds more than `maxSources` buckets: under a flood of distinct
 * sources the least recently used one is dropped early, which can only make that source's next
 * request more lenient (it starts from a full bucket), never wrongly refused.
 */

/** Token bucket settings shared by every source. */
export interface BucketOptions {
  /** Refill rate in tokens per millisecond (> 0). */
  readonly ratePerMs: number;
  /** Bucket size (≥ 1). */
  readonly burst: number;
  /** Longest wait accepted for a reservation, in milliseconds. */
  readonly maxDelayMs: number;
  /** Upper bound on the number of buckets kept. */
  readonly maxSources: number;
}

/** The outcome of one reservation: `waitMs` 0 means go now. */
export interface Reservation {
  readonly ok: boolean;
  readonly waitMs: number;
}

interface Bucket {
  tokens: number;
  last: number;
}

const GO_NOW: Reservation = Object.freeze({ ok: true, waitMs: 0 });

/** A bounded table of token buckets keyed by source. */
export class TokenBuckets {
  readonly #opts: BucketOptions;
  readonly #idleMs: number;
  readonly #buckets = new Map<string, Bucket>();

  constructor(opts: BucketOptions) {
    this.#opts = opts;
    this.#idleMs = (opts.burst + 1) / opts.ratePerMs;
  }

  /** Number of buckets currently kept. */
  get size(): number {
    return this.#buckets.size;
  }

  /** Takes one token for `source` at time `now` (ms). */
  reserve(source: string, now: number): Reservation {
    const { ratePerMs, burst, maxDelayMs } = this.#opts;
    let bucket = this.#buckets.get(source);
    if (bucket === undefined) {
      this.#evict(now);
      bucket = { tokens: burst, last: now };
    } else {
      this.#buckets.delete(source); // re-inserted below: most recently used last
      const elapsed = Math.max(0, now - bucket.last);
      bucket.tokens = Math.min(burst, bucket.tokens + elapsed * ratePerMs);
      bucket.last = Math.max(bucket.last, now);
    }
    this.#buckets.set(source, bucket);
    bucket.tokens -= 1;
    if (bucket.tokens >= 0) return GO_NOW;
    const waitMs = -bucket.tokens / ratePerMs;
    if (waitMs <= maxDelayMs) return { ok: true, waitMs };
    bucket.tokens += 1;
    return { ok: false, waitMs };
  }

  #evict(now: number): void {
    for (const [key, bucket] of this.#buckets) {
      const idle = now - bucket.last >= this.#idleMs;
      if (!idle && this.#buckets.size < this.#opts.maxSources) break;
      this.#buckets.delete(key);
    }
  }
}
