/**
 * One family of per-request metrics (`<prefix>requests_total`, `…request_duration_seconds`,
 * `…requests_bytes_total`, `…responses_bytes_total`) sharing one label set.
 *
 * The request path finds the label set's {@link Series} with one string join and one `Map`
 * lookup, then counts into plain numbers; the family's four metrics are registered in the
 * prom-client registry as {@link PlainCounter}/{@link PlainHistogram}, which read the series at
 * scrape time (see `plain-series.ts` for why and how the exposition stays prom-client's). The map
 * never outgrows the label sets seen, and `prune` evicts with the series.
 */
import type { Registry } from 'prom-client';
import { REQUEST_DURATION_SECONDS, REQUESTS_BYTES_TOTAL, REQUESTS_TOTAL, RESPONSES_BYTES_TOTAL } from './names';
import { PlainCounter, PlainHistogram, Series } from './plain-series';

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
  readonly #bounds: readonly number[];
  readonly #series = new Map<string, Series>();
  /** Series with request / response bytes, in the order their first bytes came (prom-client's). */
  readonly #withRequestBytes = new Set<Series>();
  readonly #withResponseBytes = new Set<Series>();

  constructor({ prefix, labelNames, subject, buckets, registry }: RequestFamilyOptions) {
    this.#labelNames = labelNames;
    this.#bounds = [...buckets];
    const by = 'partitioned by status code, protocol, and method';
    const all = (): Iterable<Series> => this.#series.values();
    const metrics = [
      new PlainCounter(prefix + REQUESTS_TOTAL, `How many HTTP requests processed on ${subject}, ${by}.`, all, (s) =>
        s.requests === 0 ? undefined : s.requests,
      ),
      new PlainHistogram(
        prefix + REQUEST_DURATION_SECONDS,
        `How long it took to process the request on ${subject}, ${by}.`,
        this.#bounds,
        all,
      ),
      new PlainCounter(
        prefix + REQUESTS_BYTES_TOTAL,
        `The total size of requests in bytes handled by ${subject}, ${by}.`,
        () => this.#withRequestBytes,
        (s) => (s.hasRequestBytes ? s.requestBytes : undefined),
      ),
      new PlainCounter(
        prefix + RESPONSES_BYTES_TOTAL,
        `The total size of responses in bytes handled by ${subject}, ${by}.`,
        () => this.#withResponseBytes,
        (s) => (s.hasResponseBytes ? s.responseBytes : undefined),
      ),
    ];
    for (const metric of metrics)
      registry.registerMetric(metric as unknown as Parameters<Registry['registerMetric']>[0]);
  }

  /** Counts one request; `values` follow the family's label names. Bytes are counted when given. */
  record(values: readonly string[], durationSeconds: number, requestBytes?: number, responseBytes?: number): void {
    this.count(this.series(values), durationSeconds, requestBytes, responseBytes);
  }

  /** The series of one label set (`values` in label-name order), made when first seen. */
  series(values: readonly string[]): Series {
    const key = values.join('\u0000');
    let series = this.#series.get(key);
    if (series === undefined)
      this.#series.set(key, (series = new Series(this.#labelNames, values, this.#bounds.length)));
    return series;
  }

  /** Counts one request in `series` (one of {@link series}'s). Bytes are counted when given. */
  count(series: Series, durationSeconds: number, requestBytes?: number, responseBytes?: number): void {
    series.requests += 1;
    series.durationSum += durationSeconds;
    const bounds = this.#bounds;
    for (let i = 0; i < bounds.length; i++) {
      if (durationSeconds <= (bounds[i] as number)) {
        series.buckets[i] = (series.buckets[i] as number) + 1;
        break;
      }
    }
    if (requestBytes !== undefined) {
      if (!series.hasRequestBytes) this.#withRequestBytes.add(series);
      series.requestBytes += requestBytes;
      series.hasRequestBytes = true;
    }
    if (responseBytes !== undefined) {
      if (!series.hasResponseBytes) this.#withResponseBytes.add(series);
      series.responseBytes += responseBytes;
      series.hasResponseBytes = true;
    }
  }

  /** Removes every series whose label `name` has a value for which `keep` is false. */
  prune(name: string, keep: (value: string) => boolean): void {
    const at = this.#labelNames.indexOf(name);
    if (at < 0) return;
    for (const [key, series] of this.#series) {
      if (keep(series.values[at] ?? '')) continue;
      this.#series.delete(key);
      this.#withRequestBytes.delete(series);
      this.#withResponseBytes.delete(series);
    }
  }

  /** Number of label combinations bound (for tests and diagnostics). */
  get size(): number {
    return this.#series.size;
  }
}
