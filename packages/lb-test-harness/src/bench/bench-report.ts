/**
 * The benchmark as tables (terminal and markdown): per target the median throughput with its
 * min–max over the rounds, median p50 and p99 latency, CPU µs per request, RSS idle → peak,
 * errors; Junction's ratios; issue #12's goals; the workers scaling; memory per route; HTTPS.
 */
import { markdownTable, textTable } from '../report/tables';
import { HTTPS_HEADER, HTTPS_RATIO_HEADER, httpsNotes, httpsRatioRows, httpsRows } from './https-report';
import type { BenchResult } from './run-bench';
import type { Spread, TargetSummary } from './summary';

/** Header of the per-target table. */
export const BENCH_HEADER: readonly string[] = Object.freeze([
  'target',
  'req/s median',
  'req/s min–max',
  'p50 ms',
  'p99 ms',
  'CPU µs/req',
  'RSS MiB idle → peak',
  'others on its CPU',
  'errors',
  'how it runs',
]);
/** Header of the ratio table. */
export const RATIO_HEADER: readonly string[] = Object.freeze(['ratio', 'req/s (×)', 'p99 (×)', 'CPU/req (×)']);
/** Header of the goals table. */
export const GOAL_HEADER: readonly string[] = Object.freeze(['goal (issue #12)', 'measured', 'met']);
/** Header of the workers table. */
export const WORKERS_HEADER: readonly string[] = Object.freeze([
  'workers',
  'req/s median',
  'req/s min–max',
  'p99 ms',
  'CPU µs/req',
  'peak RSS MiB',
  '× 1 worker',
]);
/** Header of the memory-per-route table. */
export const ROUTES_HEADER: readonly string[] = Object.freeze([
  'routes',
  'RSS MiB after GC',
  'RSS MiB before GC',
  'heap MiB after GC',
  'KiB per route beyond idle',
]);

const int = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
const dec = (n: number | undefined, digits: number): string =>
  n !== undefined && Number.isFinite(n) ? n.toFixed(digits) : '—';
const range = (s: Spread): string => `${int(s.min)}–${int(s.max)}`;

/** One row per measured target. */
export function benchRows(result: BenchResult): string[][] {
  return result.summaries.map((s) => {
    const info = result.targets.find((t) => t.name === s.target);
    return [
      s.target,
      int(s.rps.median),
      range(s.rps),
      dec(s.p50Ms.median, 2),
      dec(s.p99Ms.median, 2),
      dec(s.cpuUsPerReq?.median, 1),
      `${dec(info?.idleRssMiB, 0)} → ${dec(s.peakRssMiB, 0)}`,
      s.otherLoad === undefined ? '—' : `${Math.round(s.otherLoad * 100)}%`,
      String(s.errors),
      info?.note ?? '',
    ];
  });
}

/** Ratio rows: `junction / nginx`, throughput, p99 and CPU-per-request ratios. */
export function ratioRows(result: BenchResult): string[][] {
  return result.ratios.map((r) => [r.label, dec(r.rps, 2), dec(r.p99, 2), dec(r.cpu, 2)]);
}

/** Goal rows: the goal, the figure, `yes` / `NO` / `—`. */
export function goalRows(result: BenchResult): string[][] {
  return result.goals.map((g) => [g.goal, g.measured, g.met === undefined ? '—' : g.met ? 'yes' : 'NO']);
}

/** Workers scaling rows (empty when it did not run). */
export function workersRows(result: BenchResult): string[][] {
  const w = result.workers;
  if (w === undefined || !w.supported) return [];
  const base: TargetSummary | undefined = w.summaries[0];
  return w.summaries.map((s) => [
    s.target.replace('workers=', ''),
    int(s.rps.median),
    range(s.rps),
    dec(s.p99Ms.median, 2),
    dec(s.cpuUsPerReq?.median, 1),
    dec(s.peakRssMiB, 0),
    base === undefined ? '—' : dec(s.rps.median / base.rps.median, 2),
  ]);
}

/** Memory-per-route rows, then one row per rewrite. */
export function routeRows(result: BenchResult): string[][] {
  const m = result.routeMemory;
  if (m === undefined) return [];
  const rows = m.points.map((p) => [
    p.routes === 0 ? '0 (idle)' : p.routes.toLocaleString('en-US'),
    dec(p.rssMiB, 1),
    dec(p.rssBeforeGcMiB, 1),
    dec(p.heapMiB, 1),
    dec(p.kibPerRoute, 1),
  ]);
  m.reloads?.afterMiB.forEach((v, i) =>
    rows.push([
      `${m.reloads?.routes.toLocaleString('en-US')} after rewrite ${i + 1}`,
      dec(v, 1),
      '',
      dec(m.reloads?.heapAfterMiB?.[i], 1),
      '',
    ]),
  );
  return rows;
}

