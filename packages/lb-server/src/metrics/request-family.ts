/**
 * One family of per-request metrics (`<prefix>requests_total`, `…request_duration_seconds`,
 * `…requests_bytes_total`, `…responses_bytes_total`) sharing one label set, with the
 * label-bound children cached.
 *
 * Why the cache: prom-client's `metric.labels(...)` builds and validates a label object on every
 * call. Here each distinct label combination is bound once and kept in a `Map` keyed by the
 * label values joined with NUL, so the request path is one string join, one `Map` lookup and
 * four increments. (prom-client still hashes the labels inside `inc`/`observe`; counting into
 * plain numbers and exporting them at scrape time would be the next step if profiles ask for it.)
 * The cache never outgrows the label sets seen, and `prune`/`clear` evict with the series.
 */
import { Counter, Histogram, type Registry } from 'prom-client';
import {
  REQUEST_DURATION_SECONDS,
  REQUESTS_BYTES_TOTAL,
  REQUESTS_TOTAL,
  RESPONSES_BYTES_TOTAL,
} from './names';

interface Bound {
  readonly values: readonly string[];
  readonly requests: Counter.Internal;
  readonly duration: Histogram.Internal<string>;
  readonly requestBytes: Counter.Internal;
  readonly responseBytes: Counter.Internal;
}

/** Describes one family: metric name prefix, label names and what the help texts speak of. */
export interface RequestFamilyOptions {
  readonly prefix: string;
  readonly labelNames: readonly string[];
  readonly subject: string;
  readonly buckets: readonly number[];
  readonly registry: Registry;
}

/** Counters and histogram for requests on one kind of element (entry point, router or service). */
export class RequestFamily {
  readonly #labelNames: readonly string[];
  readonly #requests: Counter;
  readonly #duration: Histogram;
  readonly #requestBytes: Counter;
  readonly #responseBytes: Counter;
  readonly #bound = new Map<string, Bound>();

  constructor({ prefix, labelNames, subject, buckets, registry }: RequestFamilyOptions) {
    this.#labelNames = labelNames;
    const common = { labelNames: [...labelNames], registers: [registry] };
    const by = 'partitioned by status code, protocol, and method';
    this.#requests = new Counter({ name: prefix + REQUESTS_TOTAL, help: `How many HTTP requests processed on ${subject}, ${by}.`, ...common });
    this.#duration = new Histogram({
      name: prefix + REQUEST_DURATION_SECONDS,
      help: `How long it took to process the request on ${subject}, ${by}.`,
      buckets: [...buckets],
      ...common,
    });
    this.#requestBytes = new Counter({ name: prefix + REQUESTS_BYTES_TOTAL, help: `The total size of requests in bytes handled by ${subject}, ${by}.`, ...common });
    this.#responseBytes = new Counter({ name: prefix + RESPONSES_BYTES_TOTAL, help: `The total size of responses in bytes handled by ${subject}, ${by}.`, ...common });
  }

  /** Counts one request; `values` follow the family's label names. Bytes are counted when given. */
  record(values: readonly string[], durationSeconds: number, requestBytes?: number, responseBytes?: number): void {
    const key = values.join('\u0000');
    let bound = this.#bound.get(key);
    if (bound === undefined) {
      bound = {
        values,
        requests: this.#requests.labels(...values),
        duration: this.#duration.labels(...values),
        requestBytes: this.#requestBytes.labels(...values),
        responseBytes: this.#responseBytes.labels(...values),
      };
      this.#bound.set(key, bound);
    }
    bound.requests.inc();
    bound.duration.observe(durationSeconds);
    if (requestBytes !== undefined) bound.requestBytes.inc(requestBytes);
    if (responseBytes !== undefined) bound.responseBytes.inc(responseBytes);
  }

  /** Removes every series whose label `name` has a value for which `keep` is false. */
  prune(name: string, keep: (value: string) => boolean): void {
    const at = this.#labelNames.indexOf(name);
    if (at < 0) return;
    for (const [key, bound] of this.#bound) {
      if (keep(bound.values[at] ?? '')) continue;
      for (const metric of [this.#requests, this.#duration, this.#requestBytes, this.#responseBytes]) metric.remove(...bound.values);
      this.#bound.delete(key);
    }
  }

  /** Number of label combinations bound (for tests and diagnostics). */
  get size(): number {
    return this.#bound.size;
  }
}
