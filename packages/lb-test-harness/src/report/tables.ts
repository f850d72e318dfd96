/**
 * The comparison as rows of cells, rendered as a padded text table for the terminal or a
 * markdown table. One row per scenario × strategy, in run order.
 */
import type { ComparisonResult, RunResult } from '../model/types';
import { ms, pct, points, rebalanceCell } from './format';

/** Column headers of the summary table. */
export const SUMMARY_HEADER: readonly string[] = Object.freeze([
  'scenario',
  'strategy',
  'requests',
  'failed',
  'share per server (expected)',
  'max dev (pp)',
  'longest run',
  'stickiness',
  'sessions lost',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'time to rebalance',
]);

/** `s1 71% (71%) s2 14% (14%)`: observed and expected share of each server. */
export function sharesCell(run: RunResult): string {
  return run.metrics.shares.map((s) => `${s.id} ${pct(s.share)} (${pct(s.expected)})`).join(' ');
}

/** One summary row per run. */
export function summaryRows(result: ComparisonResult): string[][] {
  const label = (id: string): string => result.strategies.find((s) => s.id === id)?.label ?? id;
  return result.runs.map((run) => {
    const m = run.metrics;
    return [
      run.scenario,
      label(run.strategy),
      String(m.requests),
      String(m.failed),
      sharesCell(run),
      points(m.maxDeviation),
      `${m.longestRun.length}${m.longestRun.id === null ? '' : ` (${m.longestRun.id})`}`,
      m.stickiness === null ? '—' : pct(m.stickiness),
      m.sessions === 0 ? '—' : `${m.sessionsLost}/${m.sessions}`,
      ms(m.latency.p50),
      ms(m.latency.p95),
      ms(m.latency.p99),
      rebalanceCell(m.rebalance),
    ];
  });
}

/** A padded plain-text table with a rule under the header (numbers are right-aligned). */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = header.map(
    (_, i) => rows.some((r) => /\d/.test(r[i] ?? '')) && rows.every((r) => /^[\d.,—–-]+$/.test(r[i] ?? '')),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** A markdown table (pipes in cells are escaped). */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (c: string): string => c.replaceAll('|', '\\|');
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
