/**
 * The benchmark as tables (terminal and markdown): per target the median throughput with its
 * min–max over the rounds, median p50 and p99 latency, errors; Junction's ratios; its memory.
 */
import { markdownTable, textTable } from '../report/tables';
import type { BenchResult } from './run-bench';
import type { Spread } from './summary';

/** Header of the per-target table. */
export const BENCH_HEADER: readonly string[] = Object.freeze(['target', 'req/s median', 'req/s min–max', 'p50 ms', 'p99 ms', 'errors', 'how it runs']);

const int = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
const ms2 = (n: number): string => (Number.isFinite(n) ? n.toFixed(2) : '—');
const range = (s: Spread): string => `${int(s.min)}–${int(s.max)}`;

/** One row per measured target. */
export function benchRows(result: BenchResult): string[][] {
  return result.summaries.map((s) => [
    s.target,
    int(s.rps.median),
    range(s.rps),
    ms2(s.p50Ms.median),
    ms2(s.p99Ms.median),
    String(s.errors),
    result.targets.find((t) => t.name === s.target)?.note ?? '',
  ]);
}

/** Ratio rows: `junction / nginx`, throughput ratio, p99 ratio. */
export function ratioRows(result: BenchResult): string[][] {
  return result.ratios.map((r) => [r.label, Number.isFinite(r.rps) ? r.rps.toFixed(2) : '—', Number.isFinite(r.p99) ? r.p99.toFixed(2) : '—']);
}

/** Junction's memory line, e.g. `Junction RSS: 80 MiB idle, 110 MiB peak under load, 95 MiB idle after`. */
export function memoryLine(result: BenchResult): string {
  const m = result.junctionMemory;
  if (m === undefined) return 'Junction RSS: not measured (junction not in the targets)';
  const f = (v: number | undefined): string => (v === undefined ? '?' : v.toFixed(0));
  return `Junction RSS: ${f(m.idleMiB)} MiB idle, ${f(m.loadPeakMiB)} MiB peak under load, ${f(m.idleAfterMiB)} MiB idle after the runs`;
}

const RATIO_HEADER = ['ratio', 'req/s (×)', 'p99 (×)'];

/** The terminal rendering. */
export function benchText(result: BenchResult): string {
  return [
    `Load generator: ${result.generator}; ${result.settings.rounds} rounds × ${result.settings.durationS} s per target, ${result.settings.connections} connections`,
    textTable(BENCH_HEADER, benchRows(result)),
    '',
    result.ratios.length === 0 ? '' : textTable(RATIO_HEADER, ratioRows(result)),
    memoryLine(result),
    ...result.skipped.map((s) => `skipped: ${s.reason}`),
  ].join('\n');
}

/** The markdown rendering. */
export function benchMarkdown(result: BenchResult): string {
  return [
    '# Junction proxy benchmark',
    '',
    `Created ${result.createdAt}. Load generator: ${result.generator}.`,
    '',
    ...Object.entries(result.settings).map(([k, v]) => `- ${k}: ${v}`),
    '',
    markdownTable(BENCH_HEADER, benchRows(result)),
    '',
    result.ratios.length === 0 ? '' : markdownTable(RATIO_HEADER, ratioRows(result)),
    '',
    memoryLine(result),
    '',
    ...result.skipped.map((s) => `- skipped: ${s.reason}`),
    '',
    'Medians over the rounds; min–max shows the spread. A req/s ratio below 1 means Junction served fewer requests per second; a p99 ratio above 1 means it added tail latency.',
    '',
  ].join('\n');
}