/** Junction's memory line in the throughput run. */
export function memoryLine(result: BenchResult): string {
  const m = result.junctionMemory;
  if (m === undefined) return 'Junction RSS: not measured (junction not in the targets)';
  const f = (v: number | undefined): string => (v === undefined ? '?' : v.toFixed(0));
  const peak = `${f(m.loadPeakMiB)} MiB peak under load`;
  return `Junction RSS: ${f(m.idleMiB)} MiB idle, ${peak}, ${f(m.idleAfterMiB)} MiB idle after the runs`;
}

/** The workers section's one-line status. */
export function workersLine(result: BenchResult): string {
  const w = result.workers;
  if (w === undefined) return 'Workers scaling: not run';
  if (!w.supported) return `Workers scaling: ${w.reason ?? 'not supported'}`;
  const scaling = w.scaling === undefined ? '—' : `${w.scaling.toFixed(2)} ×`;
  return `Workers scaling (${w.note}): ${scaling} with the last count against the first`;
}

/** Share of the proxy's CPU others may take before the figures count as disturbed. */
export const NOISE_LIMIT = 0.05;

/** A warning naming the targets whose pinned CPU was shared with other processes, or ''. */
export function noiseWarning(result: BenchResult): string {
  const noisy = result.summaries.filter((s) => (s.otherLoad ?? 0) > NOISE_LIMIT);
  if (noisy.length === 0) return '';
  const list = noisy.map((s) => `${s.target} ${Math.round((s.otherLoad ?? 0) * 100)}%`).join(', ');
  return (
    `Warning: other processes took CPU from the pinned proxy during some rounds (${list}); ` +
    'those figures are disturbed, re-run on a quiet machine.'
  );
}

type Table = (header: readonly string[], rows: readonly (readonly string[])[]) => string;

function sections(result: BenchResult, table: Table, heading: (t: string) => string): string[] {
  const out: string[] = [];
  if (result.summaries.length > 0) out.push(heading('Throughput'), table(BENCH_HEADER, benchRows(result)), '');
  if (noiseWarning(result) !== '') out.push(noiseWarning(result), '');
  if (result.ratios.length > 0) out.push(table(RATIO_HEADER, ratioRows(result)), '');
  if (result.summaries.length > 0) out.push(memoryLine(result), '');
  out.push(heading('Goals'), table(GOAL_HEADER, goalRows(result)), '');
  out.push(heading('Workers'), workersLine(result), '');
  if (workersRows(result).length > 0) out.push(table(WORKERS_HEADER, workersRows(result)), '');
  if (result.routeMemory !== undefined)
    out.push(heading('Memory per route'), result.routeMemory.note, '', table(ROUTES_HEADER, routeRows(result)), '');
  if (result.https !== undefined) {
    out.push(heading('HTTPS: Junction and nginx terminating TLS'));
    if (httpsRows(result.https).length > 0) out.push(table(HTTPS_HEADER, httpsRows(result.https)), '');
    if (httpsRatioRows(result.https).length > 0) out.push(table(HTTPS_RATIO_HEADER, httpsRatioRows(result.https)), '');
    out.push(...httpsNotes(result.https), '');
  }
  return out;
}

/** The terminal rendering. */
export function benchText(result: BenchResult): string {
  return [
    `Load generator: ${result.generator}; ${result.settings.rounds} rounds × ${result.settings.durationS} s ` +
      `per target, ${result.settings.connections} connections; ${result.cpuPlan.note}`,
    ...sections(result, textTable, (t) => `== ${t}`),
    ...result.skipped.map((s) => `skipped: ${s.reason}`),
  ].join('\n');
}

/** How to read the markdown tables (one paragraph). */
const READING_NOTE = [
  'Medians over the rounds; min–max shows the spread.',
  'CPU µs/req is the target’s CPU time (process and children, from /proc) over the measured run',
  'divided by the requests it answered.',
  '“Others on its CPU” is the largest share of the pinned proxy’s CPU that other processes took in',
  'a round: above a few percent, that target’s figures were disturbed.',
  'A req/s ratio below 1 means Junction served fewer requests per second; p99 and CPU ratios above 1',
  'mean it added tail latency or CPU.',
].join(' ');

/** The markdown rendering. */
export function benchMarkdown(result: BenchResult): string {
  return [
    '# Junction proxy benchmark',
    '',
    `Created ${result.createdAt}. Load generator: ${result.generator}. Placement: ${result.cpuPlan.note}.`,
    '',
    ...Object.entries(result.settings).map(([k, v]) => `- ${k}: ${v}`),
    '',
    ...sections(result, markdownTable, (t) => `## ${t}\n`),
    ...result.skipped.map((s) => `- skipped: ${s.reason}`),
    '',
    READING_NOTE,
    '',
  ].join('\n');
}
