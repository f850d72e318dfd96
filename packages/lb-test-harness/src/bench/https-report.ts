/**
 * The HTTPS part of the benchmark report (terminal, markdown and HTML share these rows): per
 * target, keep-alive requests/s and new handshakes/s with their CPU µs each, RSS and the load
 * CPU's busy share; then Junction / nginx as ratios taken within the run.
 */
import type { HttpsResult, HttpsSeries } from './https-run';
import type { Spread } from './summary';

/** Header of the HTTPS table. */
export const HTTPS_HEADER: readonly string[] = Object.freeze([
  'target',
  'measure',
  'median /s',
  'min–max /s',
  'CPU µs each',
  'p99 ms',
  'RSS MiB idle → peak',
  'load CPU busy',
  'others on its CPU',
  'errors',
]);
/** Header of the HTTPS ratio table. */
export const HTTPS_RATIO_HEADER: readonly string[] = Object.freeze([
  'junction / nginx',
  'per second (×)',
  'CPU each (×)',
]);

const int = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
const dec = (n: number | undefined, digits: number): string =>
  n !== undefined && Number.isFinite(n) ? n.toFixed(digits) : '—';
const range = (s: Spread): string => `${int(s.min)}–${int(s.max)}`;
const pct = (n: number | undefined): string => (n === undefined ? '—' : `${Math.round(n * 100)}%`);

/** The measured series with their labels, in report order. */
export function httpsSeries(r: HttpsResult): { label: string; unit: string; series: HttpsSeries }[] {
  return [
    ...(r.keepAlive === undefined ? [] : [{ label: 'keep-alive requests', unit: 'req/s', series: r.keepAlive }]),
    ...(r.handshakes === undefined
      ? []
      : [{ label: 'new TLS handshakes', unit: 'handshakes/s', series: r.handshakes }]),
  ];
}

/** One row per target and measure. */
export function httpsRows(r: HttpsResult | undefined): string[][] {
  if (r === undefined) return [];
  return httpsSeries(r).flatMap(({ label, series }) =>
    series.summaries.map((s) => [
      s.target,
      label,
      int(s.rps.median),
      range(s.rps),
      dec(s.cpuUsPerReq?.median, 1),
      dec(s.p99Ms.median, 2),
      `${dec(r.targets.find((t) => t.name === s.target)?.idleRssMiB, 0)} → ${dec(s.peakRssMiB, 0)}`,
      pct(series.loadCpuBusy[s.target]),
      pct(s.otherLoad),
      String(s.errors),
    ]),
  );
}

/** Junction / nginx per measure (empty without both). */
export function httpsRatioRows(r: HttpsResult | undefined): string[][] {
  if (r === undefined) return [];
  return httpsSeries(r).flatMap(({ label, series }) =>
    series.ratio === undefined ? [] : [[label, dec(series.ratio.rps, 2), dec(series.ratio.cpu, 2)]],
  );
}

/** The warning for runs whose load CPU was saturated (`bound`: `target (measure)` entries). */
function loadBoundNote(bound: readonly string[]): string {
  return (
    `The load CPU (clients, backends and anything else running there) was ≥ 90 % busy for ${bound.join(', ')}: ` +
    'the clients, not the proxy, may have set that rate; compare CPU µs each rather than the rate there.'
  );
}

/**
 * Lines under the tables: how it ran, the certificate, the targets, what was skipped, and a
 * warning when the generators were CPU-bound.
 */
export function httpsNotes(r: HttpsResult | undefined): string[] {
  if (r === undefined) return [];
  const bound = httpsSeries(r).flatMap(({ label, series }) =>
    Object.entries(series.loadCpuBusy)
      .filter(([, v]) => v >= 0.9)
      .map(([t]) => `${t} (${label})`),
  );
  return [
    `How: ${r.note}.`,
    ...(r.certificate === '' ? [] : [`Certificate: ${r.certificate}.`]),
    ...r.targets.map((t) => `${t.name}: ${t.note}.`),
    ...(bound.length === 0 ? [] : [loadBoundNote(bound)]),
    ...r.skipped.map((s) => `Skipped: ${s.reason}.`),
  ];
}
