/**
 * Request figures counted in plain numbers, exported through prom-client at scrape time.
 *
 * prom-client's `Counter.inc` and `Histogram.observe` build a hash of the label values on every
 * call, even through a label-bound child: four of them per family per request, the largest cost
 * of the request metrics in a CPU profile of the proxy. Here each label set is one
 * {@link Series} object found once per request (`request-family.ts`), whose fields are plain
 * increments; the {@link PlainCounter} and {@link PlainHistogram} objects registered in the
 * prom-client `Registry` produce, when scraped, exactly the values prom-client's own Counter and
 * Histogram would (same shape from `get()` and `getForPromString()`, same order: label sets in
 * the order first seen, buckets cumulative, then `+Inf`, `_sum`, `_count`), so the exposition,
 * `getMetricsAsJSON` and prom-client's `AggregatorRegistry` (cluster sums) work unchanged.
 */

type Labels = Readonly<Record<string, string>>;

/** One label set of one family. */
export class Series {
  readonly values: readonly string[];
  readonly labels: Labels;
  requests = 0;
  durationSum = 0;
  /** Observations per bucket (not cumulative), by upper bound index; above the last: only in `requests`. */
  readonly buckets: Float64Array;
  requestBytes = 0;
  responseBytes = 0;
  hasRequestBytes = false;
  hasResponseBytes = false;

  constructor(labelNames: readonly string[], values: readonly string[], bucketCount: number) {
    this.values = values;
    const labels: Record<string, string> = {};
    labelNames.forEach((name, i) => {
      labels[name] = values[i] ?? '';
    });
    this.labels = labels;
    this.buckets = new Float64Array(bucketCount);
  }

  /** Zeroes every figure (prom-client's `reset`). */
  reset(): void {
    this.requests = 0;
    this.durationSum = 0;
    this.buckets.fill(0);
    this.requestBytes = this.responseBytes = 0;
    this.hasRequestBytes = this.hasResponseBytes = false;
  }
}

/** One exported value, as prom-client's metrics give them to the registry. */
interface MetricValue {
  value: number;
  labels: Record<string, string | number>;
  metricName?: string;
  sharedLabels?: Labels;
  exemplar?: null;
}

interface MetricData {
  name: string;
  help: string;
  type: 'counter' | 'histogram';
  values: MetricValue[];
  aggregator: 'sum';
}

/** What both exported kinds share: name, help, the family's series, cluster sums and `reset`. */
abstract class PlainMetric {
  readonly aggregator = 'sum';

  constructor(
    readonly name: string,
    readonly help: string,
    protected readonly series: () => Iterable<Series>,
  ) {}

  reset(): void {
    for (const s of this.series()) s.reset();
  }
}

/** A counter over the family's series; `read` gives a series' value, or undefined to leave it out. */
export class PlainCounter extends PlainMetric {
  readonly type = 'counter';

  constructor(
    name: string,
    help: string,
    series: () => Iterable<Series>,
    private readonly read: (s: Series) => number | undefined,
  ) {
    super(name, help, series);
  }

  get(): Promise<MetricData> {
    const values: MetricValue[] = [];
    for (const s of this.series()) {
      const value = this.read(s);
      if (value !== undefined) values.push({ value, labels: s.labels });
    }
    return Promise.resolve({ help: this.help, name: this.name, type: 'counter', values, aggregator: 'sum' });
  }
}

/** The request-duration histogram over the family's series. */
export class PlainHistogram extends PlainMetric {
  readonly type = 'histogram';

  constructor(
    name: string,
    help: string,
    readonly upperBounds: readonly number[],
    series: () => Iterable<Series>,
  ) {
    super(name, help, series);
  }

  /** As prom-client's: labels `{le}` with the series' labels shared. */
  getForPromString(): Promise<MetricData> {
    const values: MetricValue[] = [];
    const bucket = `${this.name}_bucket`;
    for (const s of this.series()) {
      if (s.requests === 0) continue; // never recorded since a reset: no series, as prom-client
      const shared = s.labels;
      let acc = 0;
      this.upperBounds.forEach((le, i) => {
        acc += s.buckets[i] ?? 0;
        values.push({ labels: { le }, sharedLabels: shared, value: acc, metricName: bucket, exemplar: null });
      });
      values.push(
        { labels: { le: '+Inf' }, sharedLabels: shared, value: s.requests, metricName: bucket, exemplar: null },
        { labels: {}, sharedLabels: shared, value: s.durationSum, metricName: `${this.name}_sum` },
        { labels: {}, sharedLabels: shared, value: s.requests, metricName: `${this.name}_count` },
      );
    }
    return Promise.resolve({ name: this.name, help: this.help, type: 'histogram', values, aggregator: 'sum' });
  }

  /** As prom-client's: the shared labels merged into each value's own. */
  async get(): Promise<MetricData> {
    const data = await this.getForPromString();
    data.values = data.values.map(({ sharedLabels, labels, ...rest }) => ({
      ...rest,
      labels: { ...labels, ...sharedLabels },
    }));
    return data;
  }
}
