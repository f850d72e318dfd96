/** Number formats shared by the terminal table, markdown and HTML reports. */
import type { RebalanceRow } from '../model/types';

/** A share 0..1 as a whole percentage, e.g. `33%`. */
export function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** Milliseconds: one decimal under 10 ms, whole above; `—` for NaN. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return value < 10 ? value.toFixed(1) : String(Math.round(value));
}

/** Percentage points with one decimal. */
export function points(value: number): string {
  return value.toFixed(1);
}

/**
 * Rebalance times in one cell: `—` without changes, else each change as `kill s2 120 ms` with
 * `never` when traffic did not match within the run.
 */
export function rebalanceCell(rows: readonly RebalanceRow[]): string {
  if (rows.length === 0) return '—';
  return rows.map((r) => `${r.label} ${r.ms === null ? 'never' : `${ms(r.ms)} ms`}`).join(', ');
}

/** Escapes text for HTML and SVG content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
