/**
 * The benchmark's self-contained HTML report, like `compare`'s: inline CSS and inline SVG only,
 * no script and no external URL. Throughput, CPU per request and memory per target; the ratios
 * and issue #12's goals; the workers scaling; memory per route and across reloads; HTTPS against
 * nginx (keep-alive requests/s and new handshakes/s, CPU µs each).
 */
import {
  BENCH_HEADER,
  benchRows,
  GOAL_HEADER,
  goalRows,
  memoryLine,
  noiseWarning,
  RATIO_HEADER,
  ratioRows,
  ROUTES_HEADER,
  routeRows,
  WORKERS_HEADER,
  workersLine,
  workersRows,
} from '../bench/bench-report';
import {
  HTTPS_HEADER,
  HTTPS_RATIO_HEADER,
  httpsNotes,
  httpsRatioRows,
  httpsRows,
  httpsSeries,
} from '../bench/https-report';
import type { BenchResult } from '../bench/run-bench';
import type { Spread, TargetSummary } from '../bench/summary';
import { barChart, lineChart, pairedBarChart, type Bar } from './bench-charts';
import { escapeHtml } from './format';
import { htmlTable, REPORT_STYLE } from './html';

const hl = (target: string): boolean => target === 'junction' || target === 'reference';

/** One bar per summary that has the figure `pick` reads (median, whisker min–max). */
function spreadBars(
  summaries: readonly TargetSummary[],
  pick: (s: TargetSummary) => Spread | undefined,
  highlight: (target: string) => boolean,
): Bar[] {
  return summaries.flatMap((s) => {
    const v = pick(s);
    return v === undefined
      ? []
      : [{ label: s.target, value: v.median, min: v.min, max: v.max, highlight: highlight(s.target) }];
  });
}

function throughputSection(r: BenchResult): string {
  if (r.summaries.length === 0) return '';
  const rps = spreadBars(r.summaries, (s) => s.rps, hl);
  const cpu = spreadBars(r.summaries, (s) => s.cpuUsPerReq, hl);
  const p99 = spreadBars(r.summaries, (s) => s.p99Ms, hl);
  const rss = r.summaries.map((s) => ({
    label: s.target,
    a: r.targets.find((t) => t.name === s.target)?.idleRssMiB,
    b: s.peakRssMiB,
  }));
  return [
    '<h2>Throughput</h2>',
    htmlTable(BENCH_HEADER, benchRows(r)),
    noiseWarning(r) === '' ? '' : `<p class="note"><strong>${escapeHtml(noiseWarning(r))}</strong></p>`,
    r.ratios.length === 0 ? '' : htmlTable(RATIO_HEADER, ratioRows(r)),
    `<p class="note">${escapeHtml(memoryLine(r))}</p>`,
    '<h3>Requests per second (median, whisker: min–max over the rounds)</h3>',
    barChart('Requests per second per target', 'req/s', rps),
    cpu.length === 0
      ? ''
      : "<h3>CPU per request (the target's processes, from /proc)</h3>\n" +
        barChart('CPU microseconds per request per target', 'µs per request', cpu),
    '<h3>p99 latency</h3>',
    barChart('p99 latency per target', 'ms', p99),
    '<h3>Resident memory</h3>',
    pairedBarChart('RSS per target, idle and peak under load', 'MiB', ['idle', 'peak under load'], rss),
  ].join('\n');
}

function workersSection(r: BenchResult): string {
  const rows = workersRows(r);
  const bars: Bar[] = (r.workers?.summaries ?? []).map((s) => ({
    label: s.target,
    value: s.rps.median,
    min: s.rps.min,
    max: s.rps.max,
  }));
  return [
    '<h2>Workers scaling</h2>',
    `<p class="note">${escapeHtml(workersLine(r))}</p>`,
    rows.length === 0 ? '' : htmlTable(WORKERS_HEADER, rows),
    bars.length === 0 ? '' : barChart('Junction requests per second by worker count', 'req/s', bars),
  ].join('\n');
}

function routesSection(r: BenchResult): string {
  const m = r.routeMemory;
  if (m === undefined) return '';
  const reloads =
    m.reloads === undefined
      ? []
      : [
          { label: `${m.reloads.routes} routes, loaded`, value: m.reloads.beforeMiB },
          ...m.reloads.afterMiB.map((v, i) => ({ label: `after rewrite ${i + 1}`, value: v })),
        ];
  return [
    '<h2>Memory per route</h2>',
    `<p class="note">${escapeHtml(m.note)}</p>`,
    htmlTable(ROUTES_HEADER, routeRows(r)),
    lineChart(
      'Junction RSS against the number of routes',
      'routes (router + two-server service each)',
      'RSS MiB',
      m.points.map((p) => ({ x: p.routes, y: p.rssMiB })),
    ),
    reloads.length === 0
      ? ''
      : `<h3>Across reloads</h3>\n${barChart('Junction RSS as the route file is rewritten', 'MiB', reloads)}`,
  ].join('\n');
}

function httpsSection(r: BenchResult): string {
  const h = r.https;
  if (h === undefined) return '';
  const charts = httpsSeries(h).map(({ label, unit, series }) => {
    const isJunction = (target: string): boolean => target === 'junction';
    const rate = spreadBars(series.summaries, (s) => s.rps, isJunction);
    const cpu = spreadBars(series.summaries, (s) => s.cpuUsPerReq, isJunction);
    return [
      `<h3>${escapeHtml(label)} (${escapeHtml(unit)}, median, whisker: min–max)</h3>`,
      barChart(`HTTPS ${label} per second`, unit, rate),
      cpu.length === 0
        ? ''
        : barChart(`CPU microseconds per ${label === 'new TLS handshakes' ? 'handshake' : 'request'}`, 'µs each', cpu),
    ].join('\n');
  });
  return [
    '<h2>HTTPS: Junction and nginx terminating TLS</h2>',
    httpsRows(h).length === 0 ? '' : htmlTable(HTTPS_HEADER, httpsRows(h)),
    httpsRatioRows(h).length === 0 ? '' : htmlTable(HTTPS_RATIO_HEADER, httpsRatioRows(h)),
    ...httpsNotes(h).map((line) => `<p class="note">${escapeHtml(line)}</p>`),
    ...charts,
  ].join('\n');
}

/** The paragraph under the title: when and how the benchmark ran, and how to read its columns. */
function readingNote(r: BenchResult): string {
  return [
    `Created ${escapeHtml(r.createdAt)}.`,
    `Load generator: ${escapeHtml(r.generator)}.`,
    `${escapeHtml(r.cpuPlan.note)}.`,
    "Medians over the rounds; CPU µs/req is the target's CPU time (process and children) over the",
    'measured run divided by the requests it answered; “others on its CPU” is the largest share of',
    "the pinned proxy's CPU other processes took in a round.",
  ].join(' ');
}

/** Renders the benchmark as one HTML document. */
export function renderBenchHtml(r: BenchResult): string {
  const settings = Object.entries(r.settings)
    .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(String(v))}</dd>`)
    .join('');
  const skipped = r.skipped.map((s) => `<li>${escapeHtml(s.reason)}</li>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Junction proxy benchmark</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<h1>Junction proxy benchmark</h1>
<p class="note">${readingNote(r)}</p>
<dl>${settings}</dl>
<h2>Goals (issue #12)</h2>
${htmlTable(GOAL_HEADER, goalRows(r))}
${throughputSection(r)}
${workersSection(r)}
${routesSection(r)}
${httpsSection(r)}
${skipped === '' ? '' : `<h2>Skipped</h2><ul>${skipped}</ul>`}
</body>
</html>
`;
}
